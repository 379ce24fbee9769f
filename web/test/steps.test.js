// Numbers first, charts second, through the real runtime client and a fake worker that answers
// late and out of order: the page never shows one input's figures beside another's.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Dropped } from "../page/runtime.js";
import { Steps } from "../page/steps.js";
import { setUp } from "../testing/fakes.js";

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A widget's worth of steps: what it showed, in order, and the pauses it is waiting in. */
function widget() {
  const { runtime, workers } = setUp();
  runtime.start();
  const [worker] = workers;
  worker.ready();
  const screen = { numbers: "", charts: "", updating: false };
  const log = [];
  const pauses = [];
  const steps = new Steps(
    (updating) => { screen.updating = updating; },
    () => new Promise((resolve) => pauses.push(resolve)),
  );
  /** The reader types `calls`; the fake Python answers with the calls it was asked about. */
  const type = (calls) => steps.run({
    numbers: () => runtime.call("roi", { calls }),
    show: (answer) => {
      if (!answer.ok) return false;
      screen.numbers = answer.display.calls;
      log.push(["numbers", answer.display.calls]);
      return true;
    },
    charts: () => runtime.charts("roi", { calls }),
    draw: (charts) => {
      screen.charts = charts.html.chart;
      log.push(["charts", charts.html.chart]);
    },
  });
  /** Python answers the request for `step` of `calls` (bad: as invalid input). */
  const answer = async (step, calls, bad = false) => {
    const index = worker.sent.findIndex((m) => m.step === step && m.inputs.calls === calls);
    assert.notEqual(index, -1, `${step} for ${calls} was never asked`);
    const body = bad
      ? { ok: false, problems: [{ field: "calls", message: "No." }] }
      : step === "numbers" ? { ok: true, display: { calls } } : { ok: true, html: { chart: calls } };
    worker.answer(index, body);
    await settle();
  };
  const pauseEnds = async () => {
    for (const resolve of pauses.splice(0)) resolve();
    await settle();
  };
  const asked = (step) => worker.sent.filter((m) => m.step === step).map((m) => m.inputs.calls);
  return { type, answer, pauseEnds, asked, screen, log, worker };
}

test("the numbers come first, then the charts for the same input", async () => {
  const w = widget();
  const done = w.type("100");
  await w.answer("numbers", "100");
  assert.deepEqual(w.screen, { numbers: "100", charts: "", updating: true });
  assert.deepEqual(w.asked("charts"), [], "charts wait for a pause in typing");
  await w.pauseEnds();
  await w.answer("charts", "100");
  await done;
  assert.deepEqual(w.screen, { numbers: "100", charts: "100", updating: false });
});

test("numbers answered out of order: only the latest input's are shown", async () => {
  const w = widget();
  const first = w.type("100");
  const second = w.type("200");
  await w.answer("numbers", "200");
  await w.answer("numbers", "100"); // late: dropped
  await w.pauseEnds();
  assert.deepEqual(w.asked("charts"), ["200"]);
  await w.answer("charts", "200");
  await Promise.all([first, second]);
  assert.deepEqual(w.log, [["numbers", "200"], ["charts", "200"]]);
  assert.equal(w.screen.updating, false);
});

test("a late chart for an older input is never drawn beside newer numbers", async () => {
  const w = widget();
  const first = w.type("100");
  await w.answer("numbers", "100");
  await w.pauseEnds();
  const second = w.type("200");
  await w.answer("numbers", "200");
  await w.answer("charts", "100"); // arrives after the numbers for 200
  assert.deepEqual(w.screen, { numbers: "200", charts: "", updating: true });
  await w.pauseEnds();
  await w.answer("charts", "200");
  await Promise.all([first, second]);
  assert.deepEqual(w.log, [["numbers", "100"], ["numbers", "200"], ["charts", "200"]]);
  assert.deepEqual(w.screen, { numbers: "200", charts: "200", updating: false });
});

test("while the reader types on, no charts are asked for inputs already replaced", async () => {
  const w = widget();
  const runs = [];
  for (const calls of ["1", "12", "123", "1234"]) {
    runs.push(w.type(calls));
    await w.answer("numbers", calls);
  }
  await w.pauseEnds();
  assert.deepEqual(w.asked("charts"), ["1234"]);
  await w.answer("charts", "1234");
  await Promise.all(runs);
  assert.deepEqual(w.screen, { numbers: "1234", charts: "1234", updating: false });
});

test("rejected input keeps the numbers on screen, and their charts still arrive", async () => {
  const w = widget();
  const good = w.type("100");
  await w.answer("numbers", "100");
  await w.pauseEnds();
  const bad = w.type("abc");
  await w.answer("numbers", "abc", true);
  await w.answer("charts", "100");
  await Promise.all([good, bad]);
  assert.deepEqual(w.asked("charts"), ["100"]);
  assert.deepEqual(w.screen, { numbers: "100", charts: "100", updating: false });
});

test("a failure rejects the latest input's run; an older input's failure changes nothing", async () => {
  const w = widget();
  const first = w.type("100");
  const second = w.type("200");
  w.worker.reply({ type: "answer", id: w.worker.sent[0].id, error: "boom" });
  await first; // replaced already: nothing to report
  w.worker.reply({ type: "answer", id: w.worker.sent[1].id, error: "bang" });
  await assert.rejects(second, { message: "bang" });
  assert.deepEqual(w.log, []);
});

test("a request dropped with its worker rejects as Dropped, to be asked again", async () => {
  const { runtime, workers, clock } = setUp();
  runtime.start();
  workers[0].ready();
  const steps = new Steps(() => {}, async () => {});
  const run = steps.run({
    numbers: () => runtime.call("roi", {}),
    show: () => true,
    charts: () => runtime.charts("roi", {}),
    draw: () => assert.fail("nothing to draw"),
  });
  clock.advance(10_000);
  await assert.rejects(run, (error) => error instanceof Dropped);
});
