//! The service a request was sent to, read from its `Host` as the library reads a capture's.

use pyo3::prelude::*;

/// The service whose endpoint `host` (a `Host` header) names: the first label of a name under
/// `tencentcloudapi.com`, in lower case, with a port and one trailing dot ignored; `None` for
/// any other host and for the domain itself, which names no service.
#[pyfunction]
pub(crate) fn service_of_host(host: &str) -> Option<String> {
    let host = host.trim();
    // A port is digits after the last colon; an IPv6 literal's colons are inside brackets.
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    tencentcloud_envelope::capture::service_of_host(name)
}
