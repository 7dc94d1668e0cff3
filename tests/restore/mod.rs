//! Restoration on real data.
