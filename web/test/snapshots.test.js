// This device's Python snapshot: kept without its zero pages, under this runtime's key
// only; found again byte for byte with its check; anything unreadable is no snapshot.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PAGE, Snapshots, pack, unpack } from "../worker/snapshots.js";

const NAME = "https://site.test/#python-snapshot";
const KEY = "https://site.test/assets/pyodide/python.snapshot?v2";
const OLD = "https://site.test/assets/pyodide/python.snapshot?v1";

/** Cache Storage as a map of maps of Responses (what the worker uses of it). */
class FakeCaches {
  constructor() {
    /** @type {Map<string, Map<string, Response>>} */
    this.caches = new Map();
  }
  async open(name) {
    if (!this.caches.has(name)) this.caches.set(name, new Map());
    const entries = /** @type {Map<string, Response>} */ (this.caches.get(name));
    return {
      match: async (url) => entries.get(url)?.clone(),
      put: async (url, response) => void entries.set(url, response),
      delete: async (request) => entries.delete(typeof request === "string" ? request : request.url),
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
    };
  }
}

/** Memory shaped like a heap: a header, live pages, free zeros, a live page at the end. */
function memory(length = 40 * PAGE + 16) {
  const bytes = new Uint8Array(length);
  bytes.set([1, 2, 3], 0);
  bytes.fill(7, 5 * PAGE, 7 * PAGE + 100);
  bytes[length - 1] = 9;
  return bytes;
}

const joined = (parts) => new Uint8Array(Buffer.concat(parts));

test("pack keeps only the pages that are not all zeros, and unpack gives the memory back", () => {
  const original = memory();
  const parts = pack(original);
  assert.equal(parts.length - 1, 5); // pages 0, 5, 6, 7 and the short last one
  assert.deepEqual(unpack(joined(parts)), original);
  const zeros = new Uint8Array(3 * PAGE);
  assert.deepEqual(unpack(joined(pack(zeros))), zeros);
});

test("unpack refuses what pack did not make: another format, cut short, bytes to spare", () => {
  const kept = joined(pack(memory()));
  assert.throws(() => unpack(new Uint8Array(4)), /not a kept snapshot/);
  assert.throws(() => unpack(kept.subarray(0, kept.length - 1)), /cut short/);
  assert.throws(() => unpack(joined([kept, new Uint8Array(1)])), /to spare/);
});

test("a kept snapshot is found again with its check, and replaces another runtime's", async () => {
  const storage = new FakeCaches();
  const older = new Snapshots(storage, NAME, OLD);
  assert.equal(await older.keep(memory(2 * PAGE), "[\"old\"]"), true);
  const snapshots = new Snapshots(storage, NAME, KEY);
  assert.equal(await snapshots.find(), null); // another runtime's is never restored
  const original = memory();
  assert.equal(await snapshots.keep(original, "{\"roi\": \"0.37 — ✓\"}"), true);
  const kept = await snapshots.find();
  assert.ok(kept);
  assert.equal(kept.check, "{\"roi\": \"0.37 — ✓\"}");
  assert.deepEqual(await kept.bytes, original);
  assert.deepEqual([...(/** @type {Map} */ (storage.caches.get(NAME))).keys()], [KEY]);
  const stored = await (await (await storage.open(NAME)).match(KEY)).arrayBuffer();
  assert.equal(stored.byteLength, joined(pack(original)).length); // 5 of 41 pages, and the map
});

test("a corrupt entry is found, and its bytes reject; drop forgets it", async () => {
  const storage = new FakeCaches();
  const snapshots = new Snapshots(storage, NAME, KEY);
  await (await storage.open(NAME)).put(KEY, new Response("not a snapshot", { headers: { "x-calc-check": "x" } }));
  const kept = await snapshots.find();
  assert.ok(kept);
  await assert.rejects(kept.bytes);
  await snapshots.drop();
  assert.equal(await snapshots.find(), null);
});

test("no Cache Storage, or one that throws (a private window), is no snapshot and no error", async () => {
  const none = new Snapshots(undefined, NAME, KEY);
  assert.equal(none.usable, false);
  assert.equal(await none.find(), null);
  assert.equal(await none.keep(memory(), "x"), false);
  await none.drop();
  const refusing = { open: async () => { throw new DOMException("denied", "SecurityError"); } };
  const denied = new Snapshots(/** @type {CacheStorage} */ (/** @type {unknown} */ (refusing)), NAME, KEY);
  assert.equal(await denied.find(), null);
  assert.equal(await denied.keep(memory(), "x"), false);
  await denied.drop();
});

test("an entry without its check is not restored", async () => {
  const storage = new FakeCaches();
  await (await storage.open(NAME)).put(KEY, new Response("anything"));
  assert.equal(await new Snapshots(storage, NAME, KEY).find(), null);
});
