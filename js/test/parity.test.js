"use strict";
// The JavaScript report equals the command-line tool's JSON record, for every documentation
// example of both sites: `validate` and `Validator` on each file, and `readCapture` on a JSON
// Lines capture of them that names each call.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { describe, test, before } = require("node:test");
const { isDeepStrictEqual } = require("node:util");

const te = require("tencentcloud-envelope");
const { CORPORA, needShared, readExamples, runTool, toolRecords, essentials } = require("./helpers.js");

/** `text` with whitespace outside strings dropped and a raw line break inside a string made a
 * raw tab: one JSON Lines line, as broken as before (as `tests/doc_corpus` does in Rust). */
function oneLine(text) {
  let out = "";
  let inString = false;
  let escaped = false;
  for (const c of text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c === "\\") {
        escaped = true;
      } else if (c === '"') {
        inString = false;
      }
      out += c === "\n" || c === "\r" ? "\t" : c;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      continue;
    } else {
      inString = c === '"';
      out += c;
    }
  }
  return out;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

for (const [site, [root, count]] of Object.entries(CORPORA)) {
  describe(`the ${site} site's examples`, () => {
    let examples;
    let documents;
    before(() => {
      if (!fs.existsSync(root)) {
        return;
      }
      examples = readExamples(root);
      assert.equal(examples.length, count, `examples under ${root}`);
      // The tool's answers, from one run over the directory: each file one document, checked
      // without a service (the tool takes a call from captures and options, never from paths).
      documents = JSON.parse(runTool(["check", "--format", "json", root])).records;
    });

    test("every file's report equals the tool's record, duplicate request ids included", (t) => {
      if (!needShared(t, root)) return;
      assert.deepEqual(
        documents.map((r) => r.source).sort(),
        examples.map((e) => e.path).sort(),
      );
      const bodies = new Map(examples.map((e) => [e.path, e.body]));
      // One validator fed in the tool's order remembers request ids as the tool does, so the
      // whole record agrees: every diagnostic's rule, severity, pointer, line, column, message.
      const validator = new te.Validator();
      const mismatches = [];
      for (const { source, ...record } of documents) {
        const report = validator.validate(bodies.get(source));
        if (!isDeepStrictEqual(report, record)) {
          mismatches.push({ source, report, record });
        }
      }
      assert.deepEqual(mismatches.slice(0, 3), []);
      assert.ok(documents.some((r) => essentials(r)[3].includes("duplicate-request-id")));
    });

    test("stateless validate equals the tool but for repeated request ids, on bytes and on text", (t) => {
      if (!needShared(t, root)) return;
      const records = new Map(documents.map((r) => [r.source, r]));
      let asText = 0;
      for (const example of examples) {
        const [outcome, requestId, code, rules] = essentials(records.get(example.path));
        const expected = [outcome, requestId, code, rules.filter((r) => r !== "duplicate-request-id")];
        assert.deepEqual(essentials(te.validate(example.body)), expected, example.path);
        // A string is the same body when the bytes are UTF-8 (else decoding has changed it).
        const text = example.body.toString("utf8");
        if (Buffer.from(text, "utf8").equals(example.body)) {
          assert.deepEqual(essentials(te.validate(text)), expected, example.path);
          asText += 1;
        }
      }
      assert.ok(asText > 0.9 * examples.length);
    });

    test("readCapture on JSON Lines naming each call equals the tool's records, payload checks included", (t) => {
      if (!needShared(t, root)) return;
      const lines = [];
      const kept = [];
      for (const example of examples) {
        const body = oneLine(example.body.toString("utf8"));
        if (!isJson(body)) continue;
        kept.push(example);
        const call = JSON.stringify({ service: example.service, version: example.version, action: example.action });
        lines.push(`${call.slice(0, -1)}, "response": ${body}}`);
      }
      assert.ok(kept.length > 0.9 * examples.length);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tc-envelope-js-"));
      const capture = path.join(dir, `${site}-examples.jsonl`);
      fs.writeFileSync(capture, lines.join("\n") + "\n");
      try {
        const expected = toolRecords(capture);
        const { records, summary } = te.readCapture(fs.readFileSync(capture), { name: capture });
        assert.equal(records.length, kept.length);
        assert.equal(summary.records, kept.length);
        const mismatches = [];
        let schemaFindings = 0;
        records.forEach(({ place, ...record }, n) => {
          assert.deepEqual(place, { line: n + 1 });
          if (!isDeepStrictEqual(record, expected[n])) mismatches.push({ record, expected: expected[n] });
          schemaFindings += record.diagnostics.filter((d) => d.rule.startsWith("schema-")).length;
        });
        assert.deepEqual(mismatches.slice(0, 3), []);
        assert.ok(schemaFindings > 0);
        // The function `validate` with the call agrees with the tool on the essentials.
        const validator = new te.Validator();
        kept.forEach((example, n) => {
          const body = Buffer.from(lines[n].slice(lines[n].indexOf('"response": ') + 12, -1));
          const report = validator.validate(body, example);
          assert.deepEqual(essentials(report), essentials(expected[n]), example.path);
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
