//! Reports and diagnostics as Python objects, in the field names of the tool's JSON report.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use tencentcloud_envelope as envelope;

/// One finding: which rule, how serious, and where.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's kebab-case id (`missing-request-id`).
    rule: &'static str,
    /// `note`, `warning` or `error`.
    severity: &'static str,
    /// An RFC 6901 JSON Pointer to the offending value; `""` is the root.
    pointer: String,
    /// The 1-based line; 0 for a finding about the response's headers (in `classify`'s
    /// `Success.findings`), which has no place in the body.
    line: usize,
    /// The 1-based column, in characters; 0 with line 0.
    column: usize,
    /// What is wrong, naming the values involved.
    message: String,
}

impl From<&envelope::Diagnostic> for Diagnostic {
    fn from(diagnostic: &envelope::Diagnostic) -> Self {
        Diagnostic {
            rule: diagnostic.rule().as_str(),
            severity: diagnostic.severity().as_str(),
            pointer: diagnostic.pointer().to_owned(),
            line: diagnostic.line(),
            column: diagnostic.column(),
            message: diagnostic.message().to_owned(),
        }
    }
}

#[pymethods]
impl Diagnostic {
    /// The diagnostic as the tool's JSON report prints it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rule", self.rule)?;
        dict.set_item("severity", self.severity)?;
        dict.set_item("pointer", &self.pointer)?;
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("message", &self.message)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Diagnostic(rule={:?}, severity={:?}, pointer={:?}, line={}, column={}, message={:?})",
            self.rule, self.severity, self.pointer, self.line, self.column, self.message
        )
    }
}

/// Findings of one rule past a report's budget (`max_findings`): counted, not kept.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The rule's kebab-case id.
    rule: &'static str,
    /// `note`, `warning` or `error`.
    severity: &'static str,
    /// How many findings of the rule were not kept.
    count: u64,
}

#[pymethods]
impl Omitted {
    /// As the tool's JSON report prints it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rule", self.rule)?;
        dict.set_item("severity", self.severity)?;
        dict.set_item("count", self.count)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Omitted(rule={:?}, severity={:?}, count={})",
            self.rule, self.severity, self.count
        )
    }
}

/// Everything the validator found in one response.
#[pyclass(module = "tencentcloud_envelope", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `success`, `failure` or `invalid`.
    outcome: &'static str,
    /// `Response.RequestId`, whenever it was a readable string.
    request_id: Option<String>,
    /// `Response.Error.Code`, whenever it was a readable string.
    code: Option<String>,
    /// The findings, in input order.
    diagnostics: Vec<Diagnostic>,
    /// The findings past the budget, counted by rule.
    omitted: Vec<Omitted>,
}

impl From<&envelope::Report> for Report {
    fn from(report: &envelope::Report) -> Self {
        Report {
            outcome: report.outcome().as_str(),
            request_id: report.request_id().map(str::to_owned),
            code: report.code().map(str::to_owned),
            diagnostics: report.diagnostics().iter().map(Diagnostic::from).collect(),
            omitted: (report.omitted().iter())
                .map(|o| Omitted {
                    rule: o.rule().as_str(),
                    severity: o.severity().as_str(),
                    count: o.count(),
                })
                .collect(),
        }
    }
}

#[pymethods]
impl Report {
    /// The rule ids of the findings, in input order.
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.rule).collect()
    }

    /// Whether any finding comes from `rule`.
    fn has(&self, rule: &str) -> PyResult<bool> {
        rule.parse::<envelope::Rule>()
            .map_err(|error| pyo3::exceptions::PyValueError::new_err(error.to_string()))?;
        Ok(self.diagnostics.iter().any(|d| d.rule == rule)
            || self.omitted.iter().any(|o| o.rule == rule))
    }

    /// How many findings have `severity` (`note`, `warning` or `error`), those past the
    /// budget included.
    fn count(&self, severity: &str) -> PyResult<u64> {
        severity
            .parse::<envelope::Severity>()
            .map_err(|error| pyo3::exceptions::PyValueError::new_err(error.to_string()))?;
        let kept = self.diagnostics.iter().filter(|d| d.severity == severity);
        let omitted = self.omitted.iter().filter(|o| o.severity == severity);
        Ok(kept.count() as u64 + omitted.map(|o| o.count).sum::<u64>())
    }

    /// The report as the tool's JSON report prints it (without `source`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("outcome", self.outcome)?;
        dict.set_item("request_id", &self.request_id)?;
        dict.set_item("code", &self.code)?;
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| d.to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item("diagnostics", diagnostics)?;
        if !self.omitted.is_empty() {
            let omitted = (self.omitted.iter())
                .map(|o| o.to_dict(py))
                .collect::<PyResult<Vec<_>>>()?;
            dict.set_item("omitted", omitted)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let text = |value: &Option<String>| {
            value
                .as_ref()
                .map_or("None".to_owned(), |v| format!("{v:?}"))
        };
        format!(
            "Report(outcome={:?}, request_id={}, code={}, rules={:?})",
            self.outcome,
            text(&self.request_id),
            text(&self.code),
            self.rules()
        )
    }
}
