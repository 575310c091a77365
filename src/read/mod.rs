//! The readers of one answer: [`Envelope`](crate::Envelope) (the body, borrowed),
//! [`classify`](crate::classify) (status, headers and body), [`decode`](crate::decode) (the
//! same, with a typed payload), [`Response`](crate::Response) (a serde type for SDKs that
//! deserialize themselves) and [`EventStream`](crate::EventStream) (server-sent events).

pub(crate) mod call;
pub(crate) mod classify;
pub(crate) mod envelope;
pub(crate) mod response;
pub(crate) mod sse;
