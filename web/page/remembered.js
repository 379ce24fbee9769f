// Answers a reader keeps in this browser: remembered answers (data-remember forms), kept
// scenarios and free text. A shared link shows its own set without touching what the reader
// saved, until the reader chooses to keep it.

import { updateAddress } from "./address.js";
import { controls } from "./form-values.js";
import { mounted } from "./registry.js";
import { storageKey } from "./storage.js";
import { N_, t } from "./words.js";

/** @typedef {import("./widget.js").Widget} Widget */
/** @typedef {import("./storage.js").Scenario} Scenario */
/** @typedef {import("../shared/protocol.js").Values} Values */

/** @param {Widget} widget */
export function saveOwn(widget) {
  const { form, name, store } = widget;
  if (widget.shared) return;
  if (form.hasAttribute("data-remember")) store.save("answers", name, widget.changedValues());
  if (widget.scenarios) store.save("scenarios", name, widget.scenarios.list);
  /** @type {Values} */
  const text = {};
  for (const el of controls(form)) {
    if (el.type === "text" && el.inputMode !== "decimal" && el.value) text[el.name] = el.value;
  }
  store.save("text", name, text);
}

/** @param {Widget} widget @returns {{values: Values, scenarios: Scenario[]}} */
export function loadOwn(widget) {
  const { form, name, store } = widget;
  return {
    values: {
      ...store.load("text", name, {}),
      ...(form.hasAttribute("data-remember") ? store.load("answers", name, {}) : {}),
    },
    scenarios: widget.scenarios ? store.load("scenarios", name, []) : [],
  };
}

/** The notice on a shared set: keep it, or go back to one's own. */
export function offerShared(/** @type {Widget} */ widget, /** @type {ReturnType<typeof loadOwn>} */ own) {
  const words = widget.form.hasAttribute("data-remember") ? ANSWERS : SCENARIOS;
  const hasOwn = Object.keys(own.values).length || own.scenarios.length;
  /** @type {import("./notices.js").Actions} */
  const actions = [[t(words.keep), () => {
    widget.shared = false;
    saveOwn(widget);
  }]];
  if (hasOwn) {
    actions.push([t(words.back), () => {
      widget.shared = false;
      widget.apply(own);
      widget.changed(Object.keys(widget.defaults()));
    }]);
  }
  const saved = hasOwn ? t(words.untouched) : t("Nothing is saved in this browser until you keep them.");
  widget.notice("shared", t(words.shared) + " " + saved, actions);
}

// What the shared-set notice says, for remembered answers and for scenarios.
const ANSWERS = {
  keep: N_("Keep these answers"),
  back: N_("Back to my answers"),
  shared: N_("You are looking at answers from a shared link."),
  untouched: N_("Your own saved answers are untouched."),
};
const SCENARIOS = {
  keep: N_("Keep these scenarios"),
  back: N_("Back to my scenarios"),
  shared: N_("You are looking at scenarios from a shared link."),
  untouched: N_("Your own saved scenarios are untouched."),
};

/** Another tab saved: follow it, unless this tab shows a shared set. @param {StorageEvent} event */
export function followAnswers(event) {
  for (const widget of mounted()) {
    if (widget.shared) continue;
    if (event.key === storageKey("answers", widget.name) && widget.form.hasAttribute("data-remember")) {
      widget.apply({ values: loadOwn(widget).values, scenarios: widget.scenarioList });
      updateAddress();
      widget.compute();
    } else if (event.key === storageKey("scenarios", widget.name) && widget.scenarios) {
      widget.scenarios.list = loadOwn(widget).scenarios;
      updateAddress();
      widget.scenarios.render();
    }
  }
}
