// Module worker: boots Pyodide once with calc and answers {id, name, inputs, lang, step} with the
// JSON string of calc.numbers or calc.charts (the page asks for the numbers first), worded in the
// page's language. Only strings cross the boundary, so no Python proxy leaks into JS.
//
// It first restores the interpreter the build saved with calc already imported (snapshot.bin.xz,
// made by scripts/snapshot.mjs), which is live in a fraction of a plain boot. The snapshot is only
// a shortcut: if it is missing, corrupt, or made from another Pyodide or another calc.zip, the
// worker boots plainly (Pyodide, then calc.zip unpacked into site-packages), and the ready
// message says which way it went: {type: "ready", boot: "snapshot" | "plain"}. The plain boot
// downloads nothing again (downloads.js keeps what the first attempt fetched), and both report
// the bytes that have arrived: {type: "download", received, total}.
// "pyodide" is the site's own copy, assets/pyodide/pyodide.mjs (scripts/bundle.mjs links it).
import { loadPyodide } from "pyodide";
import { info } from "pyodide/pyodide-lock.json";
import { XzReadableStream } from "xz-decompress";
import * as reply from "../shared/protocol.js";
import { Downloads } from "./downloads.js";
import { initialMemory, xorStaticData } from "./static-data.js";

/** @typedef {Awaited<ReturnType<typeof loadPyodide>>} PyodideAPI */

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const SNAPSHOT_URL = new URL("../pyodide/snapshot.bin.xz", import.meta.url);
const WASM_URL = new URL("../pyodide/pyodide.asm.wasm", import.meta.url).href;
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
// Both, and any runtime file the server refuses, fail the boot under way (a snapshot boot then
// falls back, and a plain boot reports it) instead of loading forever.
let stray = fail;
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  stray(event.reason);
});
// Every runtime file is fetched through `downloads`: once per boot, counted for the page.
const SIZES = new Map(Object.entries(RUNTIME_SIZES).map(([path, bytes]) => [new URL(`../${path}`, import.meta.url).href, bytes]));
const downloads = new Downloads(globalThis.fetch.bind(globalThis), SIZES, (received, total) => send(reply.download(received, total)));
/** @type {typeof fetch} */
globalThis.fetch = async (resource, options) => {
  const url = String(resource instanceof Request ? resource.url : resource);
  try {
    const response = await downloads.fetch(resource, options);
    if (!response.ok) stray(new Error(`${url}: HTTP ${response.status}`));
    if (url === WASM_URL) copyWasm?.(response.clone().arrayBuffer());
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

/** @param {ArrayBuffer} buffer */
async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// loadPyodide keeps its options for the worker's lifetime, and a promise keeps its value: hand
// the 31 MB of snapshot over once and forget them.
/** @template T @param {Promise<T> | null} promise @returns {PromiseLike<T>} */
function handOver(promise) {
  return /** @type {PromiseLike<T>} */ ({
    then(resolve, reject) {
      promise?.then(resolve, reject);
      promise = null;
    },
  });
}

/** @type {((bytes: Promise<ArrayBuffer>) => void) | null} */
let copyWasm = null;

// The snapshot as the build wrote it: xz-compressed, with the wasm's static data XORed out
// (static-data.js). That data comes back from the wasm Pyodide downloads (a copy of its response,
// not a second download), so this needs loadPyodide under way.
async function snapshotBytes() {
  const wasm = new Promise((resolve) => { copyWasm = resolve; }).finally(() => { copyWasm = null; });
  const response = await download(SNAPSHOT_URL);
  if (!response.body) throw new Error(`${SNAPSHOT_URL.pathname}: no body`);
  const snapshot = new Uint8Array(await new Response(new XzReadableStream(response.body)).arrayBuffer());
  xorStaticData(snapshot, initialMemory(await wasm));
  return snapshot;
}

/** @param {Promise<ArrayBuffer>} zip */
async function fromSnapshot(zip) {
  const snapshot = snapshotBytes();
  // loadPyodide awaits it only once the runtime has downloaded alongside; it reports failures.
  snapshot.catch(() => {});
  const [pyodide, zipBytes] = await Promise.all([
    loadPyodide({
      indexURL: INDEX_URL,
      lockFileContents: LOCK,
      _loadSnapshot: handOver(snapshot),
    }),
    zip,
  ]);
  const restored = pyodide.globals.get("_snapshot_restored");
  if (typeof restored !== "function") throw new Error("not a snapshot of this site");
  try {
    if (!restored(await sha256(zipBytes))) {
      throw new Error("made from another calc.zip, or answers differently");
    }
  } finally {
    restored.destroy();
  }
  // No unpack: every calc module is imported already, and calc.run never raises, so nothing
  // reads calc's files (unpacking would cost more than the check above).
  return pyodide;
}

/** @param {Promise<ArrayBuffer>} zip */
async function plain(zip) {
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, lockFileContents: LOCK });
  sayStep("Loading the calculators…");
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(await zip, "zip", { extractDir: sitePackages });
  return pyodide;
}

/** @returns {Promise<{boot: import("../shared/protocol.js").Boot, pyodide: PyodideAPI}>} */
async function boot() {
  sayStep("Starting Python…");
  const zip = download(CALC_ZIP_URL).then((response) => response.arrayBuffer());
  try {
    return { boot: "snapshot", pyodide: await attempt(() => fromSnapshot(zip)) };
  } catch (error) {
    await zip; // without calc.zip no boot can work: report that, not a slow plain boot
    console.warn("calc worker: snapshot not used, booting plainly:", error);
    downloads.giveUp(SNAPSHOT_URL.href);
    sayStep("Downloading and starting Python…");
    return { boot: "plain", pyodide: await attempt(() => plain(zip)) };
  }
}

const ready = boot().then(({ boot, pyodide }) => ({ boot, run: pyodide.runPython(RUN) }));
ready.finally(() => downloads.done()).catch(() => {});

ready.then(({ boot }) => send(reply.ready(boot)), fail);

/** @param {MessageEvent<import("../shared/protocol.js").Request>} event */
onmessage = async ({ data }) => {
  try {
    const { run } = await ready;
    send(reply.answer(data.id, run(data.name, JSON.stringify(data.inputs), data.lang || "en", data.step)));
  } catch (error) {
    send(reply.refusal(data.id, error));
  }
};
