// Module worker: boots Pyodide once with calc and answers {id, name, inputs, lang, step} with the
// JSON string of calc.numbers or calc.charts (the page asks for the numbers first), worded in the
// page's language. Only strings cross the boundary, so no Python proxy leaks into JS.
//
// The first boot on a device is Pyodide's own, with the stdlib the build trimmed to what calc
// imports, compiled (hooks/stdlib.py), and calc.zip unpacked into site-packages; it reports the
// bytes that have arrived as they do: {type: "download", received, total}. It then keeps a
// snapshot of Python's memory on the device (snapshots.js says why, and why not one from the
// build), which every later load of the same runtime restores instead of booting.
// "pyodide" is the site's own copy, assets/pyodide/pyodide.mjs (scripts/bundle.mjs links it).
import { loadPyodide } from "pyodide";
import { info } from "pyodide/pyodide-lock.json";
import * as reply from "../shared/protocol.js";
import { Downloads } from "./downloads.js";
import { Snapshots } from "./snapshots.js";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
// calc needs no package: the lock file's contents without its 357 packages, not a download.
const LOCK = JSON.stringify({ info, packages: {} });
const CALC_ZIP_URL = new URL("../calc.zip", import.meta.url);
// Left in __main__, so that a restored snapshot has them too. _calc_check() is the fixed question
// a restored snapshot must answer as the Python it was taken from did.
const SETUP = `
import json, calc

def _calc_answer(name, inputs, lang, step):
    answer = {"numbers": calc.numbers, "charts": calc.charts}[step](name, json.loads(inputs), lang)
    return json.dumps(answer, allow_nan=False)

def _calc_check():
    name = next(iter(calc.CALCULATORS))
    return _calc_answer(name, json.dumps(calc.defaults(name)), "en", "numbers")
`;
const snapshots = new Snapshots(
  globalThis.caches,
  `${new URL("../../", import.meta.url).href}#python-snapshot`,
  new URL(`../pyodide/python.snapshot?${RUNTIME_VERSION}`, import.meta.url).href,
);

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

/** @param {import("pyodide").PyodideAPI} pyodide @param {ArrayBuffer} zip */
function unpack(pyodide, zip) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(zip, "zip", { extractDir: sitePackages });
}

/** What answers a request, and how Python started. @typedef {{answer: (...args: string[]) => string, boot: import("../shared/protocol.js").Boot}} Python */

/** @returns {Promise<Python>} */
async function boot() {
  sayStep("Starting Python…");
  const zip = download(CALC_ZIP_URL).then((response) => response.arrayBuffer());
  const kept = await snapshots.find();
  if (kept) {
    try {
      return await restore(kept, await zip);
    } catch (error) {
      console.warn("This device's Python snapshot did not restore; booting instead:", error);
      await snapshots.drop();
    }
  }
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, lockFileContents: LOCK, _makeSnapshot: snapshots.usable });
  sayStep("Loading the calculators…");
  unpack(pyodide, await zip);
  pyodide.runPython(SETUP);
  // Before any reader's input: the snapshot holds calc, not what anyone typed. It is stored
  // once the calculators are live (keepSnapshot).
  if (snapshots.usable) {
    try {
      // A copy of the heap (Pyodide makes a fresh ArrayBuffer, never a shared one).
      const memory = /** @type {Uint8Array<ArrayBuffer>} */ (pyodide.makeMemorySnapshot());
      keepSnapshot = () => snapshots.keep(memory, pyodide.runPython("_calc_check()"));
    } catch (error) {
      console.warn("Python's memory could not be kept on this device:", error);
    }
  }
  return { answer: pyodide.globals.get("_calc_answer"), boot: "plain" };
}

/** @param {import("./snapshots.js").Kept} kept @param {ArrayBuffer} zip @returns {Promise<Python>} */
async function restore(kept, zip) {
  const pyodide = await loadPyodide({ indexURL: INDEX_URL, lockFileContents: LOCK, _loadSnapshot: kept.bytes });
  // calc is imported already; its files go back for what reads them later (the stdlib's
  // files came back with the boot: the filesystem is not in the snapshot).
  unpack(pyodide, zip);
  if (pyodide.runPython("_calc_check()") !== kept.check) throw new Error("it answers differently from the Python it was taken from");
  return { answer: pyodide.globals.get("_calc_answer"), boot: "snapshot" };
}

/** @type {(() => Promise<boolean>) | null} stores the first boot's snapshot, once live */
let keepSnapshot = null;

const ready = attempt(boot);
ready.finally(() => downloads.done()).catch(() => {});

ready.then(({ boot }) => {
  send(reply.ready(boot));
  // After the answers the page is waiting for (they are queued on `ready` already). A snapshot
  // that cannot be kept costs the next visit a plain boot, and this one nothing.
  setTimeout(async () => {
    try {
      await keepSnapshot?.();
    } catch (error) {
      console.warn("Python's memory could not be kept on this device:", error);
    } finally {
      keepSnapshot = null;
    }
  }, 0);
}, fail);

/** @param {MessageEvent<import("../shared/protocol.js").Request>} event */
onmessage = async ({ data }) => {
  try {
    const { answer } = await ready;
    send(reply.answer(data.id, answer(data.name, JSON.stringify(data.inputs), data.lang || "en", data.step)));
  } catch (error) {
    send(reply.refusal(data.id, error));
  }
};
