"use strict";
// Shared by the tests: where things are, the documentation corpus beside the repository, and
// the command-line tool the answers are compared with.

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const JS = path.resolve(__dirname, "..");
const REPOSITORY = path.dirname(JS);
const SHARED = process.env.TC_ENVELOPE_SHARED || path.join(path.dirname(REPOSITORY), "shared");
// Both sites' documentation examples, with how many each holds.
const CORPORA = {
  intl: [path.join(SHARED, "corpus", "doc-examples"), 10_602],
  china: [path.join(SHARED, "corpus", "doc-examples-china"), 18_263],
};

/** `what`, or, when it is missing, a failure under CI (`CI` set) and a skip elsewhere. */
function needShared(t, what) {
  if (fs.existsSync(what)) {
    return true;
  }
  const message = `${what} is missing: the shared corpus sits beside the repository in ../shared`;
  if (process.env.CI) {
    throw new Error(message);
  }
  console.log(`SKIPPED: ${message}`);
  t.skip(message);
  return false;
}

/** Every example `PRODUCT/vYYYYMMDD/Action.N.json` under `root`, sorted as the tool walks them
 * (by path, byte order), with the call its path names. */
function readExamples(root) {
  const examples = [];
  for (const service of fs.readdirSync(root).sort()) {
    for (const versionDir of fs.readdirSync(path.join(root, service)).sort()) {
      const digits = /^v(\d{4})(\d{2})(\d{2})$/.exec(versionDir);
      for (const name of fs.readdirSync(path.join(root, service, versionDir)).sort()) {
        const action = /^(.+)\.\d+\.json$/.exec(name);
        if (!digits || !action) {
          throw new Error(`${service}/${versionDir}/${name} is not PRODUCT/vYYYYMMDD/Action.N.json`);
        }
        const file = path.join(root, service, versionDir, name);
        examples.push({
          path: file,
          service,
          version: digits.slice(1).join("-"),
          versionDir,
          action: action[1],
          body: fs.readFileSync(file),
        });
      }
    }
  }
  return examples;
}

/** The `tc-envelope` binary `test.sh` builds (or the one `TC_ENVELOPE` names). */
function tool() {
  const candidates = process.env.TC_ENVELOPE
    ? [process.env.TC_ENVELOPE]
    : ["debug", "release"].map((p) => path.join(REPOSITORY, "target", p, "tc-envelope"));
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(`no tc-envelope binary at ${candidates}: run \`cargo build --bin tc-envelope\``);
  }
  return found;
}

/** Runs the tool with `args`; its standard output. Exit statuses 0 and 1 are answers. */
function runTool(args, { allow = [0, 1] } = {}) {
  const run = spawnSync(tool(), args, { maxBuffer: 1 << 30, encoding: "utf8" });
  if (!allow.includes(run.status)) {
    throw new Error(`tc-envelope ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}

/** `tc-envelope check --format jsonl ARGS` as records, in the tool's order. */
function toolRecords(...args) {
  return runTool(["check", "--format", "jsonl", ...args])
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

/** A record's outcome, request id, code and rule ids. */
function essentials(record) {
  return [record.outcome, record.request_id, record.code, record.diagnostics.map((d) => d.rule)];
}

module.exports = { JS, REPOSITORY, SHARED, CORPORA, needShared, readExamples, tool, runTool, toolRecords, essentials };
