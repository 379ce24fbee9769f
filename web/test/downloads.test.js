// The worker's downloads: each body counted as it arrives, progress reported at most every
// EVERY_MS and whenever a file is whole, and nothing after the boot.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Downloads, EVERY_MS } from "../worker/downloads.js";

const WASM = "https://site.test/assets/pyodide/pyodide.asm.wasm";
const ZIP = "https://site.test/assets/calc.zip";
const STDLIB = "https://site.test/assets/pyodide/python_stdlib.zip";

/** A network serving `files` (url → chunk sizes) with a stream per request; counts requests. */
function network(files, { status = 200 } = {}) {
  const asked = [];
  const fetch = async (url) => {
    asked.push(String(url));
    const chunks = files[String(url)] ?? [];
    const body = new ReadableStream({
      start(controller) {
        chunks.forEach((size, i) => controller.enqueue(new Uint8Array(size).fill(i + 1)));
        controller.close();
      },
    });
    return new Response(body, { status, headers: { "Content-Type": "application/wasm" } });
  };
  return { fetch, asked };
}

function setUp(files, sizes, options) {
  const net = network(files, options);
  const reports = [];
  let now = 0;
  const clock = { advance: (ms) => { now += ms; } };
  const downloads = new Downloads(net.fetch, new Map(sizes), (r, t) => reports.push([r, t]), () => now);
  return { downloads, asked: net.asked, reports, clock };
}

const bytes = async (response) => new Uint8Array(await response.arrayBuffer());
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

test("the caller gets the whole body, with its status and headers", async () => {
  const { downloads, asked } = setUp({ [WASM]: [3, 4] }, [[WASM, 7]]);
  const response = await downloads.fetch(WASM);
  assert.deepEqual([...(await bytes(response))], [1, 1, 1, 2, 2, 2, 2]);
  assert.equal(response.headers.get("Content-Type"), "application/wasm");
  assert.equal(response.status, 200);
  assert.deepEqual(asked, [WASM]);
});

test("progress counts body bytes towards the build's total, throttled, and always when a file is whole", async () => {
  const { downloads, reports, clock } = setUp({ [WASM]: [10, 20, 30], [ZIP]: [5] }, [[WASM, 60], [ZIP, 5], [STDLIB, 100]]);
  await bytes(await downloads.fetch(WASM));
  await settled();
  // The clock stood still: the first chunk is reported, the next two only once the file is whole.
  assert.deepEqual(reports, [[10, 165], [60, 165]]);
  clock.advance(EVERY_MS);
  await bytes(await downloads.fetch(ZIP));
  await settled();
  assert.deepEqual(reports.at(-1), [65, 165]);
});

test("a refused download counts nothing", async () => {
  const { downloads, reports } = setUp({ [WASM]: [5] }, [[WASM, 5]], { status: 404 });
  assert.equal((await downloads.fetch(WASM)).status, 404);
  await settled();
  assert.deepEqual(reports, []);
});

test("after the boot nothing is reported any more", async () => {
  const { downloads, reports } = setUp({ [ZIP]: [2] }, [[ZIP, 2]]);
  downloads.done();
  await bytes(await downloads.fetch(ZIP));
  await settled();
  assert.deepEqual(reports, []);
});

test("a file the build did not list counts too, and the total is never below what arrived", async () => {
  const { downloads, reports } = setUp({ [WASM]: [8, 8] }, [[ZIP, 4]]);
  await bytes(await downloads.fetch(WASM));
  await settled();
  assert.deepEqual(reports.at(-1), [16, 20]);
  for (const [received, total] of reports) assert.ok(received <= total);
});

test("a file fetched again (a snapshot that did not restore, then a plain boot) is counted once", async () => {
  const { downloads, reports } = setUp({ [WASM]: [6, 4] }, [[WASM, 10], [ZIP, 2]]);
  await bytes(await downloads.fetch(WASM));
  await settled();
  await bytes(await downloads.fetch(WASM));
  await settled();
  assert.deepEqual(reports.at(-1), [10, 12]);
  assert.ok(reports.every(([received, total]) => received <= 10 && total === 12), String(reports));
});
