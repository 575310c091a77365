//! What kind of failure an error code reports, and what a caller should do about it.

use std::fmt;
use std::str::FromStr;

use crate::RetryAdvice;

macro_rules! categories {
    ($(
        $(#[doc = $doc:literal])*
        ($variant:ident, $name:literal, $retry:ident, $what:literal, $zh:literal);
    )*) => {
        /// The kind of failure an error code reports.
        ///
        /// Each category carries one policy: [`Category::advice`] says what to do, and
        /// [`Category::retry_advice`] is the retry advice of the common codes in it. A code
        /// that merely extends a common code inherits the category, not the retry advice (see
        /// [`ErrorCode::retry_advice`](crate::ErrorCode::retry_advice)).
        ///
        /// Categories display and parse in kebab case:
        ///
        /// ```
        /// use tencentcloud_envelope::{Category, RetryAdvice};
        ///
        /// let category: Category = "invalid-parameter".parse()?;
        /// assert_eq!(category, Category::InvalidParameter);
        /// assert_eq!(Category::DryRun.to_string(), "dry-run");
        /// assert_eq!(Category::Server.retry_advice(), RetryAdvice::RetryIfIdempotent);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Category {
            $(
                $(#[doc = $doc])*
                $variant,
            )*
        }

        impl Category {
            /// Every category, in declaration order.
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The kebab-case name, as displayed and parsed.
            ///
            /// ```
            /// use tencentcloud_envelope::Category;
            /// assert_eq!(Category::ResourceState.as_str(), "resource-state");
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Category::$variant => $name,)*
                }
            }

            /// The retry advice of the common codes in this category.
            ///
            /// ```
            /// use tencentcloud_envelope::{Category, RetryAdvice};
            /// assert_eq!(Category::Throttling.retry_advice(), RetryAdvice::Retry);
            /// assert_eq!(Category::ResourceState.retry_advice(), RetryAdvice::DoNotRetry);
            /// ```
            pub const fn retry_advice(self) -> RetryAdvice {
                match self {
                    $(Category::$variant => RetryAdvice::$retry,)*
                }
            }

            /// What a caller should do about an error of this category, in one sentence.
            ///
            /// ```
            /// use tencentcloud_envelope::Category;
            /// assert!(Category::Throttling.advice().contains("backoff"));
            /// ```
            pub const fn advice(self) -> &'static str {
                match self {
                    $(Category::$variant => $what,)*
                }
            }

            /// What to do about a failure of this category, in English or Chinese.
            pub const fn advice_in(self, lang: crate::Lang) -> &'static str {
                match self {
                    $(Category::$variant => lang.pick($what, $zh),)*
                }
            }
        }

        impl FromStr for Category {
            type Err = UnknownCategory;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($name => Ok(Category::$variant),)*
                    _ => Err(UnknownCategory { input: text.to_owned() }),
                }
            }
        }
    };
}

categories! {
    /// The credentials, signature, token or MFA code were rejected (`AuthFailure.*`).
    /// Fix the secret, the clock or the signing code; repeating the request cannot help.
    (Authentication, "authentication", DoNotRetry,
        "fix the credentials, the signature or the clock; retrying cannot help",
        "检查密钥、签名和系统时钟；原样重发无济于事");
    /// The caller was identified but is not allowed to do this (CAM policy, IP allow and deny
    /// lists). Grant the permission; repeating the request cannot help.
    (Authorization, "authorization", DoNotRetry,
        "grant the caller the permission (CAM policy, IP lists); retrying cannot help",
        "为调用方授予权限（CAM 策略、IP 名单）；重试无济于事");
    /// `DryRunOperation`: the request would have succeeded, but `DryRun` was set.
    /// Treat it as a successful check, not as a failure.
    (DryRun, "dry-run", DoNotRetry,
        "the request would have succeeded; treat it as a passed check",
        "请求本可成功；当作一次通过的预检即可");
    /// The caller exceeded a request-frequency limit; nothing was done. Retry after a backoff
    /// delay, and slow down.
    (Throttling, "throttling", Retry,
        "retry after a backoff delay and lower the request rate",
        "退避一段时间后重试，并降低请求频率");
    /// The service failed internally or is temporarily unavailable. The call may have been
    /// carried out before the failure: retry an idempotent call after a backoff delay, and
    /// check the effect of any other first.
    (Server, "server", RetryIfIdempotent,
        "retry after a backoff delay if the call is idempotent; otherwise check its effect first",
        "若调用是幂等的，退避后重试；否则先确认它是否已生效");
    /// A parameter is missing, unknown, malformed or out of range. Fix the request.
    (InvalidParameter, "invalid-parameter", DoNotRetry,
        "fix the parameters of the request",
        "修正请求的参数");
    /// The request as a whole is malformed at the protocol level (method, body encoding,
    /// body or response size). Fix how the request is built.
    (InvalidRequest, "invalid-request", DoNotRetry,
        "fix how the request is built or encoded",
        "修正请求的构造或编码方式");
    /// The request names a product, version, action or region that does not exist, or no
    /// longer exists. Fix the endpoint or the API version the client uses.
    (Endpoint, "endpoint", DoNotRetry,
        "fix the product, action, version or region the client calls",
        "修正客户端调用的产品、接口、版本或地域");
    /// A quota or the provider's stock is exhausted. Release resources, raise the quota or
    /// choose another zone; repeating the same request soon will not help.
    (Quota, "quota", DoNotRetry,
        "release resources, raise the quota or choose another zone",
        "释放资源、提高配额或换一个可用区");
    /// The resource exists but its current state does not allow the operation (in use,
    /// unavailable). Whether that state passes by itself is not known from the common code:
    /// find out from the resource, change its state, then send a new request deliberately.
    (ResourceState, "resource-state", DoNotRetry,
        "find out what holds the resource and change its state; an automatic resend is not advised",
        "查明是什么占用了资源并改变其状态；不建议自动重发");
    /// The resource does not exist. Check the identifier and the region.
    (NotFound, "not-found", DoNotRetry,
        "check the resource identifier and the region",
        "核对资源标识和地域");
    /// The service refused or could not complete the operation for a reason given in the
    /// message (`FailedOperation`, `UnsupportedOperation`). Read the message.
    (Operation, "operation", DoNotRetry,
        "read the error message: it names the reason",
        "按错误信息说明的原因处理，再决定是否重发");
    /// The request or its answer was lost on the way (a network failure, an answer that is
    /// not an API envelope): a code an SDK makes up, never one the server sends. The call may
    /// have been carried out.
    (Transport, "transport", RetryIfIdempotent,
        "retry after a backoff delay if the call is idempotent; otherwise check its effect first",
        "若调用是幂等的，退避后重试；否则先确认它是否已生效");
}

impl Category {
    /// Whether repeating the same request can succeed: the
    /// [`retry_advice`](Self::retry_advice)'s [`is_retryable`](RetryAdvice::is_retryable).
    ///
    /// ```
    /// use tencentcloud_envelope::Category;
    /// assert!(Category::Throttling.is_retryable());
    /// assert!(!Category::InvalidParameter.is_retryable());
    /// ```
    pub const fn is_retryable(self) -> bool {
        self.retry_advice().is_retryable()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Category> for &'static str {
    fn from(category: Category) -> Self {
        category.as_str()
    }
}

impl serde::Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::text::CowStr::deserialize(deserializer)?;
        text.as_str().parse().map_err(serde::de::Error::custom)
    }
}

/// The error returned when a string is not the kebab-case name of a [`Category`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a category")]
pub struct UnknownCategory {
    input: String,
}

impl UnknownCategory {
    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
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
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
        }
    }

    #[test]
    fn the_retry_advice_of_each_category_is_pinned() {
        use Category as C;
        use RetryAdvice as R;
        let expected = [
            (C::Authentication, R::DoNotRetry),
            (C::Authorization, R::DoNotRetry),
            (C::DryRun, R::DoNotRetry),
            (C::Throttling, R::Retry),
            (C::Server, R::RetryIfIdempotent),
            (C::InvalidParameter, R::DoNotRetry),
            (C::InvalidRequest, R::DoNotRetry),
            (C::Endpoint, R::DoNotRetry),
            (C::Quota, R::DoNotRetry),
            (C::ResourceState, R::DoNotRetry),
            (C::NotFound, R::DoNotRetry),
            (C::Operation, R::DoNotRetry),
            (C::Transport, R::RetryIfIdempotent),
        ];
        assert_eq!(expected.len(), Category::ALL.len());
        for (category, advice) in expected {
            assert_eq!(category.retry_advice(), advice, "{category}");
        }
    }

    #[test]
    fn every_category_has_advice() {
        for &category in Category::ALL {
            assert!(!category.advice().is_empty(), "{category}");
        }
    }

    #[test]
    fn unknown_names_do_not_parse_and_are_named() {
        assert!("".parse::<Category>().is_err());
        let error = "Throttling".parse::<Category>().unwrap_err();
        assert_eq!(error.input(), "Throttling");
        assert_eq!(error.to_string(), "`Throttling` is not a category");
    }
}
