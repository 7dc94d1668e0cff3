//! Decoding input bytes (UTF-8, UTF-16, legacy Vietnamese encodings) into text.
