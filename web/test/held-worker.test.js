// The worker the head's script starts before the page glue listens: what it says meanwhile is
// held, then handed to the Runtime's handlers in order; requests and termination pass through.
import assert from "node:assert/strict";
import { test } from "node:test";

import { HeldWorker } from "../page/held-worker.js";
import { Runtime } from "../page/runtime.js";

class FakeWorker {
  sent = [];
  terminated = false;
  onmessage = null;
  onerror = null;
  postMessage(message) { this.sent.push(message); }
  terminate() { this.terminated = true; }
  reply(data) { this.onmessage({ type: "message", data }); }
}

const runtimeWith = (worker) => new Runtime({
  makeWorker: () => worker,
  isFile: false,
  online: () => true,
  setTimeout: () => 0,
  clearTimeout: () => {},
});

test("messages sent before anyone listens reach the runtime, in order, once it takes over", () => {
  const raw = new FakeWorker();
  const held = new HeldWorker(raw);
  raw.reply({ type: "download", received: 2_000_000, total: 8_000_000 });
  raw.reply({ type: "ready", boot: "plain" });
  const runtime = runtimeWith(held);
  const told = [];
  runtime.listeners.add((state) => told.push([state, runtime.message]));
  runtime.start();
  assert.deepEqual(told, [
    ["loading", "Starting Python…"],
    ["loading", "Loading the calculator: 2.0 of 8.0 MB."],
    ["ready", ""],
  ]);
  assert.equal(runtime.boot, "plain");
  raw.reply({ type: "answer", id: 7, json: "{}" }); // and later ones go straight through
  assert.equal(held.held.length, 0);
});

test("an error before anyone listens is held too, not left uncaught, and counts as a failure", () => {
  const raw = new FakeWorker();
  const held = new HeldWorker(raw);
  let prevented = false;
  raw.onerror({ type: "error", message: "no module", preventDefault: () => { prevented = true; } });
  assert.ok(prevented);
  const next = new FakeWorker();
  const workers = [held, next];
  const runtime = runtimeWith(null);
  runtime.env.makeWorker = () => workers.shift();
  runtime.start();
  assert.ok(raw.terminated);
  assert.deepEqual([runtime.state, runtime.restarted, workers.length], ["loading", true, 0]);
});

test("requests and termination pass through to the worker", () => {
  const raw = new FakeWorker();
  const held = new HeldWorker(raw);
  held.postMessage({ id: 1, name: "roi", inputs: {} });
  held.terminate();
  assert.deepEqual([raw.sent, raw.terminated], [[{ id: 1, name: "roi", inputs: {} }], true]);
});
