// Every file the worker fetches while Python boots (whatever Pyodide asks for, and calc.zip),
// counted as its body arrives, so the page can show how much of the runtime has come. The total
// is the build's sizes of the runtime files (scripts/bundle.mjs), not Content-Length: a host that
// gzips on the fly sends none or the compressed one, and Pyodide asks for its files only once its
// 260 kB glue has loaded, so the total must be known before the requests are.

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
    this.booting = true;
    this.reported = -Infinity;
  }

  /** @type {typeof fetch} */
  fetch = async (resource, options) => {
    const response = await this.network(resource, options);
    if (this.booting && response.ok && response.body) {
      const url = resource instanceof Request ? resource.url : String(resource);
      // A copy is read for its length; the caller reads the original at its own pace.
      this.count(url, response.clone()).catch(() => {}); // a broken body fails the caller's read
    }
    return response;
  };

  /** @param {string} url @param {Response} copy */
  async count(url, copy) {
    const reader = /** @type {ReadableStream<Uint8Array>} */ (copy.body).getReader();
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      got += value.byteLength;
      this.arrived(url, got);
    }
    this.arrived(url, got, true);
  }

  /**
   * A file fetched again (a snapshot that did not restore, then a plain boot) counts as the most
   * of it any one fetch has received, so progress never passes its total nor runs backwards.
   * @param {string} url @param {number} got @param {boolean} [whole] the file has arrived
   */
  arrived(url, got, whole = false) {
    this.received.set(url, Math.max(got, this.received.get(url) ?? 0));
    const now = this.now();
    if (!this.booting || (!whole && now - this.reported < EVERY_MS)) return;
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

  /** Python is booted (or failed to): report no more. */
  done() {
    this.booting = false;
  }
}
