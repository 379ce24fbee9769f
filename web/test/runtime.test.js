// The runtime client's states with a fake worker and a fake clock: boot, answers, the
// watchdog's one restart, the error that waits for "Try again".
import assert from "node:assert/strict";
import { test } from "node:test";

import { DEADLINE_MS, Dropped } from "../page/runtime.js";
import { setUp } from "../testing/fakes.js";

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("requests wait while Python boots, then are sent and answered, in the page's language", async () => {
  const { runtime, workers, told } = setUp();
  const answer = runtime.call("roi", { pairs: "6000" }, "ko");
  assert.equal(runtime.state, "loading");
  const [worker] = workers;
  worker.reply({ type: "progress", message: "Loading the calculators…" });
  assert.deepEqual(worker.sent, []);
  worker.ready();
  assert.equal(runtime.boot, "snapshot");
  assert.deepEqual(worker.sent, [{ id: 1, name: "roi", inputs: { pairs: "6000" }, lang: "ko", step: "numbers" }]);
  worker.answer(0, { ok: true, display: { roi: "3.7" } });
  assert.deepEqual(await answer, { ok: true, display: { roi: "3.7" } });
  assert.deepEqual(told, [["loading", "Starting Python…"], ["loading", "Loading the calculators…"], ["ready", ""]]);
});

test("an answer the worker could not compute rejects that request only", async () => {
  const { runtime, workers } = setUp();
  runtime.start();
  workers[0].ready();
  const failing = runtime.call("roi", {});
  const fine = runtime.call("roi", {});
  workers[0].reply({ type: "answer", id: workers[0].sent[0].id, error: "boom" });
  await assert.rejects(failing, { message: "boom" });
  workers[0].answer(1, { ok: true });
  assert.deepEqual(await fine, { ok: true });
  assert.equal(runtime.state, "ready");
});

test("a worker that misses the deadline is restarted once and asked again", async () => {
  const { runtime, workers, clock, told } = setUp();
  runtime.start();
  workers[0].ready();
  const lost = runtime.call("roi", {});
  clock.advance(DEADLINE_MS - 1);
  assert.equal(workers.length, 1);
  clock.advance(1);
  await assert.rejects(lost, (error) => error instanceof Dropped);
  assert.ok(workers[0].terminated);
  assert.equal(workers.length, 2);
  assert.deepEqual(told.at(-1), ["loading", "Restarting Python after it stopped answering…"]);
  workers[1].reply({ type: "progress", message: "Starting Python…" });
  assert.equal(runtime.message, "Restarting Python after it stopped answering: Starting Python…");
  workers[0].ready(); // the worker given up on is not heard
  assert.equal(runtime.state, "loading");
  workers[1].ready();
  const again = runtime.call("roi", {});
  workers[1].answer(0, { ok: true });
  assert.deepEqual(await again, { ok: true });
});

test("a deadline only runs while a worker is ready to answer", () => {
  const { runtime, workers, clock } = setUp();
  runtime.call("roi", {});
  clock.advance(DEADLINE_MS * 3); // booting takes as long as it takes
  assert.equal(workers.length, 1);
  assert.equal(clock.timers.size, 0);
});

test("a second failure is an error until retry, and requests are refused meanwhile", async () => {
  const { runtime, workers } = setUp();
  runtime.start();
  workers[0].onerror({ message: "", preventDefault() {} });
  assert.equal(workers.length, 2);
  workers[1].reply({ type: "failed", message: "pyodide.asm.wasm: HTTP 404" });
  assert.equal(runtime.state, "error");
  assert.equal(runtime.message, "pyodide.asm.wasm: HTTP 404");
  await assert.rejects(runtime.call("roi", {}), { message: "pyodide.asm.wasm: HTTP 404" });
  assert.equal(workers.length, 2);
  runtime.retry();
  assert.deepEqual([runtime.state, runtime.message, workers.length], ["loading", "Starting Python…", 3]);
});

test("offline, the error says why instead of the download's failure", () => {
  const { runtime, workers } = setUp({ online: false });
  runtime.start();
  workers[0].reply({ type: "failed", message: "Failed to fetch" });
  workers[1].reply({ type: "failed", message: "Failed to fetch" });
  assert.equal(runtime.message, "you are offline, and this browser has not kept the calculators for offline use");
});

test("a worker that cannot even be made counts as a failure", () => {
  const { runtime } = setUp({ makeWorker: () => { throw new Error("blocked by policy"); } });
  runtime.start();
  assert.deepEqual([runtime.state, runtime.message], ["error", "blocked by policy"]);
});

test("a saved page (file://) never starts a worker", async () => {
  const { runtime, workers } = setUp({ isFile: true });
  await assert.rejects(runtime.call("roi", {}), /served over http\(s\)/);
  assert.deepEqual([runtime.state, workers.length], ["error", 0]);
});

test("reaches() resolves once the state passes, and at once if it already does", async () => {
  const { runtime, workers } = setUp();
  let live = false;
  runtime.reaches((state) => state === "ready").then(() => { live = true; });
  runtime.start();
  await settle();
  assert.equal(live, false);
  workers[0].ready();
  await settle();
  assert.equal(live, true);
  assert.equal(runtime.listeners.size, 1); // only the test's own listener is left
  await runtime.reaches((state) => state === "ready");
});

test("the runtime's bytes as they arrive are its message while it loads, and forgotten on a restart", () => {
  const { runtime, workers, told } = setUp();
  runtime.start();
  workers[0].reply({ type: "download", received: 1_000_000, total: 8_000_000 });
  workers[0].reply({ type: "download", received: 3_100_000, total: 8_000_000 });
  assert.deepEqual(runtime.download, { type: "download", received: 3_100_000, total: 8_000_000 });
  assert.deepEqual(told.slice(-2).map(([, message]) => message),
    ["Loading the calculator: 1.0 of 8.0 MB.", "Loading the calculator: 3.1 of 8.0 MB."]);
  workers[0].reply({ type: "download", received: 8_000_000, total: 8_000_000 });
  assert.equal(runtime.message, "Starting Python…");
  workers[0].ready();
  workers[0].reply({ type: "download", received: 8_000_000, total: 8_000_000 }); // late: ignored
  assert.equal(runtime.state, "ready");
  workers[0].onerror({ message: "gone", preventDefault() {} });
  assert.equal(runtime.download, null);
  workers[1].reply({ type: "download", received: 500_000, total: 8_000_000 });
  assert.equal(runtime.message, "Restarting Python after it stopped answering: Loading the calculator: 0.5 of 8.0 MB.");
});
