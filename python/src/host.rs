//! The service a request was sent to, read from its `Host` as the library reads a capture's.

use pyo3::prelude::*;
use tencentcloud_envelope::capture::is_api_host;

/// The API domain with the dot that joins it to the labels before it.
const UNDER_DOMAIN: &str = ".tencentcloudapi.com";

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
    if !is_api_host(name) {
        return None;
    }
    let name = name.strip_suffix('.').unwrap_or(name);
    let labels = name
        .len()
        .checked_sub(UNDER_DOMAIN.len())
        .and_then(|end| name.get(..end))?;
    labels
        .split('.')
        .next()
        .filter(|label| !label.is_empty())
        .map(str::to_ascii_lowercase)
}
