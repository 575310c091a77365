"use strict";
// The corpus replayed through the official Node.js SDK's own response handling
// (`AbstractClient.parseResponse` on node-fetch's `Response`, as the SDK gets it), and the
// helper that turns the SDK's foreign errors and silent acceptances into named rules; then the
// installed helper in the SDK's whole call path, over HTTP to a server on the loopback.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const { describe, test, before, after } = require("node:test");

const { Response } = require("node-fetch");
const { CommonClient } = require("tencentcloud-sdk-nodejs-common");
const SdkException =
  require("tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception").default;

const te = require("tencentcloud-envelope");
const sdk = require("tencentcloud-envelope/sdk");
const { CORPORA, needShared, readExamples } = require("./helpers.js");

const RULES = new Set(te.rules().map((r) => r.rule));
const JSON_TYPE = { "Content-Type": "application/json" };
const CHARSET = { "Content-Type": "application/json; charset=utf-8" };

function client(service = "cvm", version = "2017-03-12", profile = {}) {
  return new CommonClient(`${service}.tencentcloudapi.com`, version, {
    credential: { secretId: "id", secretKey: "key" },
    region: "ap-guangzhou",
    profile,
  });
}

function response(body, status = 200, headers = JSON_TYPE) {
  return new Response(body, { status, headers });
}

/** What the SDK made of a response: `accepted` (data came back), `sdk-error` (its own
 * exception, with code and request id) or `leak` (any other error, with its type). */
async function replay(sdkClient, res) {
  try {
    return { kind: "accepted", data: await sdkClient.parseResponse(res) };
  } catch (error) {
    if (error instanceof SdkException) {
      return { kind: "sdk-error", code: error.code, requestId: error.requestId };
    }
    return { kind: "leak", type: error.constructor.name };
  }
}

/** What the installed helper made of it: `accepted`, or the exception. */
async function helped(sdkClient, res) {
  try {
    return { kind: "accepted", data: await sdkClient.parseResponse(res) };
  } catch (error) {
    return { kind: "thrown", error };
  }
}

// Measured with tencentcloud-sdk-nodejs-common 4.1.220 (package-lock.json).
// A body that is not JSON escapes as node-fetch's FetchError, one without `Response` as a
// TypeError; the broken envelopes accepted are as many as the Python SDK accepts.
const MEASURED = {
  intl: { leaks: { FetchError: 550, TypeError: 6 }, brokenAccepted: 116 },
  china: { leaks: { FetchError: 12, TypeError: 10 }, brokenAccepted: 189 },
};

for (const [site, [root]] of Object.entries(CORPORA)) {
  describe(`the ${site} site's examples through the SDK`, () => {
    let replayed;
    before(async () => {
      if (!fs.existsSync(root)) return;
      replayed = [];
      const clients = new Map();
      for (const example of readExamples(root)) {
        const key = `${example.service} ${example.version}`;
        if (!clients.has(key)) {
          const plain = client(example.service, example.version);
          const installed = sdk.install(client(example.service, example.version), { strict: true });
          clients.set(key, { plain, installed });
        }
        const { plain, installed } = clients.get(key);
        const report = te.validate(example.body);
        const outcome = await replay(plain, response(example.body));
        replayed.push({ example, report, outcome, installed });
      }
    });

    test("the SDK leaks foreign errors and accepts broken envelopes (measured)", (t) => {
      if (!needShared(t, root)) return;
      const leaks = {};
      for (const { outcome } of replayed.filter((r) => r.outcome.kind === "leak")) {
        leaks[outcome.type] = (leaks[outcome.type] || 0) + 1;
      }
      const brokenAccepted = replayed.filter((r) => r.outcome.kind === "accepted" && r.report.outcome === "invalid").length;
      t.diagnostic(`${site}: the SDK leaks ${JSON.stringify(leaks)} and accepts ${brokenAccepted} broken envelopes of ${replayed.length}`);
      assert.deepEqual({ leaks, brokenAccepted }, MEASURED[site]);
    });

    test("the installed helper names a rule for every leak and every broken acceptance", async (t) => {
      if (!needShared(t, root)) return;
      const cases = replayed.filter(
        (r) => r.outcome.kind === "leak" || (r.outcome.kind === "accepted" && r.report.outcome === "invalid"),
      );
      assert.ok(cases.length > 0);
      const unnamed = [];
      for (const { example, installed } of cases) {
        const result = await helped(installed, response(example.body));
        const error = result.error;
        if (!(error instanceof sdk.ProtocolException && error instanceof SdkException && RULES.has(error.rule))) {
          unnamed.push([example.path, result.kind, error && error.constructor.name]);
        }
      }
      assert.deepEqual(unnamed, []);
    });

    test("envelope leaks are protocol errors without strict", async (t) => {
      if (!needShared(t, root)) return;
      const lenient = sdk.install(client());
      for (const { example } of replayed.filter((r) => r.outcome.kind === "leak")) {
        const { error } = await helped(lenient, response(example.body));
        assert.ok(error instanceof sdk.ProtocolException, example.path);
        assert.ok(["invalid-json", "missing-response", "duplicate-key", "invalid-request-id"].includes(error.rule), `${example.path}: ${error.rule}`);
        assert.equal(error.code, undefined);
        assert.equal(error.httpCode, 200);
      }
    });

    test("a service error keeps its code and request id at any status; the SDK loses them past 200", async (t) => {
      if (!needShared(t, root)) return;
      const failures = replayed.filter((r) => r.report.outcome === "failure");
      assert.ok(failures.length > 40);
      const lenient = sdk.install(client());
      for (const { example, report } of failures) {
        for (const status of [200, 400, 500, 503]) {
          const original = await replay(client(), response(example.body, status, CHARSET));
          if (status === 200) {
            assert.deepEqual([original.kind, original.code, original.requestId], ["sdk-error", report.code, report.request_id]);
          } else {
            assert.deepEqual([original.kind, original.code, original.requestId], ["sdk-error", undefined, ""]);
          }
          const { error } = await helped(lenient, response(example.body, status, CHARSET));
          assert.ok(error instanceof sdk.ServiceException && error instanceof SdkException, example.path);
          assert.deepEqual([error.code, error.requestId, error.httpCode], [report.code, report.request_id, status]);
          assert.ok(["retry", "retry-if-idempotent", "retry-later", "do-not-retry"].includes(error.retryAdvice));
        }
      }
    });

    test("well-formed successes pass with the data the SDK returns", async (t) => {
      if (!needShared(t, root)) return;
      let passed = 0;
      for (const { example, report, outcome, installed } of replayed) {
        if (outcome.kind !== "accepted" || report.outcome !== "success") continue;
        const result = await helped(installed, response(example.body));
        if (result.kind === "thrown") {
          // Under strict, only a payload member of the wrong type refuses a clean envelope.
          assert.equal(result.error.rule, "schema-type-mismatch", example.path);
          continue;
        }
        assert.deepEqual(result.data, outcome.data, example.path);
        passed += 1;
      }
      assert.ok(passed > 0.9 * replayed.filter((r) => r.report.outcome === "success").length);
    });
  });
}

describe("the installed helper in the SDK's call path, over HTTP", () => {
  const ID = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6";
  const answers = {
    // action: [status, content type, body]
    DescribeZones: [200, "application/json", `{"Response": {"ZoneSet": [], "TotalCount": 0, "RequestId": "${ID}"}}`],
    DescribeInstances: [200, "application/json", `{"Response": {"TotalCount": "3", "InstanceSet": [], "RequestId": "${ID}"}}`],
    RunInstances: [429, "application/json; charset=utf-8", `{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow"}, "RequestId": "${ID}"}}`],
    StartInstances: [502, "text/html", "<html>bad gateway</html>"],
    ChatCompletions: [200, "text/event-stream; charset=utf-8", `data: {"Choices": [], "Id": "${ID}"}\n\n`],
  };
  let server;
  let endpoint;
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      const [status, type, body] = answers[req.headers["x-tc-action"]] || [404, "text/plain", "no such action"];
      res.writeHead(status, { "Content-Type": type, "X-TC-RequestId": ID });
      res.end(body);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `127.0.0.1:${server.address().port}`;
    delete process.env.http_proxy;
  });
  after(() => server.close());
  const sdkClient = (install, options) => {
    const c = client("cvm", "2017-03-12", { httpProfile: { endpoint, protocol: "http://" } });
    return install ? sdk.install(c, { service: "cvm", ...options }) : c;
  };
  const outcome = (promise) => promise.then((data) => ({ data }), (error) => ({ error }));

  test("a throttled call: the SDK loses the code, the helper keeps it with retry advice", async () => {
    const plain = await outcome(sdkClient(false).request("RunInstances", {}));
    assert.deepEqual([plain.error.code, plain.error.requestId, plain.error.httpCode], [undefined, "", 429]);
    const { error } = await outcome(sdkClient(true).request("RunInstances", {}));
    assert.ok(error instanceof sdk.ServiceException);
    assert.deepEqual([error.code, error.requestId, error.httpCode, error.retryAdvice], ["RequestLimitExceeded", ID, 429, "retry"]);
  });

  test("a gateway's page is a protocol error with the status's advice and the header's request id", async () => {
    const { error } = await outcome(sdkClient(true).request("StartInstances", {}));
    assert.ok(error instanceof sdk.ProtocolException);
    assert.deepEqual([error.rule, error.httpCode, error.retryAdvice, error.requestId], ["invalid-json", 502, "retry-if-idempotent", ID]);
    assert.match(error.excerpt, /bad gateway/);
  });

  test("the action reaches the payload check: a member of the wrong type, refused under strict", async () => {
    const lenient = await outcome(sdkClient(true).request("DescribeInstances", {}));
    assert.equal(lenient.data.TotalCount, "3");
    const { error } = await outcome(sdkClient(true, { strict: true }).request("DescribeInstances", {}));
    assert.ok(error instanceof sdk.ProtocolException, String(error));
    assert.equal(error.rule, "schema-type-mismatch");
    assert.match(error.message, /TotalCount/);
    const zones = await outcome(sdkClient(true, { strict: true }).request("DescribeZones", {}));
    assert.deepEqual(zones.data, { ZoneSet: [], TotalCount: 0, RequestId: ID });
  });

  test("a stream with a charset: the SDK reads it as JSON, the helper hands it to the SDK's stream reader", async () => {
    const plain = await outcome(sdkClient(false).request("ChatCompletions", {}));
    assert.ok(plain.error && !(plain.error instanceof SdkException), "the SDK leaks JSON's error");
    const { data } = await outcome(sdkClient(true).request("ChatCompletions", {}));
    const messages = [];
    for await (const message of data) messages.push(message.data);
    assert.deepEqual(messages, [`{"Choices": [], "Id": "${ID}"}`]);
  });
});
