//! Whether to send a failed request again, and when: the typed answer behind `is_retryable`.

use std::fmt;
use std::str::FromStr;

macro_rules! retry_advice {
    ($(
        $(#[doc = $doc:literal])*
        ($variant:ident, $name:literal, $retryable:literal, $what:literal, $zh:literal);
    )*) => {
        /// Whether sending the same request again can succeed, and under which condition.
        ///
        /// Common codes take their advice from their [`Category`](crate::Category); any other
        /// code only from a table in this crate that names it (a product's meanings of both sites,
        /// the early API 3.0 codes, the codes SDKs make up). A code no table names is
        /// [`RetryAdvice::DoNotRetry`]: wrongly retrying hammers a service, wrongly not
        /// retrying costs one deliberate retry.
        ///
        /// ```
        /// use tencentcloud_envelope::{ErrorCode, RetryAdvice};
        ///
        /// let idempotent = false;
        /// let code: ErrorCode = "InternalError".parse()?;
        /// let again = match code.retry_advice() {
        ///     RetryAdvice::Retry => true,
        ///     RetryAdvice::RetryIfIdempotent => idempotent,
        ///     RetryAdvice::RetryLater => true, // with a longer delay, or after polling the resource
        ///     RetryAdvice::DoNotRetry => false,
        ///     _ => false,
        /// };
        /// assert!(!again);
        /// assert!(code.is_retryable());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RetryAdvice {
            $(
                $(#[doc = $doc])*
                $variant,
            )*
        }

        impl RetryAdvice {
            /// Every kind of advice, from the most to the least willing to retry.
            pub const ALL: &'static [RetryAdvice] = &[$(RetryAdvice::$variant),*];

            /// The kebab-case name, as displayed, parsed and serialized (`retry-later`).
            ///
            /// ```
            /// use tencentcloud_envelope::RetryAdvice;
            /// assert_eq!(RetryAdvice::RetryIfIdempotent.as_str(), "retry-if-idempotent");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RetryAdvice::$variant => $name,)*
                }
            }

            /// Whether sending the request again can succeed at all: true for every advice
            /// but [`RetryAdvice::DoNotRetry`]. Match on the advice itself to respect
            /// idempotency and transient states.
            ///
            /// ```
            /// use tencentcloud_envelope::RetryAdvice;
            /// assert!(RetryAdvice::RetryLater.is_retryable());
            /// assert!(!RetryAdvice::DoNotRetry.is_retryable());
            /// ```
            pub const fn is_retryable(self) -> bool {
                match self {
                    $(RetryAdvice::$variant => $retryable,)*
                }
            }

            /// What a caller should do, in one sentence.
            ///
            /// ```
            /// use tencentcloud_envelope::RetryAdvice;
            /// assert!(RetryAdvice::Retry.what_to_do().contains("backoff"));
            /// ```
            pub const fn what_to_do(self) -> &'static str {
                match self {
                    $(RetryAdvice::$variant => $what,)*
                }
            }

            /// What to do, in English or Chinese.
            pub const fn what_to_do_in(self, lang: crate::Lang) -> &'static str {
                match self {
                    $(RetryAdvice::$variant => lang.pick($what, $zh),)*
                }
            }
        }

        impl FromStr for RetryAdvice {
            type Err = UnknownRetryAdvice;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($name => Ok(RetryAdvice::$variant),)*
                    _ => Err(UnknownRetryAdvice { input: text.to_owned() }),
                }
            }
        }
    };
}

retry_advice! {
    /// The request was refused before anything ran (a rate limit): send it again after a
    /// backoff delay, and lower the request rate.
    (Retry, "retry", true,
        "send the same request again after a backoff delay, and lower the request rate",
        "退避一段时间后原样重发，并降低请求频率");
    /// The service failed in a way that may be transient, and the call may or may not have
    /// taken effect: send it again only if it is idempotent (a read, or a call with a
    /// `ClientToken`); otherwise check its effect first.
    (RetryIfIdempotent, "retry-if-idempotent", true,
        "send the request again after a backoff delay if it is idempotent; otherwise check whether it took effect first",
        "若请求是幂等的，退避后重发；否则先确认它是否已经生效");
    /// The resource is in a transient state (busy, being created, migrating, rolling back):
    /// the same request can succeed once that ends. Wait longer than for throttling, or poll
    /// the resource's state.
    (RetryLater, "retry-later", true,
        "wait until the resource leaves its transient state (poll it, or back off for seconds), then send the same request again",
        "等资源脱离临时状态（轮询其状态，或退避数秒）后，再原样重发");
    /// The request, the credentials, the account, a quota or the resource must change first:
    /// the same request gets the same answer.
    (DoNotRetry, "do-not-retry", false,
        "change the request, the credentials, the account or the resource first: the same request gets the same answer",
        "先修改请求、凭证、账号或资源：同样的请求只会得到同样的结果");
}

impl fmt::Display for RetryAdvice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for RetryAdvice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for RetryAdvice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::CowStr::deserialize(deserializer)?;
        text.as_str().parse().map_err(serde::de::Error::custom)
    }
}

/// The error returned when a string is not the name of a [`RetryAdvice`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{input}` is not a retry advice (expected retry, retry-if-idempotent, retry-later or do-not-retry)"
)]
pub struct UnknownRetryAdvice {
    input: String,
}

impl UnknownRetryAdvice {
    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_advice_round_trips_through_its_name() {
        for &advice in RetryAdvice::ALL {
            assert_eq!(advice.as_str().parse::<RetryAdvice>(), Ok(advice));
            assert_eq!(advice.to_string(), advice.as_str());
            let json = serde_json::to_string(&advice).unwrap();
            assert_eq!(serde_json::from_str::<RetryAdvice>(&json).unwrap(), advice);
        }
    }

    #[test]
    fn only_do_not_retry_is_not_retryable() {
        let not: Vec<_> = RetryAdvice::ALL
            .iter()
            .filter(|a| !a.is_retryable())
            .collect();
        assert_eq!(not, [&RetryAdvice::DoNotRetry]);
    }

    #[test]
    fn parse_error_names_the_input() {
        let error = "later".parse::<RetryAdvice>().unwrap_err();
        assert_eq!(error.input(), "later");
        assert!(
            error
                .to_string()
                .starts_with("`later` is not a retry advice")
        );
    }
}
