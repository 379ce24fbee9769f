// The worker's replies carry a reason as plain text, whatever was thrown.
import assert from "node:assert/strict";
import { test } from "node:test";

import { failed, reason, refusal } from "../shared/protocol.js";

test("a reason is the message of what was thrown, or the thing itself as text", () => {
  assert.equal(reason(new Error("HTTP 404")), "HTTP 404");
  assert.equal(reason("plain words"), "plain words");
  assert.equal(reason({ message: "an error from another realm" }), "an error from another realm");
  assert.equal(reason(null), "null");
  const traceback = 'Traceback (most recent call last):\n  File "<exec>", line 3, in run\nTypeError: numbers() takes 2 positional arguments but 3 were given\n';
  assert.equal(reason(new Error(traceback)), "TypeError: numbers() takes 2 positional arguments but 3 were given");
  assert.deepEqual(failed(new TypeError("x")), { type: "failed", message: "x" });
  assert.deepEqual(refusal(3, new Error("y")), { type: "answer", id: 3, error: "y" });
});
