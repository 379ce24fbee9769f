// Scenarios: up to three kept sets of numbers, compared side by side in the widget's
// [data-compare] table (the ROI calculator). The widget owns one ScenarioTable.

import { $, pick, fieldNames } from "./form-values.js";
import { MAX_SCENARIOS } from "./storage.js";
import { t } from "./words.js";

/** @typedef {import("./storage.js").Scenario} Scenario */
/** @typedef {import("./widget.js").Widget} Widget */
/** @typedef {import("../shared/protocol.js").Answer} Answer */

export class ScenarioTable {
  /** @param {Widget} widget @param {HTMLElement} section the widget's [data-compare] */
  constructor(widget, section) {
    this.widget = widget;
    this.section = section;
    /** @type {Scenario[]} */
    this.list = [];
    this.ticket = 0; // the latest render; an older one that answers late draws nothing
  }

  /** Keep the form's values under the name typed (or "Scenario N"). */
  keep() {
    const { widget } = this;
    if (this.list.length >= MAX_SCENARIOS) return;
    const input = $(widget.form, "[data-scenario-name]");
    if (!(input instanceof HTMLInputElement)) return;
    const name = input.value.trim().replaceAll("|", "/") || t("Scenario {number}", { number: this.list.length + 1 });
    this.list.push({ name, values: widget.changedValues() });
    input.value = "";
    widget.scenariosChanged();
    widget.note(t("Kept “{name}”.", { name }));
  }

  /** @param {number} index @param {Scenario} scenario */
  remove(index, scenario) {
    const before = this.list.slice();
    this.list.splice(index, 1);
    this.widget.scenariosChanged();
    this.widget.notice("undo", t("Removed scenario “{name}”.", { name: scenario.name }), [[t("Undo"), () => {
      this.list = before;
      this.widget.scenariosChanged();
    }]]);
  }

  // The table keeps what it shows until Python has answered, then changes in one step: no
  // empty table in between for the eye, a screen reader or a test.
  async render() {
    const { section, list, widget } = this;
    const wrap = $(section, ".calc-compare-wrap");
    wrap.hidden = !list.length;
    const keep = /** @type {HTMLButtonElement} */ ($(section, '[data-action="keep-scenario"]'));
    keep.disabled = list.length >= MAX_SCENARIOS;
    const head = $(section, "thead tr");
    const rows = /** @type {HTMLTableRowElement[]} */ ([...section.querySelectorAll("tbody tr")]);
    const clear = () => {
      head.replaceChildren(/** @type {Element} */ (head.firstElementChild));
      for (const row of rows) row.replaceChildren(/** @type {Element} */ (row.firstElementChild));
    };
    if (!list.length) return clear();
    const ticket = ++this.ticket;
    /** @type {Answer[] | null} */
    let answers = null;
    if (widget.runtime.state === "ready") {
      const base = widget.defaults();
      const fields = fieldNames(widget.form);
      try {
        answers = await Promise.all(list.map((s) => widget.runtime.call(widget.name, pick({ ...base, ...s.values }, fields), widget.lang)));
      } catch {
        answers = null;
      }
    }
    if (ticket !== this.ticket) return;
    clear();
    list.forEach((scenario, i) => {
      head.append(this.heading(scenario, i));
      const answer = answers && answers[i];
      for (const row of rows) {
        const td = document.createElement("td");
        td.textContent = !answer ? "…" : answer.ok ? answer.display[row.dataset.key ?? ""] : t("invalid numbers");
        row.append(td);
      }
    });
    if (answers) section.removeAttribute("aria-busy");
    else section.setAttribute("aria-busy", "true"); // "" would mean not busy
  }

  /** A column's heading: the name, Load and Remove. @param {Scenario} scenario @param {number} i */
  heading(scenario, i) {
    const th = document.createElement("th");
    th.scope = "col";
    const name = document.createElement("span");
    name.textContent = scenario.name;
    const { name: scenarioName } = scenario;
    const load = linkButton(t("Load"), t("Load scenario {name} into the form", { name: scenarioName }), () => this.widget.load(scenario.values));
    const remove = linkButton(t("Remove"), t("Remove scenario {name}", { name: scenarioName }), () => this.remove(i, scenario));
    th.append(name, " ", load, " ", remove);
    return th;
  }
}

/** @param {string} text @param {string} label @param {() => void} run */
function linkButton(text, label, run) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "calc-link-button";
  button.textContent = text;
  button.setAttribute("aria-label", label);
  button.addEventListener("click", run);
  return button;
}
