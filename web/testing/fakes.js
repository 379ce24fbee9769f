// Fakes for the runtime client's tests: a worker whose side the test plays, and a clock that
// only moves when the test moves it.
import { Runtime } from "../page/runtime.js";

/** A worker that records what it is sent; the test plays Python's side. */
export class FakeWorker {
  constructor() {
    this.sent = [];
    this.terminated = false;
    this.onmessage = null;
    this.onerror = null;
  }
  postMessage(message) { this.sent.push(message); }
  terminate() { this.terminated = true; }
  reply(data) { this.onmessage({ data }); }
  ready(boot = "snapshot") { this.reply({ type: "ready", boot }); }
  answer(index, result) {
    const { id } = this.sent[index];
    this.reply({ type: "answer", id, json: JSON.stringify(result) });
  }
}

/** Timers that only run when the test moves the clock. */
export class Clock {
  constructor() {
    this.now = 0;
    this.timers = new Map();
    this.next = 0;
  }
  setTimeout = (run, ms) => {
    this.timers.set(++this.next, { run, at: this.now + ms });
    return this.next;
  };
  clearTimeout = (id) => { this.timers.delete(id); };
  advance(ms) {
    this.now += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now || !this.timers.has(id)) continue;
      this.timers.delete(id);
      timer.run();
    }
  }
}

export function setUp({ isFile = false, online = true, makeWorker } = {}) {
  const workers = [];
  const clock = new Clock();
  const told = [];
  const runtime = new Runtime({
    makeWorker: makeWorker ?? (() => { workers.push(new FakeWorker()); return workers.at(-1); }),
    isFile,
    online: () => online,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
  });
  runtime.listeners.add((state) => told.push([state, runtime.message]));
  return { runtime, workers, clock, told };
}

