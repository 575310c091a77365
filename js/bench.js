"use strict";
// Size and speed of the WebAssembly build (after js/build.sh and npm ci):
//
//   node js/bench.js [--rounds 11] [--corpus ../shared/corpus/doc-examples]
//
// - the .wasm file's size, raw, gzipped (level 9) and with brotli;
// - its load time: `require` of the package in a fresh Node.js process (read, compile,
//   instantiate), and the page's time from navigation to a ready worker in headless Chromium
//   (when Debian's chromium is installed); medians of 7;
// - `validate` on every documentation example against `JSON.parse` plus the envelope checks
//   that can be made on a parsed value, written in JavaScript, both handed the same input
//   (bytes as read, or text), and the official SDK's own `parseResponse`. The contenders take
//   turns within each round, so a change in the machine's load falls on all of them alike;
//   reported: the median round, and the median over rounds of each one's speed relative to
//   the JavaScript checks on the same input in the same round.

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { spawnSync } = require("node:child_process");

const { readExamples, JS, SHARED } = require("./test/helpers.js");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROUNDS = Number(option("--rounds", "11"));
const CORPUS = option("--corpus", path.join(SHARED, "corpus", "doc-examples"));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// The envelope checks JavaScript can make once JSON.parse has read a body: it cannot see
// duplicate keys, numbers past double precision, broken UTF-8 (decoding replaced it) or where
// anything is. The result has the report's shape.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function envelopeChecks(text) {
  const diagnostics = [];
  const finding = (rule, severity, pointer, message) => diagnostics.push({ rule, severity, pointer, line: 1, column: 1, message });
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    finding("invalid-json", "error", "", error.message);
    return { outcome: "invalid", request_id: null, code: null, diagnostics };
  }
  if (!isObject(data) || !isObject(data.Response)) {
    finding("missing-response", "error", "", "the body is not an object with an object `Response`");
    return { outcome: "invalid", request_id: null, code: null, diagnostics };
  }
  for (const key of Object.keys(data)) {
    if (key !== "Response") finding("unexpected-top-level-key", "warning", `/${key}`, `unexpected member \`${key}\``);
  }
  const response = data.Response;
  let requestId = null;
  if (typeof response.RequestId !== "string") {
    finding(response.RequestId === undefined ? "missing-request-id" : "invalid-request-id", "error", "/Response/RequestId", "no string `RequestId`");
  } else {
    requestId = response.RequestId;
    if (!UUID.test(requestId)) finding("request-id-not-uuid", "warning", "/Response/RequestId", "not a UUID");
  }
  let code = null;
  if ("Error" in response) {
    const error = response.Error;
    if (!isObject(error) || typeof error.Code !== "string" || typeof error.Message !== "string") {
      finding("invalid-error", "error", "/Response/Error", "`Error` needs string `Code` and `Message`");
    } else {
      code = error.Code;
      if (!CODE.test(code)) finding("error-code-syntax", "error", "/Response/Error/Code", "not a code");
      for (const key of Object.keys(response)) {
        if (key !== "Error" && key !== "RequestId") finding("payload-beside-error", "warning", `/Response/${key}`, "payload beside `Error`");
      }
    }
  }
  const invalid = diagnostics.some((d) => d.severity === "error");
  return { outcome: invalid ? "invalid" : code !== null ? "failure" : "success", request_id: requestId, code, diagnostics };
}

function sizes() {
  const wasm = fs.readFileSync(path.join(JS, "pkg", "node", "index_bg.wasm"));
  const gzip = zlib.gzipSync(wasm, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(wasm, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const mb = (n) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  console.log(`.wasm: ${mb(wasm.length)} raw, ${mb(gzip)} gzipped (level 9), ${mb(brotli)} with brotli (quality 11)`);
}

function nodeLoad() {
  const script = `const t = performance.now(); require(${JSON.stringify(path.join(JS, "pkg", "node", "index.js"))}); process.stdout.write(String(performance.now() - t));`;
  const times = Array.from({ length: 7 }, () => Number(spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout));
  console.log(`load in Node.js ${process.version} (require: read, compile, instantiate): median ${median(times).toFixed(1)} ms of 7 fresh processes`);
}

async function browserLoad() {
  const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.log(`load in the browser: not measured (no ${chromium})`);
    return;
  }
  const http = require("node:http");
  const root = path.join(JS, "page");
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
  const server = http.createServer((req, res) => {
    const file = path.join(root, req.url === "/" ? "index.html" : req.url);
    if (!file.startsWith(root) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await require("playwright-core").chromium.launch({
    executablePath: chromium,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const times = [];
  for (let n = 0; n < 7; n++) {
    // A new context each time: nothing cached, the module compiled anew.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector("body[data-ready='true']");
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  await browser.close();
  server.close();
  console.log(`load in headless Chromium (navigation to a ready worker, from a server on the loopback): median ${median(times).toFixed(0)} ms of 7`);
}

async function speed() {
  const te = require(path.join(JS, "pkg", "node", "index.js"));
  const { Response } = require("node-fetch");
  const { CommonClient } = require("tencentcloud-sdk-nodejs-common");
  const examples = readExamples(CORPUS);
  const bytes = examples.map((e) => e.body);
  const texts = bytes.map((b) => b.toString("utf8"));
  const size = bytes.reduce((sum, b) => sum + b.length, 0);
  const client = new CommonClient("cvm.tencentcloudapi.com", "2017-03-12", { credential: { secretId: "id", secretKey: "key" } });
  const headers = { "Content-Type": "application/json" };
  const contenders = [
    ["JSON.parse + the checks in JavaScript, from bytes (toString, as node-fetch's json())", () => bytes.forEach((b) => envelopeChecks(b.toString())), "bytes"],
    ["validate, from bytes", () => bytes.forEach((b) => te.validate(b)), "bytes"],
    ["JSON.parse + the checks in JavaScript, from text", () => texts.forEach((t) => envelopeChecks(t)), "text"],
    ["validate, from text", () => texts.forEach((t) => te.validate(t)), "text"],
    [
      "the official SDK's parseResponse on node-fetch's Response",
      async () => {
        for (const b of bytes) {
          await client.parseResponse(new Response(b, { status: 200, headers })).catch(() => {});
        }
      },
      "bytes",
    ],
  ];
  for (const [, run] of contenders) await run(); // warm-up: the JIT and the module's tiers
  const times = new Map(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const turn = contenders.slice(round % contenders.length).concat(contenders.slice(0, round % contenders.length));
    for (const [name, run] of turn) {
      const start = performance.now();
      await run();
      times.get(name).push(performance.now() - start);
    }
  }
  console.log(`\n${examples.length} bodies, ${(size / 1e6).toFixed(1)} MB; median of ${ROUNDS} rounds; Node.js ${process.version}\n`);
  console.log("| contender | median round | per body | speed vs JSON.parse + checks on the same input |");
  console.log("|---|---:|---:|---:|");
  const baseline = { bytes: times.get(contenders[0][0]), text: times.get(contenders[2][0]) };
  for (const [name, , input] of contenders) {
    const rounds = times.get(name);
    const ratio = median(rounds.map((t, n) => baseline[input][n] / t));
    console.log(`| ${name} | ${median(rounds).toFixed(1)} ms | ${((median(rounds) / examples.length) * 1e3).toFixed(2)} µs | ${ratio.toFixed(2)}× |`);
  }
}

(async () => {
  sizes();
  nodeLoad();
  await browserLoad();
  await speed();
})();
