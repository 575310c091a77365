//! The readers of one answer: [`Envelope`](crate::Envelope) (the body, borrowed),
//! [`classify`](crate::classify) (status, headers and body), [`decode`](crate::decode) (the
//! same, with a typed payload), [`Response`](crate::Response) (a serde type for SDKs that
//! deserialize themselves), and the errors they return. Event streams are framed by `sse`,
//! below the validator, which checks each event's data as a body.
//!
//! The arrows run one way: `error` (what went wrong) ← `envelope` (the body) ← `classify`
//! (the whole HTTP answer) ← `decode` (the same, typed).

pub(crate) mod classify;
pub(crate) mod decode;
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod response;
