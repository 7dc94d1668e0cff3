//! One opaque error type for the library: I/O and data loading fail, restoring never does.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, in broad strokes; match on it through [`Error::kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io,
    /// A data file (dictionary, corpus, model) is malformed.
    Parse,
    /// The input bytes could not be decoded as text.
    Decode,
    /// The input is a binary file.
    Binary,
    /// A configuration value is invalid.
    Config,
}

/// An error with the file and, where known, the line or byte offset it concerns.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a short lower-case message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, path: None, message: message.into(), source: None }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            path: Some(path.into()),
            message: err.to_string(),
            source: Some(Box::new(err)),
        }
    }

    /// A parse error in `path` at 1-based `line`.
    pub fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Parse,
            path: Some(path.into()),
            message: format!("line {line}: {}", message.into()),
            source: None,
        }
    }

    /// Attach the file this error concerns.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// The broad kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file concerned, if known.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}

/// A malformed line of a tab-separated table (confusion counts, calibration): its 1-based
/// number and what is wrong with it; [`Error::parse`] adds the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub message: String,
}

impl LineError {
    /// Line `line` (1-based) is wrong: `message`.
    pub fn new(line: usize, message: impl Into<String>) -> LineError {
        LineError { line, message: message.into() }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LineError {}
