// Module worker: boots Pyodide once with calc and answers {id, name, inputs, lang, step} with the
// JSON string of calc.numbers or calc.charts (the page asks for the numbers first), worded in the
// page's language. Only strings cross the boundary, so no Python proxy leaks into JS.
//
// The boot is Pyodide's own, with the stdlib the build trimmed to what calc imports, compiled
// (hooks/stdlib.py), and calc.zip unpacked into site-packages; it reports the bytes that have
// arrived as they do: {type: "download", received, total}. A memory snapshot of a booted Python
// (issues 9 and 18) used to be restored instead; once the stdlib was trimmed and compiled, it
// saved about 0.3 s on a laptop, nothing on a phone on Fast 4G, and cost 10 s on Slow 4G (its
// 2.2 MB), so it went (make bench, 4 December 2026).
// "pyodide" is the site's own copy, assets/pyodide/pyodide.mjs (scripts/bundle.mjs links it).
import { loadPyodide } from "pyodide";
import { info } from "pyodide/pyodide-lock.json";
import * as reply from "../shared/protocol.js";
import { Downloads } from "./downloads.js";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
// calc needs no package: the lock file's contents without its 357 packages, not a download.
const LOCK = JSON.stringify({ info, packages: {} });
const CALC_ZIP_URL = new URL("../calc.zip", import.meta.url);
const RUN =
  "import json, calc\n" +
  "steps = {'numbers': calc.numbers, 'charts': calc.charts}\n" +
  "lambda name, inputs, lang, step:" +
  " json.dumps(steps[step](name, json.loads(inputs), lang), allow_nan=False)";

/** @param {import("../shared/protocol.js").Reply} message */
const send = (message) => postMessage(message);
/** @param {string} message English: the page says it in its words (web/locale, `sayStep` calls) */
const sayStep = (message) => send(reply.progress(message));
/** @param {unknown} error */
const fail = (error) => send(reply.failed(error));

// Pyodide 314.0.7's loadPyodide never settled when the wasm download failed (pyodide#6288); the
// failure surfaces as an unhandled rejection at best, and sometimes only as a console warning.
// Both, and any runtime file the server refuses, fail the boot under way instead of loading
// forever.
let stray = fail;
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  stray(event.reason);
});
// Every runtime file is fetched through `downloads`, which counts its bytes for the page.
const SIZES = new Map(Object.entries(RUNTIME_SIZES).map(([path, bytes]) => [new URL(`../${path}`, import.meta.url).href, bytes]));
const downloads = new Downloads(globalThis.fetch.bind(globalThis), SIZES, (received, total) => send(reply.download(received, total)));
/** @type {typeof fetch} */
globalThis.fetch = async (resource, options) => {
  const url = String(resource instanceof Request ? resource.url : resource);
  try {
    const response = await downloads.fetch(resource, options);
    if (!response.ok) stray(new Error(`${url}: HTTP ${response.status}`));
    return response;
  } catch (error) {
    stray(new Error(`${url}: ${reply.reason(error)}`));
    throw error;
  }
};

/** @template T @param {() => Promise<T>} start @returns {Promise<T>} */
function attempt(start) {
  return new Promise((resolve, reject) => {
    stray = reject;
    start().then(resolve, reject);
  }).finally(() => {
    stray = fail;
  });
}

/** @param {URL} url */
async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return response;
}

async function boot() {
  sayStep("Starting Python…");
  const zip = download(CALC_ZIP_URL).then((response) => response.arrayBuffer());
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, lockFileContents: LOCK });
  sayStep("Loading the calculators…");
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(await zip, "zip", { extractDir: sitePackages });
  return pyodide.runPython(RUN);
}

const ready = attempt(boot);
ready.finally(() => downloads.done()).catch(() => {});

ready.then(() => send(reply.ready()), fail);

/** @param {MessageEvent<import("../shared/protocol.js").Request>} event */
onmessage = async ({ data }) => {
  try {
    const run = await ready;
    send(reply.answer(data.id, run(data.name, JSON.stringify(data.inputs), data.lang || "en", data.step)));
  } catch (error) {
    send(reply.refusal(data.id, error));
  }
};
