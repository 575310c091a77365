//! A service's names. The API descriptions name a service as its host does
//! (`as.tencentcloudapi.com`); the official code lists and SDKs call a few services otherwise
//! (`autoscaling`). Every lookup by service, in the descriptions and in the code catalogue,
//! goes through [`host_name`], so that either name finds the same service.

/// Other names of services, each with the host's name: `(other, host)`.
const ALIASES: &[(&str, &str)] = include!("data/service_aliases.rs");

/// The host's name of `service` (ASCII case ignored): itself, unless it is another name.
pub(crate) fn host_name(service: &str) -> &str {
    ALIASES
        .iter()
        .find(|(other, _)| other.eq_ignore_ascii_case(service))
        .map_or(service, |&(_, host)| host)
}

/// Whether `a` and `b` name the same service (ASCII case ignored).
pub(crate) fn same_service(a: &str, b: &str) -> bool {
    host_name(a).eq_ignore_ascii_case(host_name(b))
}

/// Every other name, with the host's name it stands for.
#[cfg(test)]
pub(crate) fn aliases() -> &'static [(&'static str, &'static str)] {
    ALIASES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_name_is_the_same_service() {
        assert_eq!(host_name("AutoScaling"), "as");
        assert_eq!(host_name("cvm"), "cvm");
        assert!(same_service("as", "autoscaling"));
        assert!(same_service("CVM", "cvm"));
        assert!(!same_service("as", "cvm"));
    }
}
