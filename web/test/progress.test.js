// What a reader sees and hears while the runtime downloads: the words, and the coarse steps
// at which a screen reader hears them.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Spoken, loadingText, quarter } from "../page/progress.js";

test("progress is said in megabytes with one decimal, and as starting once all has arrived", () => {
  assert.equal(loadingText({ received: 3_140_000, total: 7_400_000 }), "Loading the calculator: 3.1 of 7.4 MB.");
  assert.equal(loadingText({ received: 0, total: 19_300_000 }), "Loading the calculator: 0.0 of 19.3 MB.");
  assert.equal(loadingText({ received: 7_400_000, total: 7_400_000 }), "Starting Python…");
});

test("quarters: 0–3 while downloading, 4 once whole", () => {
  assert.deepEqual([0, 24, 25, 74, 99, 100].map((received) => quarter({ received, total: 100 })), [0, 0, 1, 2, 3, 4]);
});

test("the live region speaks at each new quarter only, then once when live", () => {
  const spoken = new Spoken();
  const say = (state, received) => spoken.next(state, received === null ? null : { received, total: 100 }, `at ${received}`);
  assert.equal(say("loading", null), null); // no bytes yet
  assert.equal(say("loading", 1), "at 1");
  assert.equal(say("loading", 20), null);
  assert.equal(say("loading", 30), "at 30");
  assert.equal(say("loading", 40), null);
  assert.equal(say("loading", 100), "at 100");
  assert.equal(say("ready", null), "The calculator is live.");
  assert.equal(say("ready", null), null); // said once
});

test("a failure clears what was said (the widget says the failure), and a restart speaks again", () => {
  const spoken = new Spoken();
  assert.equal(spoken.next("loading", { received: 60, total: 100 }, "halfway"), "halfway");
  assert.equal(spoken.next("error", null, "gone"), "");
  assert.equal(spoken.next("error", null, "gone"), null);
  assert.equal(spoken.next("loading", { received: 60, total: 100 }, "again"), "again");
});

test("nothing loaded, nothing said: a runtime that is live at once stays quiet", () => {
  assert.equal(new Spoken().next("ready", null, ""), null);
});
