import type { Report, RetryAdvice } from "./pkg/node/index.js";

/** The official SDK's exception's shape (`TencentCloudSDKHttpException`), which both extend. */
declare class SdkException extends Error {
  requestId: string;
  traceId: string;
  code?: string;
  httpCode?: number;
  getMessage(): string;
  getRequestId(): string;
  getTraceId(): string;
}

/** The body is not an envelope that can be trusted; `rule` names the rule it breaks. No `code`. */
export declare class ProtocolException extends SdkException {
  rule: string;
  httpCode: number;
  retryAdvice: RetryAdvice;
  retryable: boolean;
  /** The start of the body. */
  excerpt: string;
  contentType: string | null;
  /** The validator's report, when the envelope was readable (under `strict`). */
  report: Report | null;
}

/** The service's `Response.Error`, whatever the HTTP status. */
export declare class ServiceException extends SdkException {
  code: string;
  httpCode: number;
  category: string | null;
  retryAdvice: RetryAdvice;
  retryable: boolean;
  report: Report | null;
}

export interface InstallOptions {
  /** Refuse a success whose body breaks the envelope, or whose payload has a member of the wrong type. */
  strict?: boolean;
  /** The product, when the client's endpoint does not say it (a proxy, a private endpoint). */
  service?: string;
}

export interface CheckOptions {
  strict?: boolean;
  service?: string;
  version?: string;
  action?: string;
}

/** Findings that refuse a body under `strict` whatever their severity. */
export declare const STRICT_RULES: ReadonlySet<string>;

/** Makes an SDK client check every response before the SDK reads it; returns the client. */
export declare function install<C extends object>(client: C, options?: InstallOptions): C;

/** A fetch `Response` as `install` checks it: `data` is `Response`, as the SDK returns it. */
export declare function checkResponse(
  res: { status: number; headers: { get(name: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> },
  options?: CheckOptions,
): Promise<{ data: any; report: Report }>;

/** The same on a response held in memory. */
export declare function check(
  status: number,
  headers: import("./pkg/node/index.js").HeadersInput,
  body: Uint8Array | string,
  options?: CheckOptions & { traceId?: string | null },
): { data: any; report: Report };
