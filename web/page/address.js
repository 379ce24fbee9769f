// The address bar follows the widgets: the one place that calls history.replaceState.

import { labelOf } from "./form-values.js";
import { mounted } from "./registry.js";
import { buildLink, encodeScenario } from "./url-state.js";

/** The link to this page with every widget's numbers, and what it had to leave out. */
export function shareLink() {
  /** @type {Record<string, string>} */
  const params = {};
  /** @type {Record<string, string>} */
  const labels = {};
  const widgets = mounted();
  for (const widget of widgets) {
    for (const [name, value] of Object.entries(widget.changedValues())) {
      params[name] = value;
      labels[name] = labelOf(widget.form, name);
    }
    widget.scenarioList.forEach((s, i) => {
      params[`s${i + 1}`] = encodeScenario(s);
      labels[`s${i + 1}`] = `scenario “${s.name}”`;
    });
  }
  return buildLink(location.href, params, labels, widgets[0]?.form.dataset.schema ?? "");
}

export function updateAddress() {
  history.replaceState(history.state, "", shareLink().href);
}
