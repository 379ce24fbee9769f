// The address bar as data: the link, its trimming under 2,000 characters, scenarios in links,
// and what a link says to a form (values, scenarios, version).
import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_URL, buildLink, decodeScenario, encodeScenario, readLink } from "../page/url-state.js";

const PAGE = "https://example.org/guide/gates/roi/?old=1#top";

test("a link carries v and the changed values, sorted", () => {
  const { href, left } = buildLink(PAGE, { pairs: "6000", calls_per_year: "100000" }, {}, "1");
  assert.equal(href, "https://example.org/guide/gates/roi/?v=1&calls_per_year=100000&pairs=6000#top");
  assert.deepEqual(left, []);
});

test("nothing changed: the plain address, without v", () => {
  assert.equal(buildLink(PAGE, {}, {}, "1").href, "https://example.org/guide/gates/roi/#top");
});

test("a link stays under 2,000 characters, leaving out the longest values first", () => {
  const params = { title: "決定".repeat(100), deciders: "チーム".repeat(50), prompt_rag: "fails-on-eval", pairs: "9".repeat(20000) };
  const labels = { title: "Decision title", deciders: "Deciders", prompt_rag: "Prompting and RAG", pairs: "Labeled pairs" };
  const { href, left } = buildLink(PAGE, params, labels, "1");
  assert.ok(href.length <= MAX_URL, href.length);
  assert.deepEqual(left, ["Labeled pairs", "Decision title"]);
  const kept = new URL(href).searchParams;
  assert.equal(kept.get("deciders"), params.deciders);
  assert.equal(kept.get("prompt_rag"), "fails-on-eval");
  assert.equal(kept.get("v"), "1");
});

test("a link that cannot carry anything is the plain address, and names it all", () => {
  const { href, left } = buildLink(PAGE, { a: "x".repeat(3000), b: "y".repeat(2500) }, { a: "A", b: "B" }, "1");
  assert.equal(href, "https://example.org/guide/gates/roi/#top");
  assert.deepEqual(left, ["A", "B"]);
});

test("a scenario travels as name|field=value|…", () => {
  const scenario = { name: "Base case", values: { pairs: "6000", calls_per_year: "100000" } };
  assert.equal(encodeScenario(scenario), "Base case|pairs=6000|calls_per_year=100000");
  assert.deepEqual(decodeScenario(encodeScenario(scenario)), scenario);
});

test("a scenario's name cannot break the codec, and a broken one still decodes", () => {
  assert.deepEqual(decodeScenario(encodeScenario({ name: "a|b", values: {} })), { name: "a/b", values: {} });
  assert.deepEqual(decodeScenario("|pairs=1|junk|=2|note=a=b"), { name: "Scenario", values: { pairs: "1", note: "a=b" } });
  assert.equal(decodeScenario("x".repeat(100)).name, "x".repeat(40));
});

const FIELDS = new Set(["pairs", "calls_per_year"]);

test("a link fills only the form's fields; scenarios only where the form keeps them", () => {
  const params = new URLSearchParams("v=1&pairs=6000&renamed_field=3&s1=A|pairs=1&s2=B&s4=D");
  const roi = readLink(params, FIELDS, true, "1");
  assert.deepEqual(roi.values, { pairs: "6000" });
  assert.deepEqual(roi.scenarios.map((s) => s.name), ["A", "B"]);
  assert.deepEqual(readLink(params, FIELDS, false, "1").scenarios, []);
});

test("a link from another version says so; a missing v is the current version", () => {
  const version = (query) => readLink(new URLSearchParams(query), FIELDS, false, "1").otherVersion;
  for (const other of ["2", "abc", "0", ""]) assert.equal(version(`v=${other}&pairs=1`), true, other);
  assert.equal(version("v=1&pairs=1"), false);
  assert.equal(version("pairs=1"), false);
});
