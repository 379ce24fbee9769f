// The page's words: the catalogue the build puts in a page, looked up at every call, with
// English whenever a page has none, a text is missing from it, or it cannot be read.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { t } from "../page/words.js";

/** A page whose catalogue attribute holds `text` (null: a page without one). @param {string | null} text */
function page(text) {
  const holder = text === null ? null : { getAttribute: () => text };
  globalThis.document = /** @type {any} */ ({ querySelector: () => holder });
}

afterEach(() => {
  delete globalThis.document;
});

test("without a page (Node) or a catalogue, the English is said", () => {
  assert.equal(t("Copy link"), "Copy link");
  page(null);
  assert.equal(t("Kept “{name}”.", { name: "A" }), "Kept “A”.");
});

test("a page's catalogue words the text, placeholders filled in", () => {
  page(JSON.stringify({ "Kept “{name}”.": "“{name}” 시나리오를 저장했습니다.", Reset: "초기화" }));
  assert.equal(t("Reset"), "초기화");
  assert.equal(t("Kept “{name}”.", { name: "{v}" }), "“{v}” 시나리오를 저장했습니다.");
  assert.equal(t("Undo"), "Undo"); // not in the catalogue: English, never nothing
  assert.equal(t("{done} of {total}", { done: 1 }), "1 of {total}"); // a value not given stays visible
});

test("the next page's catalogue is read, not the first one's (instant navigation)", () => {
  page(JSON.stringify({ Reset: "초기화" }));
  assert.equal(t("Reset"), "초기화");
  page(JSON.stringify({ Reset: "Réinitialiser" }));
  assert.equal(t("Reset"), "Réinitialiser");
});

test("a catalogue that is not JSON leaves the page in English", () => {
  page("{not json");
  assert.equal(t("Reset"), "Reset");
});
