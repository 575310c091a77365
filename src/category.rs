//! What kind of failure an error code reports, and what a caller should do about it.

use strum::{Display, EnumIter, EnumMessage, EnumString, IntoStaticStr, VariantArray};

/// The kind of failure an error code reports.
///
/// Each category carries one policy, so an SDK can decide what to do from the category alone:
/// [`Category::is_retryable`] says whether repeating the same request (with backoff) can succeed,
/// and each variant's documentation says what else the caller should do.
///
/// Categories display and parse in kebab case:
///
/// ```
/// use tencentcloud_envelope::Category;
///
/// let category: Category = "invalid-parameter".parse()?;
/// assert_eq!(category, Category::InvalidParameter);
/// assert_eq!(Category::DryRun.to_string(), "dry-run");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    EnumIter,
    EnumMessage,
    VariantArray,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Category {
    /// The credentials, signature, token or MFA code were rejected (`AuthFailure.*`).
    /// Fix the secret, the clock or the signing code; repeating the request cannot help.
    #[strum(message = "fix the credentials, the signature or the clock; retrying cannot help")]
    Authentication,
    /// The caller was identified but is not allowed to do this (CAM policy, IP allow and deny
    /// lists). Grant the permission; repeating the request cannot help.
    #[strum(
        message = "grant the caller the permission (CAM policy, IP lists); retrying cannot help"
    )]
    Authorization,
    /// `DryRunOperation`: the request would have succeeded, but `DryRun` was set.
    /// Treat it as a successful check, not as a failure.
    #[strum(message = "the request would have succeeded; treat it as a passed check")]
    DryRun,
    /// The caller exceeded a request-frequency limit. Retry after a backoff delay, and slow down.
    #[strum(message = "retry after a backoff delay and lower the request rate")]
    Throttling,
    /// The service failed internally or is temporarily unavailable. Retry after a backoff
    /// delay; for a call that is not idempotent, check its effect first, since it may have
    /// been carried out before the failure.
    #[strum(
        message = "retry after a backoff delay; for a non-idempotent call check its effect first"
    )]
    Server,
    /// A parameter is missing, unknown, malformed or out of range. Fix the request.
    #[strum(message = "fix the parameters of the request")]
    InvalidParameter,
    /// The request as a whole is malformed at the protocol level (method, body encoding,
    /// body or response size). Fix how the request is built.
    #[strum(message = "fix how the request is built or encoded")]
    InvalidRequest,
    /// The request names a product, version, action or region that does not exist, or no
    /// longer exists. Fix the endpoint or the API version the client uses.
    #[strum(message = "fix the product, action, version or region the client calls")]
    Endpoint,
    /// A quota or the provider's stock is exhausted. Release resources, raise the quota or
    /// choose another zone; repeating the same request soon will not help.
    #[strum(message = "release resources, raise the quota or choose another zone")]
    Quota,
    /// The resource exists but its current state does not allow the operation (in use,
    /// unavailable). Wait for or change the state, then send the request again deliberately.
    #[strum(message = "wait for or change the resource's state, then send the request again")]
    ResourceState,
    /// The resource does not exist. Check the identifier and the region.
    #[strum(message = "check the resource identifier and the region")]
    NotFound,
    /// The service refused or could not complete the operation for a reason given in the
    /// message (`FailedOperation`, `UnsupportedOperation`). Read the message.
    #[strum(message = "read the error message: it names the reason")]
    Operation,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: &'static [Category] = <Self as VariantArray>::VARIANTS;

    /// The kebab-case name, as displayed and parsed.
    ///
    /// ```
    /// use tencentcloud_envelope::Category;
    /// assert_eq!(Category::ResourceState.as_str(), "resource-state");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether repeating the same request after a backoff delay can succeed.
    ///
    /// True only for [`Category::Throttling`] and [`Category::Server`]. Everything else needs
    /// a change (of the request, the credentials, a permission, a quota or a resource's state)
    /// before a new attempt can succeed, so an automatic retry only adds load.
    ///
    /// ```
    /// use tencentcloud_envelope::Category;
    /// assert!(Category::Throttling.is_retryable());
    /// assert!(!Category::InvalidParameter.is_retryable());
    /// ```
    pub fn is_retryable(self) -> bool {
        matches!(self, Category::Throttling | Category::Server)
    }

    /// What a caller should do about an error of this category, in one sentence.
    ///
    /// ```
    /// use tencentcloud_envelope::Category;
    /// assert!(Category::Throttling.advice().contains("backoff"));
    /// ```
    pub fn advice(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_round_trips_through_its_kebab_case_name() {
        for &category in Category::ALL {
            let name = category.to_string();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
            assert_eq!(name.parse::<Category>().ok(), Some(category));
            assert_eq!(category.as_str(), name);
        }
    }

    #[test]
    fn only_throttling_and_server_are_retryable() {
        let retryable: Vec<_> = Category::ALL.iter().filter(|c| c.is_retryable()).collect();
        assert_eq!(retryable, [&Category::Throttling, &Category::Server]);
    }

    #[test]
    fn every_category_has_advice() {
        for &category in Category::ALL {
            assert!(!category.advice().is_empty(), "{category}");
        }
    }

    #[test]
    fn unknown_names_do_not_parse() {
        assert!("Throttling".parse::<Category>().is_err());
        assert!("".parse::<Category>().is_err());
    }
}
