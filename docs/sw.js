// Service worker: keeps one version of the site for offline reading, and serves every page, its
// scripts, calc.zip and the Python runtime from that one version only.
//
// The build (hooks/site_build.py) fills in MANIFEST: {version, core, runtime}, each group mapping
// an address relative to this worker's scope to [sha-256 hex, size in bytes].
// - core: pages, styles, scripts, English search. Fetched when this version installs.
// - runtime: Pyodide, calc.zip, the calc worker. Kept when a page first uses a calculator.
// Asked to "keep" (the reader's "Keep available offline"), it stores both groups whole, with
// progress; under Save-Data that is the only way anything is stored.
// A file is stored only if its bytes have this version's hash, so neither the HTTP cache nor the
// server (once a newer version is deployed) can slip another version's file in.
//
// Caches are named after the scope ("https://user.github.io/repo/#offline-<version>"): all project
// sites on user.github.io share one origin, and this worker deletes no cache but its own.
// A new version installs beside the old one and waits; pages offer "Updated: reload" and it takes
// over when the reader accepts (every tab of the site then reloads) or closes every tab.
/**
 * address → [sha-256 hex, size in bytes]
 * @typedef {Record<string, [string, number]>} Files
 * @typedef {{version: string, core: Files, runtime: Files}} Manifest
 */
const MANIFEST = null;
// The global scope of a service worker (TypeScript's WebWorker library types `self` generally).
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const SCOPE = sw.registration.scope;
const PREFIX = `${SCOPE}#offline-`;
const HASH = "x-offline-sha256"; // stored with each response: the hash it was checked against

/** @param {string | null} keep */
async function dropOwnCaches(keep) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== keep) await caches.delete(name);
  }
}

if (MANIFEST === null) {
  // Not a published build (`make serve`): retire, so that a worker a published build left at this
  // address stops answering for the author's preview.
  sw.addEventListener("install", () => sw.skipWaiting());
  sw.addEventListener("activate", (event) => {
    event.waitUntil(dropOwnCaches(null).then(() => sw.registration.unregister()));
  });
} else {
  // The build replaced the null above (TypeScript only sees the null).
  const manifest = /** @type {Manifest} */ (/** @type {unknown} */ (MANIFEST));
  const CACHE = PREFIX + manifest.version;
  const FILES = { ...manifest.core, ...manifest.runtime };
  const keyOf = (/** @type {string} */ address) => new URL(address, SCOPE).href;
  const ADDRESSES = new Map(Object.keys(FILES).map((address) => [new URL(keyOf(address)).pathname, address]));

  // The manifest address a URL stands for, or undefined. The query is ignored (shared links carry
  // their inputs there); …/index.html is its folder's page.
  const addressOf = (/** @type {URL} */ url) =>
    url.origin === location.origin ? ADDRESSES.get(url.pathname.replace(/index\.html$/, "")) : undefined;

  // The server no longer has this version's file: a newer version has been deployed.
  class Outdated extends Error {}

  /** @param {Uint8Array<ArrayBuffer>} bytes */
  async function sha256(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  /** @param {Response} response @param {(bytes: number) => void} onBytes */
  async function readAll(response, onBytes) {
    const reader = /** @type {ReadableStream<Uint8Array<ArrayBuffer>>} */ (response.body).getReader();
    const chunks = [];
    let length = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      length += part.value.length;
      onBytes(length);
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  // This version's file from the network. "no-cache" asks the server whether the HTTP cache's
  // copy is current (a 304 costs no body); if the bytes still do not match (a server that wrongly
  // said so, or a cache entry made within the same second), "reload" fetches the file whole.
  /**
   * @param {string} address @param {(bytes: number) => void} [onBytes]
   * @param {RequestCache[]} [modes]
   */
  async function download(address, onBytes = () => {}, modes = ["no-cache", "reload"]) {
    const [hash] = FILES[address];
    for (const cache of modes) {
      const response = await fetch(keyOf(address), { cache, mode: "same-origin" });
      if (!response.ok) throw new Error(`${address}: HTTP ${response.status}`);
      const bytes = await readAll(response, onBytes);
      if ((await sha256(bytes)) === hash) {
        const headers = new Headers(response.headers);
        headers.delete("content-encoding"); // the body is stored decoded
        headers.delete("content-length");
        headers.set(HASH, hash);
        return new Response(bytes, { status: response.status, statusText: response.statusText, headers });
      }
    }
    throw new Outdated(`${address} on the server belongs to a newer version of the site`);
  }

  /** @param {Cache} cache @param {string} address */
  async function holds(cache, address) {
    const response = await cache.match(keyOf(address));
    return Boolean(response) && response?.headers.get(HASH) === FILES[address][0];
  }

  /** @param {string} address */
  async function olderCopy(address) {
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX) || name === CACHE) continue;
      const response = await (await caches.open(name)).match(keyOf(address));
      if (response && response.headers.get(HASH) === FILES[address][0]) return response;
    }
    return null;
  }

  // Put `addresses` into this version's cache: what an older version holds with the same hash is
  // copied, the rest downloaded, four at a time. progress(bytes done, bytes in all).
  /** @param {string[]} addresses @param {(done: number, total: number) => void} [progress] */
  async function store(addresses, progress = () => {}) {
    const cache = await caches.open(CACHE);
    const total = addresses.reduce((sum, address) => sum + FILES[address][1], 0);
    const partial = new Map();
    let done = 0;
    const report = () => progress(done + [...partial.values()].reduce((a, b) => a + b, 0), total);
    const queue = [...addresses];
    const next = async () => {
      for (let address = queue.shift(); address !== undefined; address = queue.shift()) {
        if (!(await holds(cache, address))) {
          const copy = await olderCopy(address);
          const response = copy || (await download(address, (bytes) => {
            partial.set(address, bytes);
            report();
          }));
          await cache.put(keyOf(address), response);
        }
        partial.delete(address);
        done += FILES[address][1];
        report();
      }
    };
    await Promise.all([next(), next(), next(), next()]);
  }

  const RUNTIME = Object.keys(manifest.runtime);

  // The runtime comes along to a new version when an older one held any of it: this reader
  // uses the calculators, or asked to keep them offline.
  async function runtimeWanted() {
    for (const address of RUNTIME) if (await olderCopy(address)) return true;
    return false;
  }

  sw.addEventListener("install", (event) => {
    event.waitUntil((async () => {
      const wanted = await runtimeWanted();
      await store([...Object.keys(manifest.core), ...(wanted ? RUNTIME : [])]);
    })());
  });

  sw.addEventListener("activate", (event) => event.waitUntil(dropOwnCaches(CACHE)));

  /** @param {string} address */
  async function fromThisVersion(address) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(keyOf(address));
    if (hit) return hit;
    try {
      const response = await download(address); // the runtime's first use: keep it
      await cache.put(keyOf(address), response.clone());
      return response;
    } catch (error) {
      if (!(error instanceof Outdated)) return Response.error(); // offline
      sw.registration.update().catch(() => {}); // the page will offer the new version
      return new Response(error.message, { status: 503, statusText: "Site updated" });
    }
  }

  // A page address this version does not have: gates/roi → gates/roi/, any other the network's
  // answer, and the 404 page when the network says not found or cannot be reached.
  /** @param {Request} request @param {URL} url */
  async function elsewhere(request, url) {
    const folder = new URL(`${url.pathname}/`, url);
    if (!url.pathname.endsWith("/") && addressOf(folder)) {
      return Response.redirect(folder.href + url.search, 301);
    }
    try {
      const response = await fetch(request);
      if (response.status !== 404) return response;
    } catch { /* offline: our own 404 page below */ }
    const page = await (await caches.open(CACHE)).match(keyOf("./404.html"));
    if (!page) return Response.error();
    return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
  }

  sw.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const url = new URL(request.url);
    const address = addressOf(url);
    if (address) event.respondWith(fromThisVersion(address));
    else if (request.mode === "navigate" && url.href.startsWith(SCOPE)) event.respondWith(elsewhere(request, url));
  });

  // A calculator's first use on a page this worker did not control (the first visit): keep the
  // runtime files the HTTP cache still holds, if they are this version's, without downloading
  // anything again; whatever is not there is kept on its next use, through this worker.
  async function keepFromHttpCache() {
    const cache = await caches.open(CACHE);
    for (const address of RUNTIME) {
      if (await holds(cache, address)) continue;
      try {
        await cache.put(keyOf(address), await download(address, undefined, ["only-if-cached"]));
      } catch { /* not in the HTTP cache, or another version's */ }
    }
  }

  // "keep": store every file, reporting progress to every page that asked (a port each).
  /** @type {Set<MessagePort>} */
  const keepers = new Set();
  /** @type {Promise<void> | null} */
  let keeping = null;

  async function keep() {
    const say = (/** @type {object} */ message) => keepers.forEach((port) => port.postMessage(message));
    try {
      await store(Object.keys(FILES), (done, total) => say({ type: "progress", done, total }));
      say({ type: "kept" });
    } catch (error) {
      if (error instanceof Outdated) sw.registration.update().catch(() => {});
      say({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      keepers.clear();
      keeping = null;
    }
  }

  async function status() {
    const cache = await caches.open(CACHE);
    let missing = 0;
    for (const address of Object.keys(FILES)) if (!(await holds(cache, address))) missing += FILES[address][1];
    return { type: "status", missing, keeping: Boolean(keeping) };
  }

  sw.addEventListener("message", (event) => {
    const { type } = event.data || {};
    const [port] = event.ports;
    if (type === "skip-waiting") {
      sw.skipWaiting();
    } else if (type === "status" && port) {
      event.waitUntil(status().then((answer) => port.postMessage(answer)));
    } else if (type === "first-use") {
      event.waitUntil(keepFromHttpCache());
    } else if (type === "keep") {
      if (port) keepers.add(port);
      keeping ||= keep();
      event.waitUntil(keeping);
    }
  });
}
