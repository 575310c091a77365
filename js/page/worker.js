// The checker, off the page's main thread: the library compiled to WebAssembly reads each
// capture and posts its records in batches, its progress, then the summary and the meaning of
// every error code met (in both languages). Nothing is fetched but the module, at start.
import init, { readCapture, explain, version } from "./wasm/index.js";

const ready = init().then(() => postMessage({ type: "ready", version: version() }));

onmessage = async ({ data }) => {
  await ready;
  const { id, name, bytes, format } = data;
  // Each code once per service: with a service, only that product's list makes a product code.
  const codes = new Map();
  try {
    const { summary } = readCapture(new Uint8Array(bytes), {
      name,
      format,
      snippets: true,
      onRecords: (records) => {
        for (const record of records) {
          if (record.code !== null) {
            codes.set(`${record.service ?? ""} ${record.code}`, [record.code, record.service]);
          }
        }
        postMessage({ type: "records", id, records });
      },
      onProgress: (progress) => postMessage({ type: "progress", id, ...progress }),
    });
    const explanations = {};
    for (const [key, [code, service]] of codes) {
      explanations[key] = explain(code, { service });
    }
    postMessage({ type: "done", id, summary, explanations });
  } catch (error) {
    postMessage({ type: "error", id, message: String(error) });
  }
};
