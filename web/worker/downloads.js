// Every file the worker fetches while Python boots (whatever Pyodide asks for, and the snapshot
// and calc.zip): fetched once, and counted as its body arrives.
// - Once: a snapshot that turns out unusable is only known after loadPyodide has fetched the wasm,
//   the stdlib and the lock file; the plain boot that follows asks for them again, and gets the
//   bytes kept here instead of a second download (hosts need not let the HTTP cache keep them).
// - Counted: the page shows how much of the runtime has arrived. The total is the build's sizes
//   of the runtime files (scripts/bundle.mjs), not Content-Length: a host that gzips on the fly
//   sends none or the compressed one, and Pyodide asks for its files only once its 260 kB glue
//   has loaded, so the total must be known before the requests are.

/** @typedef {(received: number, total: number) => void} Report */

export const EVERY_MS = 250; // progress often enough to see it move, rarely enough to cost nothing

export class Downloads {
  /**
   * @param {typeof fetch} network the fetch that downloads
   * @param {Map<string, number>} sizes each runtime file's expected body bytes, by absolute URL
   * @param {Report} report how much has arrived: at most every EVERY_MS, and when a file is whole
   * @param {() => number} [now] the clock, in milliseconds
   */
  constructor(network, sizes, report, now = () => Date.now()) {
    this.network = network;
    this.sizes = new Map(sizes);
    this.report = report;
    this.now = now;
    /** @type {Map<string, number>} */
    this.received = new Map();
    /** @type {Map<string, Promise<{body: Blob, init: ResponseInit}>> | null} null: the boot is over */
    this.kept = new Map();
    this.reported = -Infinity;
  }

  /** @type {typeof fetch} */
  fetch = async (resource, options) => {
    const url = resource instanceof Request ? resource.url : String(resource);
    const kept = this.kept?.get(url);
    if (kept) {
      const found = await kept.catch(() => null);
      if (found) return new Response(found.body, found.init);
    }
    const response = this.network(resource, options);
    if (!this.kept) return response;
    // Kept from the moment it is asked for: a second request while the first still waits for
    // its headers waits for its bytes. The copy is made before the caller can read the body.
    const keeping = response.then((got) => {
      if (!got.ok || !got.body) throw new Error(`${url}: HTTP ${got.status}`);
      return this.keep(url, got.clone());
    });
    this.kept.set(url, keeping);
    keeping.catch(() => this.kept?.delete(url)); // a refused or broken download is asked for again
    return response;
  };

  /** @param {string} url @param {Response} copy */
  async keep(url, copy) {
    /** @type {Uint8Array<ArrayBuffer>[]} */
    const chunks = [];
    const reader = /** @type {ReadableStream<Uint8Array<ArrayBuffer>>} */ (copy.body).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      this.count(url, value.byteLength);
    }
    this.count(url, 0, true);
    return { body: new Blob(chunks), init: { status: copy.status, statusText: copy.statusText, headers: copy.headers } };
  }

  /** @param {string} url @param {number} bytes @param {boolean} [whole] the file has arrived */
  count(url, bytes, whole = false) {
    this.received.set(url, (this.received.get(url) ?? 0) + bytes);
    const now = this.now();
    if (!this.kept || (!whole && now - this.reported < EVERY_MS)) return;
    this.reported = now;
    this.report(...this.tally());
  }

  /** Bytes received, and the total: every file expected, each at least what has arrived of it. */
  tally() {
    let received = 0;
    let total = 0;
    for (const url of new Set([...this.sizes.keys(), ...this.received.keys()])) {
      const got = this.received.get(url) ?? 0;
      received += got;
      total += Math.max(got, this.sizes.get(url) ?? 0);
    }
    return /** @type {[number, number]} */ ([received, total]);
  }

  /** This file will not arrive (whole): the total counts only what came of it. @param {string} url */
  giveUp(url) {
    this.sizes.delete(url);
    this.count(url, 0, true);
  }

  /** Python is booted (or failed to): let the kept bytes go, report no more. */
  done() {
    this.kept = null;
  }
}
