// This device's memory snapshot of Python with calc imported: a reload, a later visit or another
// gate's page restores it in a fraction of a boot (issue 18: a cached reload live in under 0.8 s).
//
// It is made here, never shipped. A snapshot made at build time cost a phone on Slow 4G 10 s for
// its 2.2 MB (ARCHITECTURE.md, "The runtime files"); one made by the reader's first boot costs no
// byte over the network. It is taken right after `import calc`, before any input is computed, so
// it holds nothing the reader typed. It is kept in Cache Storage without its zero pages, with the
// answer Python gave to a fixed question, which a restore must give again.
//
// One entry per site, keyed by the runtime's version (scripts/bundle.mjs hashes Pyodide, the
// stdlib, calc.zip and the worker): another runtime's snapshot is never restored, and keeping a
// new one deletes it. Anything that goes wrong here (no Cache Storage, a private window, a full
// quota, a corrupt entry) means a plain boot, never a failed calculator.

const CHECK = "x-calc-check"; // the header holding the fixed question's answer, URI-encoded
export const PAGE = 4096;

// Two thirds of the memory is zeros (free heap): only the pages that are not all zeros are kept,
// 12.4 of 31.5 MB. Not gzipped: that would keep 4.6 MB, but inflating it on the worker's thread
// delayed a reload by 60-80 ms on a laptop (make bench, December 2026), and a phone's CPU is slower
// than its storage.
//   [memory length: u32 LE][PAGE: u32 LE][one bit per page, set if kept][the kept pages, in order]

/** The memory as the parts of what is kept. @param {Uint8Array<ArrayBuffer>} memory @returns {Uint8Array<ArrayBuffer>[]} */
export function pack(memory) {
  const aligned = memory.byteOffset % 4 ? memory.slice() : memory; // to read it a word at a time
  const count = Math.ceil(aligned.length / PAGE);
  const head = new Uint8Array(8 + Math.ceil(count / 8));
  new DataView(head.buffer).setUint32(0, aligned.length, true);
  new DataView(head.buffer).setUint32(4, PAGE, true);
  const pages = [];
  for (let index = 0; index < count; index++) {
    const page = aligned.subarray(index * PAGE, (index + 1) * PAGE);
    if (!zeros(page)) {
      head[8 + (index >> 3)] |= 1 << (index & 7);
      pages.push(page);
    }
  }
  return [head, ...pages];
}

/** The memory `pack` kept. @param {Uint8Array} kept @returns {Uint8Array<ArrayBuffer>} */
export function unpack(kept) {
  const view = new DataView(kept.buffer, kept.byteOffset, kept.byteLength);
  if (kept.length < 8 || view.getUint32(4, true) !== PAGE) throw new Error("not a kept snapshot");
  const memory = new Uint8Array(view.getUint32(0, true));
  const count = Math.ceil(memory.length / PAGE);
  let at = 8 + Math.ceil(count / 8);
  for (let index = 0; index < count; index++) {
    if (!(kept[8 + (index >> 3)] & (1 << (index & 7)))) continue;
    const size = Math.min(PAGE, memory.length - index * PAGE);
    if (at + size > kept.length) throw new Error("a kept snapshot cut short");
    memory.set(kept.subarray(at, at + size), index * PAGE);
    at += size;
  }
  if (at !== kept.length) throw new Error("a kept snapshot with bytes to spare");
  return memory;
}

/** @param {Uint8Array<ArrayBuffer>} page at a multiple of 4 bytes */
function zeros(page) {
  const words = new Uint32Array(page.buffer, page.byteOffset, page.length >> 2);
  for (let i = 0; i < words.length; i++) if (words[i]) return false;
  for (let i = words.length << 2; i < page.length; i++) if (page[i]) return false;
  return true;
}

/** @typedef {{bytes: Promise<Uint8Array>, check: string}} Kept a snapshot's memory, as it is read */

export class Snapshots {
  /**
   * @param {CacheStorage | undefined} storage the origin's Cache Storage, if this context has one
   * @param {string} name the cache's name: the site's own, as sites share an origin on GitHub Pages
   * @param {string} key this runtime version's entry, a URL
   */
  constructor(storage, name, key) {
    this.storage = storage;
    this.name = name;
    this.key = key;
    this.usable = Boolean(storage);
  }

  /** The snapshot kept for this runtime, or null. @returns {Promise<Kept | null>} */
  async find() {
    if (!this.usable) return null;
    try {
      const response = await (await this.cache()).match(this.key);
      const check = response?.headers.get(CHECK);
      if (!response || !check) return null;
      const bytes = response.arrayBuffer().then((buffer) => unpack(new Uint8Array(buffer)));
      // Whoever awaits it (Pyodide) hears of a corrupt entry; until then it is not "unhandled".
      bytes.catch(() => {});
      return { bytes, check: decodeURIComponent(check) };
    } catch {
      return null; // a private window's Cache Storage throws, for one
    }
  }

  /**
   * Keeps `memory` for this runtime in place of any other; true once stored.
   * @param {Uint8Array<ArrayBuffer>} memory @param {string} check the fixed question's answer
   */
  async keep(memory, check) {
    if (!this.usable) return false;
    try {
      const cache = await this.cache();
      for (const request of await cache.keys()) if (request.url !== this.key) await cache.delete(request);
      await cache.put(this.key, new Response(new Blob(pack(memory)), { headers: { [CHECK]: encodeURIComponent(check) } }));
      return true;
    } catch {
      return false; // the quota, for one: the next visit boots plainly and tries again
    }
  }

  /** Forgets this runtime's snapshot (one that would not restore). */
  async drop() {
    try {
      await (await this.cache()).delete(this.key);
    } catch {
      // nothing kept, or no storage: nothing to forget
    }
  }

  cache() {
    return /** @type {CacheStorage} */ (this.storage).open(this.name);
  }
}
