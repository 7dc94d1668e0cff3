//! Python bindings: a `Restorer` that holds the model once (loading it is the slow part), and
//! restores and extracts strings with the GIL released, from any number of Python threads.

use pyo3::exceptions::{PyIOError, PyValueError};
use pyo3::prelude::*;
use vnr::{
    restore_and_report, restore_in_parallel, Combine, DecodeOptions, Detail, DocError, DocOptions,
    DEFAULT_BLOCK_BYTES,
};

/// Restores Vietnamese text and extracts its report; build once, use from any thread.
#[pyclass(frozen, module = "vnreport")]
struct Restorer {
    inner: vnr::Restorer,
}

fn model_error(e: vnr::Error) -> PyErr {
    match e.kind() {
        vnr::ErrorKind::Io => PyIOError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

impl Restorer {
    /// The restored text and the report JSON of `text`, as the command line gives them.
    fn run(
        &self,
        text: &str,
        name: &str,
        tokens: Option<&mut Vec<vnr::TokenRecord>>,
    ) -> PyResult<(String, String)> {
        let opts =
            DocOptions { decode: DecodeOptions::default(), block_bytes: DEFAULT_BLOCK_BYTES, budget: None };
        let mut restored = Vec::new();
        let report =
            restore_and_report(&self.inner, text.as_bytes(), name, &mut restored, tokens, &opts, &|_, _| {})
                .map_err(|e| match e {
                    DocError::Read(m) => PyValueError::new_err(m),
                    DocError::Write(e) | DocError::Report(e) => PyIOError::new_err(e.to_string()),
                })?;
        let restored = String::from_utf8(restored).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((restored, vnr::to_json(&report, false)))
    }
}

#[pymethods]
impl Restorer {
    /// `Restorer()` loads the shipped model; `Restorer(model="DIR")` adds a folder of clean
    /// reports to it (`replace=True` trains on the folder alone), `model="FILE.bin"` loads a
    /// model file written by `vnreport build-model`.
    #[new]
    #[pyo3(signature = (model=None, replace=false))]
    fn new(py: Python<'_>, model: Option<std::path::PathBuf>, replace: bool) -> PyResult<Restorer> {
        py.allow_threads(|| {
            let model = match model {
                None => vnr::Model::shipped(),
                Some(p) => vnr::Model::from_path(&p, if replace { Combine::Replace } else { Combine::Add }),
            }
            .map_err(model_error)?;
            Ok(Restorer { inner: vnr::Restorer::new(model) })
        })
    }

    /// The restored text of `text` (line structure kept).
    fn restore(&self, py: Python<'_>, text: &str) -> PyResult<String> {
        let text = text.to_owned();
        py.allow_threads(|| self.run(&text, "<string>", None).map(|(restored, _)| restored))
    }

    /// Every change of `text` as dicts {line, start, end, from, to, confidence} (character
    /// offsets in the input line, 1-based lines), as `vnreport restore --corrections` writes them.
    fn corrections(&self, py: Python<'_>, text: &str) -> PyResult<PyObject> {
        let text = text.to_owned();
        let lines: Vec<String> = py.allow_threads(|| {
            let (restored, _) = restore_in_parallel(&self.inner, &text, Detail::Lines);
            restored
                .lines
                .iter()
                .flat_map(|l| l.corrections.iter())
                .map(serde_json_line)
                .collect::<PyResult<Vec<String>>>()
        })?;
        let json = py.import("json")?;
        let list = pyo3::types::PyList::empty(py);
        for l in lines {
            list.append(json.call_method1("loads", (l,))?)?;
        }
        Ok(list.into_any().unbind())
    }

    /// Every token of `text` as dicts {line, start, end, out_start, out_end, input, output,
    /// kind, confidence, alternatives: [{text, p}]}, as `vnreport restore --tokens` writes them.
    fn restore_tokens(&self, py: Python<'_>, text: &str) -> PyResult<PyObject> {
        let text = text.to_owned();
        let json = py.allow_threads(|| {
            let mut tokens = Vec::new();
            self.run(&text, "<string>", Some(&mut tokens))?;
            serde_json::to_string(&tokens).map_err(|e| PyValueError::new_err(e.to_string()))
        })?;
        Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
    }

    /// The report of `text` as Python dicts, the same schema as `vnreport extract`'s JSON.
    #[pyo3(signature = (text, name="<string>"))]
    fn extract(&self, py: Python<'_>, text: &str, name: &str) -> PyResult<PyObject> {
        let (text, name) = (text.to_owned(), name.to_owned());
        let (_, json) = py.allow_threads(|| self.run(&text, &name, None))?;
        Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
    }
}

fn serde_json_line(c: &vnr::Correction) -> PyResult<String> {
    serde_json::to_string(c).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Restore Vietnamese diacritics in OCR'd government reports and extract their data.
#[pymodule]
fn vnreport(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Restorer>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
