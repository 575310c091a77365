//! Codes the official SDKs make up on the client side: never sent by the server, but pasted
//! from logs all the same.

use std::fmt;

use crate::{Category, RetryAdvice};

/// An official SDK that makes up codes of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Sdk {
    /// `tencentcloud-sdk-go`.
    Go,
    /// `tencentcloud-sdk-python`.
    Python,
    /// `tencentcloud-sdk-java`.
    Java,
}

impl Sdk {
    /// The language's name, such as `Go`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sdk::Go => "Go",
            Sdk::Python => "Python",
            Sdk::Java => "Java",
        }
    }
}

impl fmt::Display for Sdk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Sdk {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

macro_rules! sdk_codes {
    ($(
        ($variant:ident, $code:literal, $sdk:ident, $category:ident, $retry:ident, $meaning:literal, $zh:literal);
    )*) => {
        /// A code an official SDK makes up on the client side, when no service answer could
        /// be read or the call never left the client.
        ///
        /// ```
        /// use tencentcloud_envelope::{Category, RetryAdvice, Sdk, SdkCode};
        ///
        /// let code = SdkCode::find("ClientError.NetworkError").ok_or("an SDK code")?;
        /// assert_eq!(code.sdk(), Sdk::Go);
        /// assert_eq!(code.category(), Category::Transport);
        /// assert_eq!(code.retry_advice(), RetryAdvice::RetryIfIdempotent);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum SdkCode {
            $(
                #[doc = concat!("`", $code, "`: ", $meaning)]
                $variant,
            )*
        }

        impl SdkCode {
            /// Every SDK-made code.
            pub const ALL: &'static [SdkCode] = &[$(SdkCode::$variant),*];

            /// The code as the SDK spells it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(SdkCode::$variant => $code,)*
                }
            }

            /// The SDK that makes it up.
            pub const fn sdk(self) -> Sdk {
                match self {
                    $(SdkCode::$variant => Sdk::$sdk,)*
                }
            }

            /// The kind of failure.
            pub const fn category(self) -> Category {
                match self {
                    $(SdkCode::$variant => Category::$category,)*
                }
            }

            /// Whether to send the request again.
            pub const fn retry_advice(self) -> RetryAdvice {
                match self {
                    $(SdkCode::$variant => RetryAdvice::$retry,)*
                }
            }

            /// What the code means, in one sentence.
            pub const fn description(self) -> &'static str {
                match self {
                    $(SdkCode::$variant => $meaning,)*
                }
            }

            /// What the code means, in English or Chinese.
            pub const fn description_in(self, lang: crate::Lang) -> &'static str {
                match self {
                    $(SdkCode::$variant => lang.pick($meaning, $zh),)*
                }
            }
        }
    };
}

sdk_codes! {
    (GoParseJsonError, "ClientError.ParseJsonError", Go, Transport, DoNotRetry,
        "The answer was not JSON the SDK could read; the same request usually gets the same answer.",
        "应答不是 SDK 能读懂的 JSON；同样的请求通常得到同样的结果。");
    (GoNetworkError, "ClientError.NetworkError", Go, Transport, RetryIfIdempotent,
        "The request failed at the network level; the server may or may not have seen it.",
        "请求在网络层失败；服务端可能收到了，也可能没有。");
    (GoHttpStatusCodeError, "ClientError.HttpStatusCodeError", Go, Transport, RetryIfIdempotent,
        "The answer had an HTTP status other than 200 and no readable envelope, as a gateway's error page has.",
        "应答的 HTTP 状态码不是 200，且没有可读的信封，网关错误页就是这样。");
    (GoIOError, "ClientError.IOError", Go, Transport, RetryIfIdempotent,
        "Reading the answer's body failed after the request was sent.",
        "请求发出后，读取应答体失败。");
    (GoTypeError, "ClientError.TypeError", Go, InvalidRequest, DoNotRetry,
        "A value had an unexpected type while the SDK built or read a request.",
        "SDK 构造或读取请求时遇到了类型不符的值。");
    (GoCircuitBreakerError, "ClientError.CircuitBreakerError", Go, Transport, RetryLater,
        "The SDK's circuit breaker refused the call after repeated failures; it was not sent.",
        "SDK 的熔断器在连续失败后拒绝了这次调用，请求没有发出。");
    (GoCredentialError, "ClientError.CredentialError", Go, Authentication, DoNotRetry,
        "No usable credentials were configured.",
        "没有配置可用的凭证。");
    (GoInvalidParameter, "ClientError.InvalidParameter", Go, InvalidParameter, DoNotRetry,
        "The SDK rejected a parameter before sending the request.",
        "SDK 在发送请求前就拒绝了某个参数。");
    (GoINIError, "ClientError.INIError", Go, Authentication, DoNotRetry,
        "The credentials file could not be read.",
        "无法读取凭证文件。");
    (PythonClientNetworkError, "ClientNetworkError", Python, Transport, RetryIfIdempotent,
        "The request failed at the network level; the server may or may not have seen it.",
        "请求在网络层失败；服务端可能收到了，也可能没有。");
    (PythonServerNetworkError, "ServerNetworkError", Python, Transport, RetryIfIdempotent,
        "The server's answer could not be read, or its HTTP status was an error.",
        "无法读取服务端的应答，或其 HTTP 状态表示出错。");
    (PythonClientParamsError, "ClientParamsError", Python, InvalidParameter, DoNotRetry,
        "The SDK rejected the call's parameters before sending.",
        "SDK 在发送前就拒绝了这次调用的参数。");
    (PythonClientError, "ClientError", Python, Operation, DoNotRetry,
        "A generic client-side failure of the SDK; its message names the cause.",
        "SDK 在客户端的一般性失败；错误信息会说明原因。");
    (JavaServerSideError, "ServerSideError", Java, Transport, RetryIfIdempotent,
        "The server's answer could not be read as an API response.",
        "服务端的应答无法按 API 应答读取。");
    (JavaClientSideError, "ClientSideError", Java, Operation, DoNotRetry,
        "A generic client-side failure of the SDK; its message names the cause.",
        "SDK 在客户端的一般性失败；错误信息会说明原因。");
}

impl SdkCode {
    /// The SDK-made code spelled exactly `code`.
    ///
    /// ```
    /// use tencentcloud_envelope::SdkCode;
    /// assert!(SdkCode::find("ClientSideError").is_some());
    /// assert!(SdkCode::find("InternalError").is_none());
    /// ```
    pub fn find(code: &str) -> Option<SdkCode> {
        SdkCode::ALL
            .iter()
            .copied()
            .find(|sdk| sdk.as_str() == code)
    }
}

impl fmt::Display for SdkCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_lists_fifteen_sdk_codes_none_of_them_common() {
        assert_eq!(SdkCode::ALL.len(), 15);
        for &code in SdkCode::ALL {
            assert!(
                code.as_str().parse::<crate::CommonCode>().is_err(),
                "{code}"
            );
            assert_eq!(SdkCode::find(code.as_str()), Some(code));
        }
    }
}
