// Stored answers: the keys, the shapes each kind accepts, and recovery from anything else.
import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_SCENARIOS, Store, storageKey } from "../page/storage.js";

/** A localStorage stand-in: a Map behind getItem/setItem. */
function memory(entries = {}) {
  const map = new Map(Object.entries(entries));
  return { map, getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)) };
}

test("each kind has its own key; a form's answers are calc:NAME", () => {
  assert.equal(storageKey("answers", "readiness"), "calc:readiness");
  assert.equal(storageKey("text", "record"), "calc:text:record");
  assert.equal(storageKey("list", "operations"), "calc:list:operations");
  assert.equal(storageKey("scenarios", "roi"), "calc:scenarios:roi");
});

test("what is saved loads back, for every kind", () => {
  const store = new Store(() => memory());
  const backend = memory();
  const kept = new Store(() => backend);
  const values = {
    answers: { eval_set: "yes" },
    text: { title: "決定 | yes" },
    list: [0, 3],
    scenarios: [{ name: "Base", values: { pairs: "6000" } }],
  };
  for (const [kind, value] of Object.entries(values)) {
    kept.save(kind, "x", value);
    assert.deepEqual(kept.load(kind, "x", null), value);
    assert.equal(store.load(kind, "x", "nothing"), "nothing"); // nothing stored
  }
});

// What another version of the page, a hand edit or a broken write could leave behind.
const MALFORMED = ['{"a":1}', "5", "true", '"x"', "null", '[1,"a"]', "[-1]", "{", '[{"name":1}]', ""];
const WRONG = {
  answers: ["[]", '{"a":["b"]}', '{"a":null}'],
  text: ["[]", '{"a":1}'],
  list: ["[1.5]", '{"0":1}', "[0,-1]"],
  scenarios: [
    JSON.stringify(Array.from({ length: MAX_SCENARIOS + 1 }, () => ({ name: "a", values: {} }))),
    '[{"name":"a"}]',
    '[{"name":"a","values":{"pairs":6000}}]',
    "[null]",
  ],
};

test("a stored value of the wrong shape counts as nothing stored", () => {
  for (const kind of ["answers", "text", "list", "scenarios"]) {
    for (const raw of [...MALFORMED, ...WRONG[kind]]) {
      const store = new Store(() => memory({ [storageKey(kind, "x")]: raw }));
      const fallback = kind === "list" || kind === "scenarios" ? [] : {};
      assert.equal(store.load(kind, "x", fallback), fallback, `${kind}: ${raw}`);
    }
  }
});

test("blocked or full storage keeps nothing and breaks nothing", () => {
  const denied = new Store(() => { throw new DOMException("denied", "SecurityError"); });
  assert.deepEqual(denied.load("answers", "x", {}), {});
  denied.save("answers", "x", { a: "b" });
  const full = new Store(() => ({ getItem: () => null, setItem: () => { throw new DOMException("full", "QuotaExceededError"); } }));
  full.save("list", "x", [1]);
  assert.deepEqual(full.load("list", "x", []), []);
});
