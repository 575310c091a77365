"use strict";
// The static page in a real browser (Debian's Chromium, driven by playwright-core): served
// from its plain files by a static server on the loopback, it checks the shipped samples and
// a HAR that Chromium itself recorded, shows what the package's reader finds, explains codes
// in English and Chinese, and makes no request once loaded. The screenshot in the docs is
// taken here (see SCREENSHOT).

const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { describe, test, before, after } = require("node:test");

const te = require("tencentcloud-envelope");
const { JS, REPOSITORY, runTool } = require("./helpers.js");

const PAGE = path.join(JS, "page");
const SAMPLES = path.join(REPOSITORY, "samples");
// The screenshot in the docs is taken again with UPDATE_SCREENSHOT=1; else into target/, so
// that a test run leaves the checkout as it was.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT
  ? path.join(REPOSITORY, "docs", "images", "page.png")
  : path.join(REPOSITORY, "target", "js", "page.png");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ID = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6";

/** Serves `root`'s files, and nothing else; remembers every request. */
function staticServer(root) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };
  const served = [];
  const server = http.createServer((req, res) => {
    served.push(req.url);
    const url = new URL(req.url, "http://localhost");
    const file = path.join(root, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return { server, served };
}

/** Stands in for Tencent Cloud API hosts (the browser resolves them to it), answering by
 * action, and for a console page on another origin that calls them. */
function apiServer() {
  const cors = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "content-type, x-tc-action, x-tc-version",
    "Access-Control-Expose-Headers": "x-tc-requestid",
  };
  return http.createServer((req, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>console</title>");
      return;
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    req.resume();
    const json = (status, body, extra = {}) => res.writeHead(status, { ...cors, "Content-Type": "application/json", ...extra }).end(body);
    switch (req.headers["x-tc-action"]) {
      case "DescribeInstances": // a success, gzip-encoded on the wire
        res.writeHead(200, { ...cors, "Content-Type": "application/json", "Content-Encoding": "gzip" });
        res.end(zlib.gzipSync(`{"Response": {"TotalCount": 0, "InstanceSet": [], "RequestId": "${ID}"}}`));
        return;
      case "RunInstances": // a service error at 400
        return json(400, `{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "1b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e"}}`, { "Content-Type": "application/json; charset=utf-8" });
      case "DescribeDisks": // a broken envelope
        return json(200, `{"Response": {"TotalCount": 1, "TotalCount": 2, "DiskSet": [], "RequestId": "2c3d4e5f-6a7b-4c8d-ae9f-0a1b2c3d4e5f"}}`);
      case "StartInstances": // a gateway's page
        res.writeHead(502, { ...cors, "Content-Type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
        return;
      default:
        return json(200, `{"Response": {"Error": {"Code": "InvalidAction", "Message": "no such action"}, "RequestId": "3d4e5f6a-7b8c-4d9e-bf0a-1b2c3d4e5f6a"}}`);
    }
  });
}

const listen = (server) => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("the page in headless Chromium", () => {
  let chromium;
  let browser;
  let page;
  let site;
  let api;
  let origin;
  let harPath;
  let servedBefore;
  let servedAtLoad;
  let requestsAtLoad;
  const requests = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tc-envelope-page-"));

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing: js/test.sh installs Debian's chromium`);
      return;
    }
    ({ chromium } = require("playwright-core"));
    site = staticServer(PAGE);
    const sitePort = await listen(site.server);
    api = apiServer();
    const apiPort = await listen(api);
    origin = `http://127.0.0.1:${sitePort}`;

    // A HAR recorded by Chromium itself: a console page on another origin calls two API hosts,
    // which the browser resolves to the stand-in server; one answer is gzip-encoded on the wire.
    harPath = path.join(tmp, "browser-export.har");
    const recorder = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...FLAGS, `--host-resolver-rules=MAP *.tencentcloudapi.com 127.0.0.1:${apiPort}, MAP console.example.test 127.0.0.1:${apiPort}`],
    });
    try {
      const context = await recorder.newContext({ recordHar: { path: harPath, content: "embed" } });
      const console_ = await context.newPage();
      await console_.goto("http://console.example.test/");
      await console_.evaluate(async () => {
      const call = (service, action) =>
        fetch(`http://${service}.tencentcloudapi.com/`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-TC-Action": action, "X-TC-Version": "2017-03-12" },
          body: "{}",
        }).then((r) => r.text());
      for (const [service, action] of [["cvm", "DescribeInstances"], ["cvm", "RunInstances"], ["cbs", "DescribeDisks"], ["cvm", "StartInstances"]]) {
        await call(service, action);
      }
      });
      await context.close();
    } finally {
      await recorder.close();
    }

    servedBefore = site.served.length;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 1500 } });
    viewer.on("request", (request) => requests.push(request.url()));
    page = await viewer.newPage();
    page.on("pageerror", (error) => requests.push(`page error: ${error.message}`));
    await page.goto(`${origin}/`);
    await page.waitForSelector("body[data-ready='true']");
    servedAtLoad = site.served.length;
    requestsAtLoad = requests.length;
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
    api?.close();
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const skipWithoutChromium = (t) => {
    if (page) return false;
    console.log(`SKIPPED: ${CHROMIUM} is missing`);
    t.skip(`${CHROMIUM} is missing`);
    return true;
  };

  /** What the page shows of one file's summary: its counts by name. */
  const shownCounts = (name) =>
    page.$$eval(`article.file-summary[data-file="${name}"] [data-count]`, (rows) =>
      Object.fromEntries(rows.map((row) => [row.dataset.count, Number(row.querySelector("dd").textContent)])),
    );
  const counts = (summary) => Object.fromEntries(["records", "success", "failure", "invalid", "errors", "warnings", "notes"].map((k) => [k, summary[k]]));

  test("loading fetches the page's own files only, the module once", async (t) => {
    if (skipWithoutChromium(t)) return;
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((url) => !url.startsWith(origin)), []);
    assert.equal(requests.filter((url) => url.endsWith(".wasm")).length, 1);
  });

  test("dropping the shipped samples shows each file's summary and every record, as the reader finds them", async (t) => {
    if (skipWithoutChromium(t)) return;
    const files = fs.readdirSync(SAMPLES).sort();
    const payload = files.map((name) => ({ name, base64: fs.readFileSync(path.join(SAMPLES, name)).toString("base64") }));
    const dataTransfer = await page.evaluateHandle((items) => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of items) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name));
      }
      return transfer;
    }, payload);
    await page.dispatchEvent("#drop", "drop", { dataTransfer });
    await page.waitForSelector("#status[data-state='done']");

    let records = 0;
    for (const name of files) {
      const expected = te.readCapture(fs.readFileSync(path.join(SAMPLES, name)), { name, snippets: true });
      assert.deepEqual(await shownCounts(name), counts(expected.summary), name);
      records += expected.records.length;
      for (const record of expected.records) {
        const item = `li.record[data-source="${record.source}"]`;
        assert.equal(await page.getAttribute(item, "data-outcome"), record.outcome, record.source);
        const rules = await page.$$eval(`${item} li.finding`, (found) => found.map((f) => f.dataset.rule));
        assert.deepEqual(rules, record.diagnostics.map((d) => d.rule), record.source);
        const marked = await page.$$eval(`${item} li.finding`, (found) => found.map((f) => f.querySelector("mark")?.textContent ?? null));
        assert.deepEqual(marked, record.diagnostics.map((d) => (d.snippet ? d.snippet.at || " " : null)), record.source);
      }
    }
    assert.equal(await page.locator("li.record").count(), records);
    // The explanation of a code, in English.
    const limit = te.explain("RequestLimitExceeded");
    const meaning = page.locator(`dl.explanation[data-code="RequestLimitExceeded"] .meaning`).first();
    assert.equal(await meaning.textContent(), limit.translations.en.description);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  test("switching to Chinese explains the codes in Chinese", async (t) => {
    if (skipWithoutChromium(t)) return;
    await page.click("#lang-zh");
    const limit = te.explain("RequestLimitExceeded", { lang: "zh" });
    const explanation = page.locator(`dl.explanation[data-code="RequestLimitExceeded"]`).first();
    assert.equal(await explanation.locator(".meaning").textContent(), limit.translations.zh.description);
    assert.equal(await explanation.locator(".advice").textContent(), limit.translations.zh.advice);
    assert.equal(await page.textContent("h1"), "检查腾讯云 API 响应");
    await page.click("#lang-en");
  });

  test("a HAR that Chromium recorded: the API calls checked, the rest skipped, as the tool does", async (t) => {
    if (skipWithoutChromium(t)) return;
    await page.setInputFiles("#file", harPath);
    await page.waitForSelector("#status[data-state='done']");
    const bytes = fs.readFileSync(harPath);
    const expected = te.readCapture(bytes, { name: "browser-export.har" });
    assert.deepEqual(expected.records.map((r) => [r.service, r.action, r.status, r.outcome]), [
      ["cvm", "DescribeInstances", 200, "success"],
      ["cvm", "RunInstances", 400, "failure"],
      ["cbs", "DescribeDisks", 200, "invalid"],
      ["cvm", "StartInstances", 502, "invalid"],
    ]);
    // The console page that made the calls is read and skipped (Playwright records no preflights).
    assert.deepEqual(expected.summary.skipped, [{ unit: "entry", reason: "not JSON, from a host that is not a Tencent Cloud API endpoint", count: 1 }]);
    const tool = JSON.parse(runTool(["check", "--format", "json", harPath]));
    assert.deepEqual(
      expected.records.map((r) => [r.outcome, r.request_id, r.code, r.diagnostics.map((d) => d.rule)]),
      tool.records.map((r) => [r.outcome, r.request_id, r.code, r.diagnostics.map((d) => d.rule)]),
    );
    assert.deepEqual(await shownCounts("browser-export.har"), counts(expected.summary));
    const outcomes = await page.$$eval("li.record", (items) => items.map((i) => i.dataset.outcome));
    assert.deepEqual(outcomes, expected.records.map((r) => r.outcome));
    assert.match(await page.textContent(`li.record[data-source="browser-export.har#${expected.records[3].place.entry}"] .protocol`), /502/);
    assert.ok(await page.isVisible(`li.record.invalid li.finding[data-rule="duplicate-key"] mark`));
  });

  test("a pasted body is checked as one response", async (t) => {
    if (skipWithoutChromium(t)) return;
    await page.fill("#paste", `{"Response": {"Error": {"Code": "InvalidDisk.Busy", "Message": "busy"}, "RequestId": "${ID}"}}`);
    await page.selectOption("#paste-format", "json");
    await page.click("#check");
    await page.waitForSelector(`li.record[data-source="pasted"]`);
    assert.equal(await page.getAttribute(`li.record[data-source="pasted"]`, "data-outcome"), "failure");
    assert.equal(
      await page.textContent(`dl.explanation[data-code="InvalidDisk.Busy"] .meaning`),
      te.explain("InvalidDisk.Busy").translations.en.description,
    );
  });

  test("a large capture is read off the main thread, with progress shown", async (t) => {
    if (skipWithoutChromium(t)) return;
    const lines = Array.from({ length: 40_000 }, (_, n) =>
      n % 1000 === 7
        ? `{"Response": {"RequestId": "r-${n}", "RequestId": "again"}}`
        : `{"Response": {"TotalCount": ${n}, "RequestId": "${String(n).padStart(8, "0")}-f35e-473f-b9f3-0d451b8b79c6"}}`,
    );
    const large = path.join(tmp, "large.jsonl");
    fs.writeFileSync(large, lines.join("\n") + "\n");
    // Watch the status and how late the main thread's timer fires while the worker reads.
    await page.evaluate(() => {
      window.seen = [];
      window.longestGap = 0;
      let last = performance.now();
      window.ticker = setInterval(() => {
        const now = performance.now();
        window.longestGap = Math.max(window.longestGap, now - last);
        last = now;
      }, 10);
      new MutationObserver(() => window.seen.push(document.querySelector("#status").textContent)).observe(
        document.querySelector("#status"),
        { childList: true, characterData: true, subtree: true },
      );
    });
    await page.setInputFiles("#file", large);
    await page.waitForSelector("#status[data-state='done']");
    const { seen, longestGap } = await page.evaluate(() => {
      clearInterval(window.ticker);
      return { seen: window.seen, longestGap: window.longestGap };
    });
    const progress = seen.map((text) => /: (\d+) records, (\d+)%/.exec(text)).filter(Boolean).map((m) => Number(m[1]));
    assert.ok(progress.some((n) => n > 0 && n < 40_000), `progress shown: ${seen.slice(0, 5)}`);
    assert.ok(longestGap < 1000, `the main thread stalled for ${longestGap} ms`);
    const summary = te.readCapture(fs.readFileSync(large), { name: "large.jsonl" }).summary;
    assert.deepEqual(await shownCounts("large.jsonl"), counts(summary));
    assert.equal(summary.invalid, 40);
    // A page of records is drawn, and more on demand.
    assert.equal(await page.locator("li.record").count(), 200);
    await page.click("#more");
    assert.equal(await page.locator("li.record").count(), 400);
  });

  test("nothing was requested after load, and no script failed", async (t) => {
    if (skipWithoutChromium(t)) return;
    await page.waitForTimeout(200);
    assert.equal(site.served.length, servedAtLoad);
    assert.equal(requests.length, requestsAtLoad);
    // What load fetched: the page, its style, its script, the worker, the glue and the module.
    const loaded = site.served.slice(servedBefore).sort();
    assert.deepEqual(loaded, ["/", "/app.js", "/style.css", "/wasm/index.js", "/wasm/index_bg.wasm", "/worker.js"]);
  });
});
