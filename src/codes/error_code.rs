//! Any error code as the API returns it, common or specific to one action.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use crate::codes::prefix::common_prefix;
use crate::grammar::{self, is_too_long};
use crate::{Category, CommonCode, RetryAdvice};

/// An error code as the API returns it: a [`CommonCode`], or a code specific to an action or
/// product such as `InvalidParameterValue.DiskIdMalformed` or `InvalidDisk.Busy`.
///
/// Specific codes usually extend a common code with a dot (`ResourceNotFound.DiskNotFound`);
/// [`ErrorCode::common`] finds that prefix, and [`category`](Self::category) and
/// [`is_retryable`](Self::is_retryable) follow from it. Codes outside any common prefix stay
/// representable: they are never squeezed into a known code.
///
/// A code longer than [`MAX_LEN`](Self::MAX_LEN) bytes is not a code: it is not well formed,
/// extends no common code and has no category, and every reader says so without searching it.
///
/// Cloning is cheap: a common code is a `Copy` value and any other code shares its text.
///
/// ```
/// use tencentcloud_envelope::{Category, CommonCode, ErrorCode};
///
/// let code: ErrorCode = "InvalidParameterValue.DiskIdMalformed".parse()?;
/// assert_eq!(code.common(), Some(CommonCode::InvalidParameterValue));
/// assert_eq!(code.category(), Some(Category::InvalidParameter));
/// assert!(!code.is_retryable());
///
/// let product: ErrorCode = "InvalidDisk.Busy".parse()?;
/// assert_eq!(product.common(), None);
/// assert!(product.is_well_formed());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ErrorCode(Repr);

#[derive(Clone)]
enum Repr {
    Common(CommonCode),
    Other {
        text: Arc<str>,
        prefix: Option<CommonCode>,
    },
}

impl ErrorCode {
    /// The longest code, in bytes, that can be well formed. The longest code any table lists
    /// is 89 bytes; the limit leaves room for longer ones, and bounds the work a code from a
    /// hostile or broken body costs.
    pub const MAX_LEN: usize = grammar::LONGEST_CODE;

    /// The code exactly as the API sent it.
    ///
    /// ```
    /// use tencentcloud_envelope::ErrorCode;
    /// let code: ErrorCode = "ResourceNotFound.DiskNotFound".parse()?;
    /// assert_eq!(code.as_str(), "ResourceNotFound.DiskNotFound");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Common(code) => code.as_str(),
            Repr::Other { text, .. } => text,
        }
    }

    /// The common code this code is or extends: the code itself when it is common, otherwise
    /// the longest dotted prefix that is one.
    ///
    /// ```
    /// use tencentcloud_envelope::{CommonCode, ErrorCode};
    /// let code: ErrorCode = "RequestLimitExceeded.UinLimitExceeded".parse()?;
    /// assert_eq!(code.common(), Some(CommonCode::RequestLimitExceededUinLimitExceeded));
    /// let code: ErrorCode = "RequestLimitExceeded.SomethingNew".parse()?;
    /// assert_eq!(code.common(), Some(CommonCode::RequestLimitExceeded));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn common(&self) -> Option<CommonCode> {
        match &self.0 {
            Repr::Common(code) => Some(*code),
            Repr::Other { prefix, .. } => *prefix,
        }
    }

    /// Whether the code is exactly one of the common codes.
    ///
    /// ```
    /// use tencentcloud_envelope::ErrorCode;
    /// assert!("InternalError".parse::<ErrorCode>()?.is_common());
    /// assert!(!"InternalError.DbError".parse::<ErrorCode>()?.is_common());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_common(&self) -> bool {
        matches!(self.0, Repr::Common(_))
    }

    /// The kind of failure: for a legacy or SDK-made code, the one its table gives;
    /// otherwise inherited from the common prefix; `None` for a code outside every common
    /// prefix.
    ///
    /// `AuthFailure` and any `AuthFailure.*` code are [`Category::Authentication`] even though
    /// `AuthFailure` alone is not a common code (`AuthFailure.UnauthorizedOperation` and its
    /// sub-codes are [`Category::Authorization`]). The early `InvalidParameter.SignatureFailure`
    /// is an authentication failure too, whatever its prefix says.
    ///
    /// ```
    /// use tencentcloud_envelope::{Category, ErrorCode};
    /// assert_eq!("AuthFailure.Whatever".parse::<ErrorCode>()?.category(), Some(Category::Authentication));
    /// assert_eq!("InvalidParameter.SignatureFailure".parse::<ErrorCode>()?.category(), Some(Category::Authentication));
    /// assert_eq!("InvalidDisk.Busy".parse::<ErrorCode>()?.category(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn category(&self) -> Option<Category> {
        match &self.0 {
            Repr::Common(code) => Some(code.category()),
            Repr::Other { text, .. } => crate::codes::explain::resolve(text, None).category,
        }
    }

    /// Whether to send the request again, and when.
    ///
    /// A common code takes its category's advice. Any other code only takes advice that a
    /// table in this crate states for it (a product's meanings, the legacy and SDK-made
    /// codes); its common prefix does not lend it any. So `InternalError` is
    /// retry-if-idempotent but `InternalError.ParamError` (a parameter problem) is
    /// do-not-retry. For a code several products list, their listings must agree; use
    /// [`explain`](crate::explain) with the service for that service's own advice.
    ///
    /// ```
    /// use tencentcloud_envelope::{ErrorCode, RetryAdvice};
    /// assert_eq!("RequestLimitExceeded".parse::<ErrorCode>()?.retry_advice(), RetryAdvice::Retry);
    /// assert_eq!("InvalidDisk.Busy".parse::<ErrorCode>()?.retry_advice(), RetryAdvice::RetryLater);
    /// assert_eq!("FailedOperation.Whatever".parse::<ErrorCode>()?.retry_advice(), RetryAdvice::DoNotRetry);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retry_advice(&self) -> RetryAdvice {
        match &self.0 {
            Repr::Common(code) => code.retry_advice(),
            Repr::Other { text, .. } => crate::codes::explain::resolve(text, None).advice,
        }
    }

    /// Whether sending the request again can succeed: the shortcut for
    /// [`retry_advice`](Self::retry_advice)`().is_retryable()`, which also holds for advice
    /// that depends on idempotency or on waiting.
    ///
    /// ```
    /// use tencentcloud_envelope::ErrorCode;
    /// assert!("RequestLimitExceeded.UinLimitExceeded".parse::<ErrorCode>()?.is_retryable());
    /// assert!(!"RequestLimitExceeded.Whatever".parse::<ErrorCode>()?.is_retryable());
    /// assert!("InvalidDisk.Busy".parse::<ErrorCode>()?.is_retryable());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_retryable(&self) -> bool {
        self.retry_advice().is_retryable()
    }

    /// Whether the code has the documented shape: identifiers separated by single dots, each
    /// starting with an ASCII capital letter and made of ASCII letters and digits, and at most
    /// [`MAX_LEN`](Self::MAX_LEN) bytes in all.
    ///
    /// ```
    /// use tencentcloud_envelope::ErrorCode;
    /// assert!("RequestLimitExceeded.IPLimitExceeded".parse::<ErrorCode>()?.is_well_formed());
    /// assert!(!"invalid_param".parse::<ErrorCode>()?.is_well_formed());
    /// assert!(!"FailedOperation.".parse::<ErrorCode>()?.is_well_formed());
    /// assert!(!"A".repeat(ErrorCode::MAX_LEN + 1).parse::<ErrorCode>()?.is_well_formed());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_well_formed(&self) -> bool {
        is_well_formed(self.as_str())
    }
}

/// See [`ErrorCode::is_well_formed`]: dot-separated segments, each an uppercase letter and
/// then letters and digits, within the length limit. Written segment by segment, it compiles
/// to a few instructions a byte; the validator's scanner runs it on every failure it reads,
/// inlined.
#[inline]
pub(crate) fn is_well_formed(code: &str) -> bool {
    if is_too_long(code) {
        return false;
    }
    // Whether the next byte starts a segment.
    let mut starts = true;
    for &byte in code.as_bytes() {
        let fits = if starts {
            byte.is_ascii_uppercase()
        } else {
            byte == b'.' || byte.is_ascii_alphanumeric()
        };
        if !fits {
            return false;
        }
        starts = byte == b'.';
    }
    !starts
}

impl From<CommonCode> for ErrorCode {
    fn from(code: CommonCode) -> Self {
        ErrorCode(Repr::Common(code))
    }
}

impl FromStr for ErrorCode {
    type Err = EmptyErrorCode;

    /// Accepts any non-empty string; a common code is stored without allocating.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() {
            return Err(EmptyErrorCode);
        }
        Ok(match CommonCode::find(text) {
            Some(common) => ErrorCode(Repr::Common(common)),
            None => ErrorCode(Repr::Other {
                text: Arc::from(text),
                prefix: common_prefix(text),
            }),
        })
    }
}

/// The error returned when parsing an empty string as an [`ErrorCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an error code cannot be empty")]
pub struct EmptyErrorCode;

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ErrorCode").field(&self.as_str()).finish()
    }
}

impl PartialEq for ErrorCode {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ErrorCode {}

impl PartialEq<CommonCode> for ErrorCode {
    fn eq(&self, other: &CommonCode) -> bool {
        matches!(self.0, Repr::Common(code) if code == *other)
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for ErrorCode {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for ErrorCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ErrorCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::CowStr::deserialize(deserializer)?;
        text.as_str().parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> ErrorCode {
        text.parse().expect("non-empty")
    }

    #[test]
    fn common_codes_are_stored_as_common() {
        for &common in CommonCode::ALL {
            let parsed = code(common.as_str());
            assert!(parsed.is_common());
            assert_eq!(parsed, common);
            assert_eq!(parsed.common(), Some(common));
        }
    }

    #[test]
    fn the_longest_common_prefix_wins() {
        assert_eq!(
            code("RequestLimitExceeded.UinLimitExceeded.Extra").common(),
            Some(CommonCode::RequestLimitExceededUinLimitExceeded)
        );
        assert_eq!(
            code("AuthFailure.UnauthorizedOperation.Extra").category(),
            Some(Category::Authorization)
        );
    }

    #[test]
    fn a_prefix_must_end_at_a_dot() {
        assert_eq!(code("InternalErrorX").common(), None);
        assert_eq!(code("InvalidParameterValueX.Y").common(), None);
    }

    #[test]
    fn a_family_is_matched_by_its_whole_first_segment() {
        assert_eq!(
            code("AuthFailure").category(),
            Some(Category::Authentication)
        );
        assert_eq!(
            code("AuthFailure.").category(),
            Some(Category::Authentication)
        );
        assert_eq!(code("AuthFailureX.Y").category(), None);
    }

    #[test]
    fn empty_is_rejected_with_a_message() {
        assert_eq!("".parse::<ErrorCode>(), Err(EmptyErrorCode));
        assert_eq!(EmptyErrorCode.to_string(), "an error code cannot be empty");
    }

    /// The rule byte by byte, as the grammar reads it: the oracle the segment form is held to.
    fn well_formed_byte_by_byte(code: &str) -> bool {
        let mut at_segment_start = true;
        for &byte in code.as_bytes() {
            let fits = match byte {
                b'A'..=b'Z' => true,
                b'.' | b'a'..=b'z' | b'0'..=b'9' => !at_segment_start,
                _ => false,
            };
            if !fits {
                return false;
            }
            at_segment_start = byte == b'.';
        }
        !at_segment_start
    }

    proptest::proptest! {
        #[test]
        fn the_segment_form_is_the_byte_rule(code in "[A-Ca-c0-2._ \u{e9}-]{0,10}") {
            proptest::prop_assert_eq!(is_well_formed(&code), well_formed_byte_by_byte(&code), "{}", code);
        }
    }

    #[test]
    fn well_formed_shapes() {
        for good in [
            "A",
            "InternalError",
            "AuthFailure.MFAFailure",
            "AuthFailure.SignatureFailure",
            "A1.B2.C3",
            "A.B1.C",
        ] {
            assert!(is_well_formed(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "Internal Error",
            "A..B",
            ".A",
            "A.",
            "A_B",
            "Ä",
            "A.b",
            ".",
            "A B",
            "1A",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }
}
