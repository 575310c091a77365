//! Codes that are not common codes but still turn up in logs: the early API 3.0 spellings
//! and the codes the official SDKs make up on the client side.

/// Where a known non-common code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Sent by the server in API 3.0's early days; `current` is what it sends today.
    Legacy { current: Option<&'static str> },
    /// Made up by an SDK on the client side; never sent by the server.
    Sdk { sdk: &'static str, retryable: bool },
}

/// A known non-common code.
pub struct Known {
    pub code: &'static str,
    pub origin: Origin,
    pub description: &'static str,
}

const fn legacy(
    code: &'static str,
    current: Option<&'static str>,
    description: &'static str,
) -> Known {
    Known {
        code,
        origin: Origin::Legacy { current },
        description,
    }
}

const fn sdk(
    code: &'static str,
    sdk: &'static str,
    retryable: bool,
    description: &'static str,
) -> Known {
    Known {
        code,
        origin: Origin::Sdk { sdk, retryable },
        description,
    }
}

pub const KNOWN: &[Known] = &[
    legacy(
        "InvalidParameter.SignatureFailure",
        Some("AuthFailure.SignatureFailure"),
        "The signature did not match the request.",
    ),
    legacy(
        "InvalidParameter.SecretIdNotFound",
        Some("AuthFailure.SecretIdNotFound"),
        "No key with this SecretId exists.",
    ),
    legacy(
        "InvalidRequest.TokenCheckFailed",
        Some("AuthFailure.TokenFailure"),
        "The temporary-credential token was rejected.",
    ),
    legacy(
        "InvalidRequest.MFACheckFailed",
        Some("AuthFailure.MFAFailure"),
        "Multi-factor authentication failed.",
    ),
    legacy(
        "InternalError.CAMInnerError",
        Some("InternalError"),
        "The access-management service failed internally.",
    ),
    legacy(
        "InvalidRequest.Forbidden",
        Some("AuthFailure.UnauthorizedOperation"),
        "The caller was not allowed to make the request.",
    ),
    legacy(
        "InvalidRequest.LimitExceeded",
        Some("RequestLimitExceeded"),
        "Too many requests in too short a time.",
    ),
    legacy(
        "InvalidRequest.ReplayAttack",
        None,
        "The request repeated an earlier signed request (same nonce and timestamp); no single current code replaces it.",
    ),
    legacy(
        "InvalidRequest.UnsupportedProtocol",
        Some("UnsupportedProtocol"),
        "The HTTP method or protocol was not supported.",
    ),
    legacy(
        "InvalidAction.NotFound",
        Some("InvalidAction"),
        "No action of this name existed.",
    ),
    legacy(
        "InvalidAction.ActionUnavailable",
        Some("ActionOffline"),
        "The action was not available.",
    ),
    legacy(
        "InvalidRequest.RequestConcurrencyExceeded",
        Some("RequestLimitExceeded"),
        "Too many concurrent requests.",
    ),
    sdk(
        "ClientError.ParseJsonError",
        "Go",
        false,
        "The response body could not be parsed as JSON.",
    ),
    sdk(
        "ClientError.NetworkError",
        "Go",
        true,
        "The request failed at the network level; the server may not have seen it.",
    ),
    sdk(
        "ClientError.HttpStatusCodeError",
        "Go",
        false,
        "The server answered with an HTTP status other than 200 and no readable envelope.",
    ),
    sdk(
        "ClientError.IOError",
        "Go",
        false,
        "Reading the response body failed.",
    ),
    sdk(
        "ClientError.TypeError",
        "Go",
        false,
        "A value had an unexpected type while building or reading a request.",
    ),
    sdk(
        "ClientError.CircuitBreakerError",
        "Go",
        true,
        "The SDK's circuit breaker refused the call after repeated failures.",
    ),
    sdk(
        "ClientError.CredentialError",
        "Go",
        false,
        "No usable credentials were configured.",
    ),
    sdk(
        "ClientError.InvalidParameter",
        "Go",
        false,
        "The SDK rejected a parameter before sending the request.",
    ),
    sdk(
        "ClientError.INIError",
        "Go",
        false,
        "The credentials file could not be read.",
    ),
    sdk(
        "ClientNetworkError",
        "Python",
        true,
        "The request failed at the network level.",
    ),
    sdk(
        "ServerNetworkError",
        "Python",
        true,
        "The server's answer could not be read, or its HTTP status was an error.",
    ),
    sdk(
        "ClientParamsError",
        "Python",
        false,
        "The SDK rejected the call's parameters before sending.",
    ),
    sdk(
        "ClientError",
        "Python",
        false,
        "A generic client-side failure of the SDK.",
    ),
    sdk(
        "ServerSideError",
        "Java",
        false,
        "The server's answer could not be read as an API response.",
    ),
    sdk(
        "ClientSideError",
        "Java",
        false,
        "A generic client-side failure of the SDK.",
    ),
];

/// The known non-common code spelled exactly `code`.
pub fn find(code: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|known| known.code == code)
}
