/** A response body: bytes as received (preferred), or text already decoded. */
export type Body = string | Uint8Array | ArrayBuffer;

/** `note`, `warning` or `error`. */
export type Severity = "note" | "warning" | "error";

/** `retry`, `retry-if-idempotent`, `retry-later` or `do-not-retry`. */
export type RetryAdvice = "retry" | "retry-if-idempotent" | "retry-later" | "do-not-retry";

/** The call a body answers: the service selects the API description the payload is held to. */
export interface CallOptions {
  /** The product (`cbs`). */
  service?: string | null;
  /** The API version (`2017-03-12`); needs `service`. */
  version?: string | null;
  /** The action (`DescribeDisks`); needs `service`. */
  action?: string | null;
}

/** One finding: which rule, how serious, and where (as the tool's JSON report prints it). */
export interface Diagnostic {
  /** The rule's kebab-case id (`missing-request-id`). */
  rule: string;
  severity: Severity;
  /** An RFC 6901 JSON Pointer to the offending value; `""` is the root. */
  pointer: string;
  /** From 1; 0 for a finding about the headers (in `classify`'s `findings`). */
  line: number;
  /** From 1, in characters; 0 with line 0. */
  column: number;
  message: string;
}

/** Findings of one rule past a report's budget (`maxFindings`): counted, not kept. */
export interface Omitted {
  rule: string;
  severity: Severity;
  count: number;
}

/** Everything the validator found in one response: a `tc-envelope check --format jsonl` record less `source`. */
export interface Report {
  outcome: "success" | "failure" | "invalid";
  /** `Response.RequestId`, whenever it was a readable string. */
  request_id: string | null;
  /** `Response.Error.Code`, whenever it was a readable string. */
  code: string | null;
  /** In input order. */
  diagnostics: Diagnostic[];
  /** Present only when findings went past the budget. */
  omitted?: Omitted[];
}

/** Options of `new Validator(...)`: each is one of the Rust `Validator`'s builders. */
export interface ValidatorOptions {
  /** Count every warning as an error. */
  denyWarnings?: boolean;
  /** Rule ids whose findings are dropped. */
  allow?: string[];
  /** Rule ids reported as warnings. */
  warn?: string[];
  /** Rule ids reported as errors (a later list wins: allow, then warn, then deny). */
  deny?: string[];
  /** How deep arrays and objects may nest, 1 to 1,024 (default 128). */
  nestingLimit?: number;
  /** How many request ids are remembered for `duplicate-request-id` (default 262,144). */
  requestIdMemory?: number;
  /** Findings kept per report (default 1,000); the rest are counted in `omitted`. */
  maxFindings?: number;
  /** Hold payloads to one site's API descriptions; by default both, as their union. */
  site?: "intl" | "china";
}

/** A header list: pairs, an iterable of pairs (`Headers`, `Map`), or an object of strings or arrays of strings. */
export type HeadersInput =
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[] | undefined>
  | null
  | undefined;

/** A well-formed success envelope. */
export interface Success {
  kind: "success";
  status: number;
  request_id: string;
  /** `header` when the body had none and `X-TC-RequestId` gave it. */
  request_id_source: "body" | "header";
  deprecated_warning: string | null;
  /** The tolerated findings. */
  findings: Diagnostic[];
}

/** The service reported a failure in `Response.Error`, whatever the HTTP status. */
export interface ServiceError {
  kind: "service-error";
  status: number;
  code: string;
  message: string;
  request_id: string;
  /** `throttling`, `authentication`, ... when known. */
  category: string | null;
  retry_advice: RetryAdvice;
  /** Any retry advice but `do-not-retry`. */
  retryable: boolean;
  deprecated_warning: string | null;
  /** The tolerated findings. */
  findings: Diagnostic[];
}

/** The body is not an envelope that can be trusted: a gateway's page, a cut-off body. */
export interface ProtocolError {
  kind: "protocol-error";
  status: number;
  content_type: string | null;
  /** The `X-TC-RequestId` header, or a request id the body held. */
  request_id: string | null;
  /** The first envelope rule the body breaks. */
  rule: string;
  message: string;
  /** The start of the body, lossily decoded. */
  excerpt: string;
  /** From the status: 429 and 503 `retry`, 502 and 504 `retry-if-idempotent`. */
  retry_advice: RetryAdvice;
  retryable: boolean;
}

export type Classified = Success | ServiceError | ProtocolError;

export interface ExplainOptions {
  /** The product the code came from (`cvm`): only its own list then makes a product code. */
  service?: string | null;
  /** The language of `description` and `advice` (default `en`). */
  lang?: "en" | "zh";
}

/** As `tc-envelope explain --format json` prints it (less `suggestions`). */
export interface Explanation {
  /** The code in its canonical spelling. */
  code: string;
  /** A table lists the code itself. */
  known: boolean;
  kind: "common" | "under-common-prefix" | "product" | "legacy" | "sdk" | "unknown";
  /** The common code this code is or extends. */
  common: string | null;
  category: string | null;
  lang: "en" | "zh";
  description: string;
  retryable: boolean;
  retry_advice: RetryAdvice;
  /** A table states the retry advice. */
  advice_stated: boolean;
  /** A person checked the meaning against the product's documentation. */
  reviewed: boolean;
  /** What to do, in one sentence. */
  advice: string;
  translations: { en: { description: string; advice: string }; zh: { description: string; advice: string } };
  products: string[];
  sites: ("intl" | "china")[];
  service?: string;
  documentation: string | null;
  other_spellings?: string[];
}

export interface RuleInfo {
  rule: string;
  severity: Severity;
  consequence: string;
  description: string;
}

/** Options of `readCapture`: how to read, the validator's options, and the call of records whose capture does not say. */
export interface CaptureOptions extends ValidatorOptions, CallOptions {
  /** The file's name, as sources say it (`capture.har#3`); its extension chooses the format. Default `capture`. */
  name?: string;
  /** What the input holds; by default from `name`'s extension, else one JSON document. */
  format?: "json" | "jsonl" | "har" | "sse";
  /** In HAR archives, check JSON from any host, not only Tencent Cloud API hosts. */
  harAllJson?: boolean;
  /** The most bytes of one record (default 64 MiB); a larger one is an `unreadable-capture` record. */
  maxRecordSize?: number;
  /** Give each finding of a body its `snippet`: the text around it. */
  snippets?: boolean;
  /** Takes the records in batches; they are then not in the result. */
  onRecords?: (records: CaptureRecord[]) => void;
  /** Told how far reading got, every 256 records and at the end. */
  onProgress?: (progress: CaptureProgress) => void;
}

export interface CaptureProgress {
  records: number;
  /** Bytes of the input read so far. */
  bytes: number;
  total: number;
}

/** The text around a finding. */
export interface Snippet {
  /** The line in the file (in a HAR entry, of the entry's body). */
  line: number;
  column: number;
  /** Text before the finding on its line, `…` first where cut. */
  before: string;
  /** The character the finding points at; empty at the end of a line. */
  at: string;
  /** The rest of the window, `…` last where cut. */
  after: string;
}

export interface CaptureDiagnostic extends Diagnostic {
  /** With `snippets`, on findings in a body. */
  snippet?: Snippet;
}

/** One record: a `tc-envelope check --format jsonl` record, plus `place`. */
export interface CaptureRecord extends Omit<Report, "diagnostics"> {
  /** `NAME`, `NAME:LINE` or `NAME#ENTRY`. */
  source: string;
  /** The JSON Lines line or the HAR entry, from 1; empty for a whole file. */
  place: { line?: number; entry?: number };
  service?: string;
  action?: string;
  version?: string;
  /** HAR entries: the HTTP status, the content's media type, the `X-TC-RequestId` header. */
  status?: number;
  mime_type?: string;
  request_id_header?: string;
  /** HAR entries whose body is not an envelope: what `classify` made of it. */
  protocol_error?: string;
  diagnostics: CaptureDiagnostic[];
}

/** Counts over the capture, in the names of the tool's summary. */
export interface CaptureSummary {
  records: number;
  success: number;
  failure: number;
  invalid: number;
  errors: number;
  warnings: number;
  notes: number;
  /** What was read but not checked: HAR entries and blank lines, by reason. */
  skipped?: { unit: "entry" | "line"; reason: string; count: number }[];
  /** Error codes of records that are not invalid, most frequent first. */
  codes: { code: string; count: number }[];
  /** Error codes of invalid records, apart. */
  codes_in_invalid?: { code: string; count: number }[];
  /** Findings counted past their record's budget. */
  omitted?: number;
  request_ids_forgotten?: number;
}

export interface CaptureResult {
  /** Every record, unless `onRecords` took them. */
  records: CaptureRecord[];
  summary: CaptureSummary;
}
