"use strict";
// The package's API in Node.js: misuse, options, classify, explain and rules against the tool,
// and the capture reader against the tool on the shipped samples.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const te = require("tencentcloud-envelope");
const { REPOSITORY, runTool, toolRecords, essentials } = require("./helpers.js");

const ID = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6";
const SUCCESS = `{"Response": {"TotalCount": 0, "RequestId": "${ID}"}}`;
const FAILURE = `{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "${ID}"}}`;

test("validate reads strings, Buffers, Uint8Arrays and ArrayBuffers alike", () => {
  const bytes = new TextEncoder().encode(FAILURE);
  const expected = { outcome: "failure", request_id: ID, code: "RequestLimitExceeded", diagnostics: [] };
  for (const body of [FAILURE, Buffer.from(FAILURE), bytes, bytes.buffer]) {
    assert.deepEqual(te.validate(body), expected);
  }
});

test("broken UTF-8 is seen in bytes, and is gone from text", () => {
  const bytes = Buffer.concat([Buffer.from('{"Response": {"A": "'), Buffer.from([0xff]), Buffer.from(`", "RequestId": "${ID}"}}`)]);
  assert.deepEqual(essentials(te.validate(bytes)), ["invalid", null, null, ["invalid-json"]]);
  assert.equal(te.validate(bytes.toString("utf8")).outcome, "success");
});

test("misuse is a TypeError or a RangeError that says what was expected", () => {
  assert.throws(() => te.validate(42), { name: "TypeError", message: /body must be a string, a Uint8Array/ });
  assert.throws(() => te.validate("{}", { version: "2017-03-12" }), { name: "TypeError", message: /needs a service/ });
  assert.throws(() => te.validate("{}", { service: 7 }), { name: "TypeError", message: /call.service must be a string/ });
  assert.throws(() => new te.Validator({ allow: ["no-such-rule"] }), { name: "RangeError", message: /`no-such-rule` is not a rule id/ });
  assert.throws(() => new te.Validator({ nestingLimit: 0 }), { name: "RangeError", message: /nestingLimit: 0 is out of range: the nesting limit is 1 to 1024/ });
  assert.throws(() => new te.Validator({ maxFindings: -1 }), { name: "RangeError" });
  assert.throws(() => new te.Validator({ site: "mars" }), { name: "RangeError", message: /not a site/ });
  assert.throws(() => te.classify(70000, [], "{}"), { name: "RangeError" });
  assert.throws(() => te.classify(200, [["a"]], "{}"), { name: "TypeError", message: /headers must be/ });
  assert.throws(() => te.explain(7), { name: "TypeError" });
  assert.throws(() => te.explain("X", { lang: "fr" }), { name: "RangeError", message: /not a language/ });
  assert.throws(() => te.readCapture("{}", { format: "xml" }), { name: "RangeError", message: /json, jsonl, har or sse/ });
  assert.throws(() => te.readCapture("{}", { onRecords: 3 }), { name: "TypeError", message: /onRecords must be a function/ });
});

test("a Validator remembers request ids, keeps its budget and takes the builders' options", () => {
  const validator = new te.Validator();
  assert.deepEqual(validator.validate(SUCCESS).diagnostics, []);
  assert.deepEqual(essentials(validator.validate(SUCCESS))[3], ["duplicate-request-id"]);
  validator.reset();
  assert.deepEqual(validator.validate(SUCCESS).diagnostics, []);
  assert.equal(validator.forgottenRequestIds, 0);

  const many = `{"Response": {${Array.from({ length: 30 }, () => '"K": 1').join(", ")}, "RequestId": "${ID}"}}`;
  const budget = new te.Validator({ maxFindings: 5 }).validate(many);
  assert.equal(budget.diagnostics.length, 5);
  assert.deepEqual(budget.omitted, [{ rule: "duplicate-key", severity: "error", count: 24 }]);
  assert.equal("omitted" in te.validate(SUCCESS), false);

  const notUuid = `{"Response": {"RequestId": "r-1"}}`;
  assert.deepEqual(essentials(te.validate(notUuid))[3], ["request-id-not-uuid"]);
  assert.deepEqual(new te.Validator({ allow: ["request-id-not-uuid"] }).validate(notUuid).diagnostics, []);
  assert.equal(new te.Validator({ denyWarnings: true }).validate(notUuid).outcome, "invalid");
  assert.equal(new te.Validator({ deny: ["request-id-not-uuid"] }).validate(notUuid).outcome, "invalid");
  const deep = `{"Response": {"A": ${"[".repeat(10)}${"]".repeat(10)}, "RequestId": "${ID}"}}`;
  assert.equal(new te.Validator({ nestingLimit: 4 }).validate(deep).outcome, "invalid");
});

test("classify: a service error at any status, a gateway's page, the header's request id", () => {
  for (const status of [200, 400, 500]) {
    assert.deepEqual(te.classify(status, { "Content-Type": "application/json; charset=utf-8" }, FAILURE), {
      kind: "service-error",
      status,
      code: "RequestLimitExceeded",
      message: "slow down",
      request_id: ID,
      category: "throttling",
      retry_advice: "retry",
      retryable: true,
      deprecated_warning: null,
      findings: [],
    });
  }
  // The service error carries what came with it, as decode's does.
  const deprecated = `{"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "DeprecatedWarning": "use B", "RequestId": "r-1"}}`;
  const withFindings = te.classify(503, {}, deprecated);
  assert.equal(withFindings.deprecated_warning, "use B");
  assert.deepEqual(withFindings.findings.map((d) => d.rule), ["deprecated-action", "request-id-not-uuid"]);
  const gateway = te.classify(502, [["Content-Type", "text/html"]], "<html>bad gateway</html>");
  assert.equal(gateway.kind, "protocol-error");
  assert.deepEqual([gateway.rule, gateway.retry_advice, gateway.content_type], ["invalid-json", "retry-if-idempotent", "text/html"]);
  assert.match(gateway.excerpt, /bad gateway/);

  const noId = '{"Response": {"TotalCount": 1}}';
  const headers = new Map([["content-type", "application/json"], ["X-TC-RequestId", ID]]);
  const success = te.classify(200, headers, noId);
  assert.deepEqual([success.kind, success.request_id, success.request_id_source], ["success", ID, "header"]);
  // Node.js's own header objects: repeated headers as arrays, each value a header.
  const differ = te.classify(200, { "x-tc-requestid": [ID, "ffffffff-f35e-473f-b9f3-0d451b8b79c6"] }, noId);
  assert.deepEqual(differ.findings.map((d) => [d.rule, d.line]), [["request-id-headers-differ", 0], ["missing-request-id", 1]]);
});

test("explain gives the tool's JSON fields, in either language", () => {
  for (const [code, service] of [["InvalidDisk.Busy", undefined], ["invaliddisk.busy", "cbs"], ["AuthFailure.Whatever", undefined], ["NoSuch.Code", undefined]]) {
    for (const lang of ["en", "zh"]) {
      const args = ["explain", code, "--format", "json", "--lang", lang, ...(service ? ["--service", service] : [])];
      const { suggestions, ...expected } = JSON.parse(runTool(args));
      assert.deepEqual(te.explain(code, { service, lang }), expected, `${code} ${lang}`);
    }
  }
  assert.equal(te.explain("InvalidDisk.Busy").lang, "en");
});

test("rules are the tool's, with their consequence", () => {
  const tool = JSON.parse(runTool(["rules", "--format", "json"]));
  assert.deepEqual(te.rules().map(({ consequence, ...row }) => row), tool);
  assert.ok(te.rules().every((r) => typeof r.consequence === "string"));
});

test("serviceOfHost reads the host as the capture reader does", () => {
  assert.equal(te.serviceOfHost("CBS.ap-guangzhou.TencentCloudAPI.com.:443"), "cbs");
  assert.equal(te.serviceOfHost("cbs.eviltencentcloudapi.com"), undefined);
});

const SAMPLES = path.join(REPOSITORY, "samples");

test("readCapture equals the tool on every shipped sample, summary included", () => {
  const files = fs.readdirSync(SAMPLES).sort();
  assert.ok(files.some((f) => f.endsWith(".har")) && files.some((f) => f.endsWith(".jsonl")) && files.some((f) => f.endsWith(".sse")));
  for (const file of files) {
    const name = path.join(SAMPLES, file);
    const tool = JSON.parse(runTool(["check", "--format", "json", name]));
    const { records, summary } = te.readCapture(fs.readFileSync(name), { name });
    assert.deepEqual(records.map(({ place, ...record }) => record), tool.records, file);
    // The tool lists ten codes, and says its flags where the reader says its options.
    const { codes, skipped, ...counts } = summary;
    const { codes: toolCodes, skipped: toolSkipped, ...toolCounts } = tool.summary;
    assert.deepEqual(counts, toolCounts, file);
    assert.deepEqual(codes.slice(0, 10), toolCodes, file);
    const inToolTerms = (rows) => rows?.map((s) => ({ ...s, reason: s.reason.replace("harAllJson", "--har-all-json") }));
    assert.deepEqual(inToolTerms(skipped), toolSkipped, file);
  }
});

test("readCapture: places, snippets, batches and progress", () => {
  const name = path.join(SAMPLES, "browser-session.har");
  const har = fs.readFileSync(name);
  const whole = te.readCapture(har, { name, snippets: true });
  assert.ok(whole.records.every((r, n) => r.source === `${name}#${r.place.entry}`));
  const found = whole.records.flatMap((r) => r.diagnostics).filter((d) => d.snippet);
  assert.ok(found.length > 0);
  for (const d of found) {
    assert.equal(typeof d.snippet.before, "string");
    assert.ok(d.snippet.line >= 1 && d.snippet.column >= 1);
  }

  // 600 lines: three batches, progress every 256 records and at the end.
  const lines = Array.from({ length: 600 }, (_, n) => `{"Response": {"RequestId": "${String(n).padStart(8, "0")}-f35e-473f-b9f3-0d451b8b79c6"}}`).join("\n");
  const batches = [];
  const progress = [];
  const result = te.readCapture(lines, {
    format: "jsonl",
    onRecords: (records) => batches.push(records.length),
    onProgress: (p) => progress.push(p),
  });
  assert.deepEqual(result.records, []);
  assert.deepEqual(batches, [256, 256, 88]);
  assert.deepEqual(progress.map((p) => p.records), [256, 512, 600]);
  assert.equal(progress.at(-1).bytes, Buffer.byteLength(lines));
  assert.equal(progress.at(-1).total, Buffer.byteLength(lines));
  assert.equal(result.summary.success, 600);

  // A callback that throws stops the reading, and its error comes out.
  assert.throws(() => te.readCapture(lines, { format: "jsonl", onProgress: () => { throw new Error("stop"); } }), /stop/);
});

test("readCapture: a record over the cap is an unreadable-capture record, in the reader's terms", () => {
  const { records } = te.readCapture(`${SUCCESS}\n${SUCCESS}\n`, { format: "jsonl", maxRecordSize: 16 });
  assert.deepEqual(essentials(records[0]), ["invalid", null, null, ["unreadable-capture"]]);
  assert.match(records[0].diagnostics[0].message, /maxRecordSize/);
  const allowed = te.readCapture(`${SUCCESS}\n`, { format: "jsonl", maxRecordSize: 16, allow: ["unreadable-capture"] });
  assert.equal(allowed.records[0].outcome, "success");
});

test("the package works from a worker thread, as in a Web Worker", async () => {
  const { Worker } = require("node:worker_threads");
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     const te = require("tencentcloud-envelope");
     parentPort.postMessage(te.readCapture(${JSON.stringify(FAILURE)}).summary);`,
    { eval: true },
  );
  const summary = await new Promise((resolve, reject) => worker.once("message", resolve).once("error", reject));
  assert.deepEqual([summary.records, summary.failure, summary.codes], [1, 1, [{ code: "RequestLimitExceeded", count: 1 }]]);
});
