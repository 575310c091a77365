"use strict";
/**
 * A check for the official Node.js SDK (`tencentcloud-sdk-nodejs`, `tencentcloud-sdk-nodejs-common`
 * and the per-product packages).
 *
 * The SDK reads a response in `AbstractClient.parseResponse`: a status other than 200 is thrown
 * with no code and no request id, its body unread (so a service error sent with 400 or 500 loses
 * its code); a body that is not JSON escapes as node-fetch's `FetchError`, one without
 * `Response` as a `TypeError`; a broken envelope is accepted; and a stream whose `Content-Type`
 * is not exactly `text/event-stream` is read as JSON. `install(client)` puts the crate's
 * classifier in that place: the service's error at any status, with its code, request id and
 * retry advice (`ServiceException`), and anything else that is not a trustworthy envelope as a
 * `ProtocolException` naming the rule it breaks. Both extend the SDK's own exception class.
 */

const { AsyncLocalStorage } = require("node:async_hooks");
const envelope = require("./pkg/node/index.js");

/** The SDK's exception class, from whichever SDK package is installed beside this one. */
function sdkExceptionClass() {
  const path = "tencentcloud/common/exception/tencent_cloud_sdk_exception";
  for (const sdk of ["tencentcloud-sdk-nodejs-common", "tencentcloud-sdk-nodejs"]) {
    try {
      const exception = require(`${sdk}/${path}`);
      return exception.default || exception;
    } catch {
      // not installed: try the next, or stand alone
    }
  }
  /** The SDK's exception's shape, when no SDK is installed. */
  return class TencentCloudSDKHttpException extends Error {
    constructor(error, requestId = "", traceId = "") {
      super(error);
      this.requestId = requestId || "";
      this.traceId = traceId || "";
    }
    getMessage() {
      return this.message;
    }
    getRequestId() {
      return this.requestId;
    }
    getTraceId() {
      return this.traceId;
    }
  };
}

const Base = sdkExceptionClass();

/** Findings that refuse a body under `strict` whatever their severity: a payload member of
 * another type than the action's description says, which the caller's code trips over. */
const STRICT_RULES = new Set(["schema-type-mismatch"]);

/** The body is not an envelope that can be trusted; `rule` names the rule it breaks. Like the
 * SDK's own error for an answer it cannot read, it has no `code`; `httpCode` is the status. */
class ProtocolException extends Base {
  constructor(problem, { traceId, report } = {}) {
    super(`${problem.rule}: ${problem.message}`, problem.request_id || "", traceId || "");
    this.name = "ProtocolException";
    this.rule = problem.rule;
    this.httpCode = problem.status;
    this.retryAdvice = problem.retry_advice;
    this.retryable = problem.retry_advice !== "do-not-retry";
    this.excerpt = problem.excerpt || "";
    this.contentType = problem.content_type ?? null;
    /** The validator's report, when the envelope was readable (under `strict`). */
    this.report = report || null;
  }
}

/** The service's `Response.Error`: `code`, `message` and `requestId` as the SDK gives them,
 * whatever the HTTP status, plus the crate's category and retry advice for the code. */
class ServiceException extends Base {
  constructor(error, { traceId, report } = {}) {
    super(error.message, error.request_id, traceId || "");
    this.name = "ServiceException";
    this.code = error.code;
    this.httpCode = error.status;
    this.category = error.category;
    this.retryAdvice = error.retry_advice;
    this.retryable = error.retryable;
    /** The validator's report on the body (its tolerated findings). */
    this.report = report || null;
  }
}

/** A `Content-Type`'s media type, lowercased, without parameters. */
function mediaType(value) {
  return String(value || "").split(";")[0].trim().toLowerCase();
}

/** Headers as `classify` takes them: node-fetch's `raw()` keeps repeated headers apart. */
function headersOf(res) {
  return typeof res.headers.raw === "function" ? res.headers.raw() : res.headers;
}

const utf8 = new TextDecoder("utf-8");

/** Checks a whole response held in memory; returns `{ data, report }` on a success, where
 * `data` is `Response` as the SDK returns it, and throws otherwise. */
function check(status, headers, body, { strict = false, service, version, action, traceId } = {}) {
  const verdict = envelope.classify(status, headers, body);
  if (verdict.kind === "protocol-error") {
    throw new ProtocolException(verdict, { traceId });
  }
  const call = service ? { service, version, action } : undefined;
  const report = envelope.validate(body, call);
  if (verdict.kind === "service-error") {
    throw new ServiceException(verdict, { traceId, report });
  }
  if (strict) {
    const refused = report.diagnostics.find((d) => d.severity === "error" || STRICT_RULES.has(d.rule));
    if (refused) {
      const where = `at ${refused.pointer || "/"}, line ${refused.line}, column ${refused.column}`;
      const problem = {
        rule: refused.rule,
        message: `${refused.message} (${where})`,
        status,
        request_id: report.request_id,
        retry_advice: "do-not-retry",
        content_type: null,
      };
      throw new ProtocolException(problem, { traceId, report });
    }
  }
  let data;
  try {
    data = JSON.parse(utf8.decode(body)).Response;
  } catch (error) {
    // The validator and V8 disagree on the body: refuse it rather than leak the SyntaxError.
    const problem = { rule: "invalid-json", message: String(error), status, request_id: report.request_id, retry_advice: "do-not-retry" };
    throw new ProtocolException(problem, { traceId, report });
  }
  return { data, report };
}

/**
 * Checks a fetch `Response` (node-fetch's, or the platform's) the way `install` does, reading
 * its body: resolves to `{ data, report }` on a success (`data` is `Response`, as the SDK
 * returns it), rejects with a `ServiceException` or a `ProtocolException` otherwise. An event
 * stream is refused with a `TypeError`: it is read as it arrives, not whole.
 */
async function checkResponse(res, options = {}) {
  if (mediaType(res.headers.get("content-type")) === "text/event-stream") {
    throw new TypeError("checkResponse reads whole bodies; an event stream is left to the SDK");
  }
  const body = new Uint8Array(await res.arrayBuffer());
  return check(res.status, headersOf(res), body, { ...options, traceId: res.headers.get("x-tc-traceid") });
}

/** The action of the request whose response is being read. */
const actions = new AsyncLocalStorage();

/**
 * Makes `client` (any `AbstractClient`: `CommonClient`, `cvm.v20170312.Client`, ...) check every
 * response with the crate before the SDK reads it; returns the client.
 *
 * A service error is thrown as a `ServiceException` at any status, with its code and request
 * id; a body that is not a trustworthy envelope as a `ProtocolException`; a success whose body
 * breaks the envelope also, under `strict` (and one whose payload has a member of the wrong
 * type for the action). A stream is recognised by its media type, whatever its parameters, and
 * left to the SDK. The payload is checked against the action's API description: the service
 * from the client's endpoint (or `options.service`), the version from the client, the action
 * from the call.
 */
function install(client, { strict = false, service } = {}) {
  const original = client.parseResponse;
  if (typeof original !== "function") {
    throw new TypeError("install expects a client of the official SDK (an AbstractClient)");
  }
  for (const name of ["doRequest", "doRequestWithSign3"]) {
    const request = client[name];
    if (typeof request === "function") {
      client[name] = function (action, ...rest) {
        return actions.run(action, () => request.call(this, action, ...rest));
      };
    }
  }
  client.parseResponse = async function (res) {
    const contentType = res.headers.get("content-type");
    if (res.status === 200 && mediaType(contentType) === "text/event-stream") {
      // The SDK compares the whole header with `text/event-stream`; give it the media type.
      const headers = {
        get: (name) => (String(name).toLowerCase() === "content-type" ? "text/event-stream" : res.headers.get(name)),
      };
      return original.call(this, { status: res.status, statusText: res.statusText, headers, body: res.body });
    }
    const body = new Uint8Array(await res.arrayBuffer());
    return check(res.status, headersOf(res), body, {
      strict,
      service: service || envelope.serviceOfHost(String(this.endpoint || "")),
      version: this.apiVersion,
      action: actions.getStore(),
      traceId: res.headers.get("x-tc-traceid"),
    }).data;
  };
  return client;
}

module.exports = { install, checkResponse, check, ProtocolException, ServiceException, STRICT_RULES };
