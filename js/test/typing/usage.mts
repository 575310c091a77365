// Compiled by `tsc --strict --noEmit` (test/typing/tsconfig.json): the declarations describe
// what the package gives, precisely enough that misuse fails to compile (`@ts-expect-error`).
import {
  validate,
  classify,
  explain,
  readCapture,
  rules,
  serviceOfHost,
  Validator,
  type Report,
  type Classified,
  type CaptureRecord,
} from "tencentcloud-envelope";
import * as web from "tencentcloud-envelope/web";
import { install, checkResponse, ServiceException, ProtocolException } from "tencentcloud-envelope/sdk";

const body = new TextEncoder().encode('{"Response": {"RequestId": "r"}}');
const report: Report = validate(body);
const outcome: "success" | "failure" | "invalid" = report.outcome;
const rulesSeen: string[] = report.diagnostics.map((d) => d.rule);
const id: string | null = report.request_id;
validate("{}", { service: "cvm", version: "2017-03-12", action: "DescribeInstances" });
// @ts-expect-error: a number is no body
validate(42);
// @ts-expect-error: the outcome is a string union
const wrong: number = report.outcome;

const validator = new Validator({ denyWarnings: true, allow: ["request-id-not-uuid"], maxFindings: 10, site: "china" });
validator.validate(body).omitted?.map((o) => o.count);
const forgotten: number = validator.forgottenRequestIds;
// @ts-expect-error: no such site
new Validator({ site: "mars" });

const verdict: Classified = classify(400, [["Content-Type", "application/json"]], body);
switch (verdict.kind) {
  case "service-error":
    console.log(verdict.code, verdict.retry_advice, verdict.request_id);
    break;
  case "protocol-error":
    console.log(verdict.rule, verdict.excerpt);
    break;
  case "success":
    console.log(verdict.request_id_source, verdict.findings.length);
    // @ts-expect-error: a success has no code
    console.log(verdict.code);
    break;
}
classify(200, { "content-type": "application/json", "set-cookie": ["a", "b"] }, "{}");
classify(200, new Map([["X-TC-RequestId", "r"]]), "{}");

const explained = explain("InvalidDisk.Busy", { service: "cbs", lang: "zh" });
const advice: string = explained.translations.en.advice;
const retry: "retry" | "retry-if-idempotent" | "retry-later" | "do-not-retry" = explained.retry_advice;
// @ts-expect-error: only en and zh
explain("X", { lang: "fr" });

const { records, summary } = readCapture(body, {
  name: "capture.har",
  snippets: true,
  onProgress: (p) => console.log(p.bytes / p.total),
  onRecords: (batch: CaptureRecord[]) => batch.forEach((r) => r.diagnostics[0]?.snippet?.before),
});
const total: number = summary.records + records.length;
const line: number | undefined = records[0]?.place.line;
const ruleIds: string[] = rules().map((r) => r.rule);
const service: string | undefined = serviceOfHost("cvm.tencentcloudapi.com");

async function inBrowser(): Promise<void> {
  await web.default();
  web.validate("{}").diagnostics.forEach((d) => d.pointer);
}

async function withSdk(client: { parseResponse(res: unknown): Promise<unknown> }): Promise<void> {
  const installed = install(client, { strict: true });
  try {
    await installed.parseResponse({});
  } catch (error) {
    if (error instanceof ServiceException) {
      const code: string = error.code;
      console.log(code, error.requestId, error.httpCode, error.retryAdvice);
    } else if (error instanceof ProtocolException) {
      console.log(error.rule, error.report?.outcome);
    }
  }
  const { report: checked } = await checkResponse(new Response("{}"));
  console.log(checked.outcome);
}

export { outcome, rulesSeen, id, wrong, forgotten, advice, retry, total, line, ruleIds, service, inBrowser, withSdk };
