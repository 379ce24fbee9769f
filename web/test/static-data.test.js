// The snapshot's static data XORed out at build time and back in by the worker.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { initialMemory, xorStaticData } from "../worker/static-data.js";

/** A WebAssembly binary: the header, a custom section, then a data section of these segments. */
function wasm(/** @type {number[][]} */ ...segments) {
  const data = [segments.length, ...segments.flat()];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 2, 1, 0x78, 11, data.length, ...data]);
}
const active = (offset, bytes) => [0, 0x41, offset, 0x0b, bytes.length, ...bytes];
const passive = (bytes) => [1, bytes.length, ...bytes];

test("the image holds each active segment at its offset, and leaves passive ones out", () => {
  const image = initialMemory(wasm(active(2, [7, 8]), passive([9, 9, 9]), active(6, [5])));
  assert.deepEqual([...image], [0, 0, 7, 8, 0, 0, 5]);
});

test("XORing the image in twice gives back the snapshot, around its header", () => {
  const image = new Uint8Array([1, 2, 3]);
  const snapshot = new Uint8Array([0, 0, 0, 0, 8, 0, 0, 0, 10, 10, 10, 10, 10]);
  xorStaticData(snapshot, image);
  assert.deepEqual([...snapshot], [0, 0, 0, 0, 8, 0, 0, 0, 11, 8, 9, 10, 10]);
  xorStaticData(snapshot, image);
  assert.deepEqual([...snapshot], [0, 0, 0, 0, 8, 0, 0, 0, 10, 10, 10, 10, 10]);
});

test("what is not a wasm, or a snapshot too short for the image, is refused", () => {
  assert.throws(() => initialMemory(new TextEncoder().encode("<!doctype html>")), /not a WebAssembly/);
  assert.throws(() => initialMemory(wasm(active(2, [7, 8])).subarray(0, 21)), /truncated/);
  const global = [0, 0x23, 0, 0x0b, 1, 7]; // offset from a global: a relocatable module
  assert.throws(() => initialMemory(wasm(global)), /constant offset/);
  assert.throws(() => xorStaticData(new Uint8Array([0, 0, 0, 0, 8, 0, 0, 0, 1]), new Uint8Array(4)), /too short/);
});

test("Pyodide's own wasm lays out megabytes of static data from address 1024", () => {
  const image = initialMemory(readFileSync(new URL("../../node_modules/pyodide/pyodide.asm.wasm", import.meta.url)));
  assert.ok(image.length > 1_000_000, String(image.length));
  assert.ok(image.subarray(0, 1024).every((byte) => byte === 0));
  assert.ok(image.subarray(1024, 2048).some((byte) => byte !== 0));
});
