// The page: files dropped or chosen, or text pasted, go to the worker (worker.js), which checks
// them with the library compiled to WebAssembly; this shows what it found. Every text that
// comes from a capture is set as text (never as HTML), and nothing is sent anywhere.

const UI = {
  en: {
    title: "Check Tencent Cloud API responses",
    lead: "Drop a HAR archive exported from the browser's developer tools, a JSON Lines capture or a JSON response, or paste a body. Everything is checked in this page: nothing is uploaded.",
    drop: "Drop a .har, .jsonl or .json file here, or click to choose one",
    "as-body": "one response body",
    "as-lines": "JSON Lines",
    "as-har": "a HAR archive",
    check: "Check",
    all: "All",
    invalid: "Invalid",
    failure: "Failures",
    "with-findings": "With findings",
    more: "Show more",
    footer: "Checked by tencentcloud-envelope compiled to WebAssembly, in a worker of this page.",
    loading: "Loading the checker…",
    ready: "Ready: drop a capture or paste a body.",
    working: (name, records, percent) => `Checking ${name}: ${records} records, ${percent}%`,
    done: (count) => `Checked ${count} ${count === 1 ? "file" : "files"}.`,
    failed: (message) => `Could not check: ${message}`,
    records: "records",
    success: "success",
    failureCount: "failure",
    invalidCount: "invalid",
    errors: "errors",
    warnings: "warnings",
    notes: "notes",
    skipped: "Skipped",
    codes: "Error codes",
    codesInvalid: "Error codes of invalid records",
    outcome: { success: "success", failure: "failure", invalid: "invalid" },
    requestId: "request id",
    code: "code",
    at: (line, column) => `line ${line}, column ${column}`,
    meaning: "Meaning",
    whatToDo: "What to do",
    retry: "Retry",
    category: "Category",
    documented: "Documented at",
    noFindings: "No findings.",
    protocol: "Not an envelope",
    shown: (shown, total) => `${shown} of ${total} records shown`,
  },
  zh: {
    title: "检查腾讯云 API 响应",
    lead: "拖入浏览器开发者工具导出的 HAR 文件、JSON Lines 抓包或一个 JSON 响应，或粘贴响应体。全部检查都在本页内完成：不会上传任何内容。",
    drop: "把 .har、.jsonl 或 .json 文件拖到这里，或点击选择文件",
    "as-body": "一个响应体",
    "as-lines": "JSON Lines",
    "as-har": "HAR 文件",
    check: "检查",
    all: "全部",
    invalid: "无效",
    failure: "失败",
    "with-findings": "有问题的",
    more: "显示更多",
    footer: "由编译为 WebAssembly 的 tencentcloud-envelope 在本页的 worker 中检查。",
    loading: "正在加载检查器…",
    ready: "就绪：拖入抓包文件或粘贴响应体。",
    working: (name, records, percent) => `正在检查 ${name}：${records} 条记录，${percent}%`,
    done: (count) => `已检查 ${count} 个文件。`,
    failed: (message) => `无法检查：${message}`,
    records: "条记录",
    success: "成功",
    failureCount: "失败",
    invalidCount: "无效",
    errors: "错误",
    warnings: "警告",
    notes: "提示",
    skipped: "跳过",
    codes: "错误码",
    codesInvalid: "无效记录中的错误码",
    outcome: { success: "成功", failure: "失败", invalid: "无效" },
    requestId: "请求 ID",
    code: "错误码",
    at: (line, column) => `第 ${line} 行，第 ${column} 列`,
    meaning: "含义",
    whatToDo: "处理建议",
    retry: "重试",
    category: "类别",
    documented: "文档",
    noFindings: "没有问题。",
    protocol: "不是信封",
    shown: (shown, total) => `显示 ${shown} / ${total} 条记录`,
  },
};

/** How many records are drawn at a time: a capture of a million records stays responsive. */
const PAGE = 200;

const state = {
  lang: "en",
  /** One entry per file checked: its name, summary, records and the meanings of its codes. */
  files: [],
  filter: "all",
  shown: PAGE,
  busy: false,
};

const $ = (selector) => document.querySelector(selector);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

const t = (key) => UI[state.lang][key];

function setStatus(state_, text) {
  const status = $("#status");
  status.dataset.state = state_;
  status.textContent = text;
}

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let nextId = 0;
const pending = new Map();

worker.onmessage = ({ data }) => {
  if (data.type === "ready") {
    $("#version").textContent = `v${data.version}`;
    document.body.dataset.ready = "true";
    setStatus("ready", t("ready"));
    return;
  }
  const job = pending.get(data.id);
  if (!job) return;
  if (data.type === "records") {
    job.records.push(...data.records);
  } else if (data.type === "progress") {
    const percent = data.total ? Math.floor((100 * data.bytes) / data.total) : 100;
    const progress = $("#progress");
    progress.hidden = false;
    progress.value = data.total ? data.bytes / data.total : 1;
    setStatus("working", t("working")(job.name, data.records, percent));
  } else if (data.type === "done") {
    pending.delete(data.id);
    job.resolve({ name: job.name, summary: data.summary, records: job.records, explanations: data.explanations });
  } else if (data.type === "error") {
    pending.delete(data.id);
    job.reject(new Error(data.message));
  }
};
worker.onerror = (event) => setStatus("error", t("failed")(event.message || "the worker failed"));

/** Checks one file's bytes in the worker (the buffer is handed over, not copied). */
function check(name, buffer, format) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { name, records: [], resolve, reject });
    worker.postMessage({ id, name, bytes: buffer, format }, [buffer]);
  });
}

async function checkAll(inputs) {
  if (state.busy || inputs.length === 0) return;
  state.busy = true;
  state.files = [];
  state.shown = PAGE;
  try {
    for (const input of inputs) {
      setStatus("working", t("working")(input.name, 0, 0));
      state.files.push(await check(input.name, await input.buffer(), input.format));
    }
    $("#progress").hidden = true;
    setStatus("done", t("done")(state.files.length));
  } catch (error) {
    setStatus("error", t("failed")(error.message));
  } finally {
    state.busy = false;
    render();
  }
}

function fromFiles(files) {
  return [...files].map((file) => ({ name: file.name, buffer: () => file.arrayBuffer() }));
}

// Input: drop, choose, paste.
const drop = $("#drop");
for (const type of ["dragenter", "dragover"]) {
  drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
}
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  checkAll(fromFiles(event.dataTransfer.files));
});
// A file dropped beside the zone must not make the browser open it.
window.addEventListener("dragover", (event) => event.preventDefault());
window.addEventListener("drop", (event) => event.preventDefault());
$("#file").addEventListener("change", (event) => {
  checkAll(fromFiles(event.target.files));
  event.target.value = "";
});
$("#check").addEventListener("click", () => {
  const text = $("#paste").value;
  if (text.trim() === "") return;
  const format = $("#paste-format").value;
  const bytes = new TextEncoder().encode(text);
  checkAll([{ name: "pasted", format, buffer: async () => bytes.buffer }]);
});

// Language and filters.
for (const lang of ["en", "zh"]) {
  $(`#lang-${lang}`).addEventListener("click", () => {
    state.lang = lang;
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    $("#lang-en").setAttribute("aria-pressed", String(lang === "en"));
    $("#lang-zh").setAttribute("aria-pressed", String(lang === "zh"));
    for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
    const status = $("#status");
    if (status.dataset.state === "ready") status.textContent = t("ready");
    if (status.dataset.state === "done") status.textContent = t("done")(state.files.length);
    render();
  });
}
for (const button of document.querySelectorAll("[data-filter]")) {
  button.addEventListener("click", () => {
    state.filter = button.dataset.filter;
    state.shown = PAGE;
    for (const other of document.querySelectorAll("[data-filter]")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    renderRecords();
  });
}
$("#more").addEventListener("click", () => {
  state.shown += PAGE;
  renderRecords();
});

// Drawing.
function render() {
  renderSummary();
  renderRecords();
}

function codeList(rows) {
  return el("ul", { class: "codes" }, rows.slice(0, 10).map((row) => el("li", {}, el("code", {}, row.code), ` × ${row.count}`)));
}

function renderSummary() {
  const section = $("#summary");
  section.replaceChildren();
  section.hidden = state.files.length === 0;
  for (const file of state.files) {
    const s = file.summary;
    const counts = [
      ["records", s.records, "records"],
      ["success", s.success, "success"],
      ["failure", s.failure, "failureCount"],
      ["invalid", s.invalid, "invalidCount"],
      ["errors", s.errors, "errors"],
      ["warnings", s.warnings, "warnings"],
      ["notes", s.notes, "notes"],
    ];
    section.append(
      el(
        "article",
        { class: "file-summary", "data-file": file.name },
        el("h2", {}, file.name),
        el("dl", { class: "counts" }, counts.map(([name, value, label]) => el("div", { "data-count": name }, el("dt", {}, t(label)), el("dd", {}, value)))),
        s.skipped ? el("p", { class: "skipped" }, `${t("skipped")}: `, s.skipped.map((k) => `${k.count} ${k.unit}: ${k.reason}`).join("; ")) : null,
        s.codes.length ? el("div", {}, el("h3", {}, t("codes")), codeList(s.codes)) : null,
        s.codes_in_invalid ? el("div", {}, el("h3", {}, t("codesInvalid")), codeList(s.codes_in_invalid)) : null,
      ),
    );
  }
}

function matches(record) {
  switch (state.filter) {
    case "invalid":
      return record.outcome === "invalid";
    case "failure":
      return record.outcome === "failure";
    case "findings":
      return record.diagnostics.length > 0;
    default:
      return true;
  }
}

function renderRecords() {
  const list = $("#records");
  list.replaceChildren();
  $("#results").hidden = state.files.length === 0;
  let total = 0;
  let shown = 0;
  for (const file of state.files) {
    for (const record of file.records) {
      if (!matches(record)) continue;
      total += 1;
      if (shown < state.shown) {
        list.append(renderRecord(record, file.explanations));
        shown += 1;
      }
    }
  }
  const more = $("#more");
  more.hidden = shown >= total;
  more.textContent = `${t("more")} (${t("shown")(shown, total)})`;
}

function renderRecord(record, explanations) {
  const ui = UI[state.lang];
  const item = el("li", { class: `record ${record.outcome}`, "data-source": record.source, "data-outcome": record.outcome });
  item.append(
    el(
      "div",
      { class: "head" },
      el("span", { class: `verdict ${record.outcome}` }, ui.outcome[record.outcome]),
      el("span", { class: "source" }, record.source),
      record.service ? el("span", { class: "call" }, [record.service, record.version, record.action].filter(Boolean).join(" · ")) : null,
      record.status !== undefined ? el("span", { class: "status" }, `HTTP ${record.status}`) : null,
    ),
  );
  const facts = el("dl", { class: "facts" });
  if (record.request_id !== null) facts.append(el("dt", {}, ui.requestId), el("dd", {}, el("code", {}, record.request_id)));
  if (record.code !== null) facts.append(el("dt", {}, ui.code), el("dd", {}, el("code", { class: "error-code" }, record.code)));
  if (facts.childElementCount) item.append(facts);
  if (record.protocol_error) item.append(el("p", { class: "protocol" }, `${ui.protocol}: ${record.protocol_error}`));
  if (record.code !== null) {
    const explanation = explanations[`${record.service ?? ""} ${record.code}`];
    if (explanation) item.append(renderExplanation(explanation));
  }
  if (record.diagnostics.length === 0) {
    item.append(el("p", { class: "clean" }, ui.noFindings));
  } else {
    item.append(el("ol", { class: "findings" }, record.diagnostics.map((d) => renderFinding(d))));
  }
  if (record.omitted) {
    item.append(el("p", { class: "omitted" }, record.omitted.map((o) => `+${o.count} ${o.rule}`).join(", ")));
  }
  return item;
}

function renderFinding(d) {
  const ui = UI[state.lang];
  const place = d.snippet ? ui.at(d.snippet.line, d.snippet.column) : ui.at(d.line, d.column);
  return el(
    "li",
    { class: `finding ${d.severity}`, "data-rule": d.rule },
    el("div", {}, el("span", { class: `severity ${d.severity}` }, d.severity), " ", el("code", { class: "rule" }, d.rule), " ", el("span", { class: "message" }, d.message)),
    el("div", { class: "where" }, place, d.pointer ? " · " : "", d.pointer ? el("code", { class: "pointer" }, d.pointer) : null),
    d.snippet
      ? el("pre", { class: "snippet" }, el("span", {}, d.snippet.before), el("mark", {}, d.snippet.at || " "), el("span", {}, d.snippet.after))
      : null,
  );
}

function renderExplanation(e) {
  const ui = UI[state.lang];
  const prose = e.translations[state.lang];
  return el(
    "dl",
    { class: "explanation", "data-code": e.code, lang: state.lang === "zh" ? "zh-CN" : "en" },
    el("dt", {}, ui.meaning),
    el("dd", { class: "meaning" }, prose.description),
    el("dt", {}, ui.whatToDo),
    el("dd", { class: "advice" }, prose.advice),
    el("dt", {}, ui.retry),
    el("dd", {}, el("code", {}, e.retry_advice)),
    e.category ? [el("dt", {}, ui.category), el("dd", {}, e.category)] : null,
    // As text: the page makes no request, not even a link's.
    e.documentation ? [el("dt", {}, ui.documented), el("dd", { class: "documentation" }, e.documentation)] : null,
  );
}
