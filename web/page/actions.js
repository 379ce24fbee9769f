// The widget's buttons (button[data-action]): what each does.

import { shareLink } from "./address.js";
import { $ } from "./form-values.js";
import { t } from "./words.js";

/** @typedef {import("./widget.js").Widget} Widget */

/** @param {Widget} widget @param {HTMLButtonElement} button */
export async function act(widget, button) {
  const { form } = widget;
  const action = button.dataset.action;
  const target = () => /** @type {HTMLOutputElement} */ ($(form, `output[name="${CSS.escape(button.dataset.target ?? "")}"]`)).value;
  if (action === "retry") {
    widget.runtime.retry();
  } else if (action === "reset") {
    const before = { values: widget.changedValues(), scenarios: widget.scenarioList };
    widget.load({});
    if (Object.keys(before.values).length) {
      widget.notice("undo", t("Reset to the example values."), [[t("Undo"), () => widget.load(before.values, before.scenarios)]]);
    }
  } else if (action === "example") {
    const values = JSON.parse(button.dataset.values ?? "{}");
    for (const [name, value] of Object.entries(values)) widget.write(name, value);
    widget.changed(Object.keys(values));
  } else if (action === "keep-scenario") {
    widget.scenarios?.keep();
  } else if (action === "download") {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([target()], { type: "text/markdown" }));
    link.download = button.dataset.filename ?? "";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  } else if (action === "copy-link") {
    const { href, left } = shareLink();
    const fields = left.join(", ");
    const missing = !left.length ? ""
      : left.length > 1
        ? " " + t("It leaves out {fields}: too long for a link (2,000 characters at most); they stay in this browser.", { fields })
        : " " + t("It leaves out {fields}: too long for a link (2,000 characters at most); it stays in this browser.", { fields });
    await copy(widget, href, t("Link copied.") + missing, t("Copy this link: {href}", { href }) + missing);
  } else if (action === "copy") {
    await copy(widget, target(), t("Copied to the clipboard."), t("Copying was blocked; select the text and copy it."));
  }
}

/** @param {Widget} widget @param {string} text @param {string} done @param {string} blocked */
async function copy(widget, text, done, blocked) {
  try {
    await navigator.clipboard.writeText(text);
    widget.note(done);
  } catch {
    widget.note(blocked);
  }
}
