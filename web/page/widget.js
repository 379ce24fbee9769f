// One calculator widget (form[data-calc]): it owns its state, sends its values to the runtime
// and shows the answers. Generic: every widget is this class, whatever its calculator.

import { reason } from "../shared/protocol.js";
import { act } from "./actions.js";
import { updateAddress } from "./address.js";
import * as values from "./form-values.js";
import { Announcer, showNotice } from "./notices.js";
import { mounted } from "./registry.js";
import { loadOwn, offerShared, saveOwn } from "./remembered.js";
import { Dropped } from "./runtime.js";
import { ScenarioTable } from "./scenarios.js";
import { Steps } from "./steps.js";
import { MAX_SCENARIOS } from "./storage.js";
import { readLink } from "./url-state.js";
import * as view from "./view.js";
import { t } from "./words.js";

const { $, controls, pick, fieldNames, scopes } = values;
const STALE_AFTER_MS = 250; // a live answer normally arrives before the eye notices a change
const CHARTS_AFTER_MS = 100; // the charts wait this long for typing to pause (steps.js)

/** @typedef {import("./runtime.js").Runtime} Runtime */
/** @typedef {import("./storage.js").Store} Store */
/** @typedef {import("./storage.js").Scenario} Scenario */
/** @typedef {import("../shared/protocol.js").Values} Values */
/** @typedef {import("../shared/protocol.js").Answer} Answer */
/** @typedef {import("./notices.js").Actions} Actions */

export class Widget {
  /**
   * Fills the form from the link (`params`), else from what the reader kept, and goes live.
   * @param {HTMLFormElement} form @param {Runtime} runtime @param {Store} store
   * @param {URLSearchParams} params the page's query as it was opened
   */
  constructor(form, runtime, store, params) {
    this.form = form;
    this.name = form.dataset.calc ?? "";
    this.lang = form.dataset.lang ?? "en"; // calc answers in the page's language
    this.runtime = runtime;
    this.store = store;
    /** @type {Values} values no control can show (see form-values.js) */
    this.overrides = {};
    this.live = false; // Python has answered for this widget
    this.steps = new Steps(
      (updating) => view.showUpdating(form, updating),
      () => new Promise((resolve) => setTimeout(resolve, CHARTS_AFTER_MS)),
    );
    this.shared = false; // shows a shared link's set, not the reader's own
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.staleTimer = undefined;
    this.announcer = new Announcer($(form, "[data-summary]"));
    const section = form.querySelector("[data-compare]");
    this.scenarios = section instanceof HTMLElement ? new ScenarioTable(this, section) : null;
    this.shown = this.values(); // the values the results on screen are for: the build's
    this.fill(params);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => {
      const target = /** @type {HTMLInputElement} */ (event.target);
      if (!target.name || target.dataset.default === undefined) return;
      delete this.overrides[target.name];
      this.notice("undo");
      this.changed([target.name]);
    });
    form.addEventListener("click", (event) => {
      const button = /** @type {Element} */ (event.target).closest("button[data-action]");
      if (button instanceof HTMLButtonElement && button.closest("form") === form) act(this, button);
    });
    runtime.listeners.add(this.onRuntime);
    runtime.start();
    if (runtime.state === "ready") this.compute();
    else this.enter(/** @type {"loading" | "error"} */ (runtime.state)); // start() left "idle"
  }

  /** @param {URLSearchParams} params */
  fill(params) {
    const names = new Set(controls(this.form).map((el) => el.name));
    const link = readLink(params, names, Boolean(this.scenarios), this.form.dataset.schema ?? "");
    const own = loadOwn(this);
    const fromLink = Object.keys(link.values).length > 0;
    if (!fromLink && !link.scenarios.length) {
      this.apply(own);
      return;
    }
    // A link carries the values it names; free text it could not carry is still the reader's.
    this.apply({
      values: { ...this.store.load("text", this.name, {}), ...link.values },
      scenarios: link.scenarios.length ? link.scenarios : own.scenarios,
    });
    if ((fromLink && this.form.hasAttribute("data-remember")) || link.scenarios.length) {
      this.shared = true;
      offerShared(this, own);
    }
    if (link.otherVersion) {
      this.notice("version", t("This link was made by another version of this page; its values are shown where they still apply."));
    }
  }

  /** @param {import("./runtime.js").State} state */
  onRuntime = (state) => {
    if (!this.form.isConnected) {
      this.runtime.listeners.delete(this.onRuntime);
    } else if (state === "ready") {
      this.compute(); // the first answer, or again after a restart
      this.scenarios?.render(); // kept scenarios do not change as the reader types
    } else {
      this.enter(/** @type {"loading" | "error"} */ (state)); // "idle" is never told
      if (state === "error") this.announcer.say($(this.form, "[data-status]").textContent ?? "", true);
    }
  };

  values() { return values.readValues(this.form, this.overrides); }
  defaults() { return values.defaults(this.form); }
  changedValues() { return values.changedValues(this.form, this.overrides); }
  get scenarioList() { return this.scenarios?.list ?? []; }
  /** @param {string} name @param {string} value */
  write(name, value) { values.writeValue(this.form, this.overrides, name, value); }

  /** Show a set of values (missing ones at their defaults) and scenarios. */
  apply(/** @type {{values: Values, scenarios: Scenario[]}} */ set) {
    const base = this.defaults();
    this.overrides = {};
    for (const [name, value] of Object.entries({ ...base, ...set.values })) {
      if (name in base) this.write(name, String(value));
    }
    if (!this.scenarios) return;
    this.scenarios.list = set.scenarios.slice(0, MAX_SCENARIOS);
    this.scenarios.render();
  }

  /**
   * Load a whole set of values (a scenario, the example, an undone reset) as if typed.
   * @param {Values} set @param {Scenario[]} [scenarios] the kept scenarios (unchanged by default)
   */
  load(set, scenarios = this.scenarioList) {
    this.apply({ values: set, scenarios });
    this.changed(Object.keys(this.defaults()));
  }

  // After fields changed: other widgets on the page that share a field (labeling and ROI both
  // count pairs) follow; answers are kept; the address bar follows; all recompute.
  /** @param {string[]} names */
  changed(names) {
    this.compute({ spoken: true }); // first: Python starts on it while the page does the rest
    const now = this.values();
    for (const other of mounted()) {
      if (other === this) continue;
      const shared = names.filter((name) => controls(other.form).some((el) => el.name === name));
      if (!shared.length) continue;
      for (const name of shared) other.write(name, now[name] ?? "");
      saveOwn(other);
      other.compute();
    }
    saveOwn(this);
    updateAddress();
  }

  scenariosChanged() {
    saveOwn(this);
    updateAddress();
    this.scenarios?.render();
  }

  // Numbers first (steps.js): the results and the summary as soon as Python has them, then the
  // charts, which take as long again to make and draw.
  async compute({ spoken = false } = {}) {
    const { form, runtime } = this;
    const now = this.values();
    view.showGroups(form, now);
    this.markStale();
    const parts = scopes(form);
    const drawing = parts.filter(view.drawsCharts);
    /** @param {HTMLElement} scope */
    const ask = (scope) => /** @type {const} */ ([scope.dataset.calc ?? "", pick(now, fieldNames(scope)), this.lang]);
    try {
      await this.steps.run({
        numbers: () => Promise.all(parts.map((scope) => runtime.call(...ask(scope)))),
        show: (answers) => this.showNumbers(parts, answers, spoken),
        charts: () => Promise.all(drawing.map((scope) => runtime.charts(...ask(scope)))),
        draw: (charts) => charts.forEach((drawn, i) => drawn.ok && view.showCharts(drawing[i], drawn.html)),
      });
    } catch (error) {
      // A dropped request is asked again once the restarted worker is ready (see onRuntime).
      if (!(error instanceof Dropped)) this.enter("error", reason(error));
    }
  }

  /**
   * Shows one input's numbers (or its problems); true when they are shown and its charts follow.
   * @param {HTMLElement[]} parts @param {Answer[]} answers @param {boolean} spoken
   */
  showNumbers(parts, answers, spoken) {
    const { form, runtime } = this;
    const problems = answers.flatMap((answer) => (answer.ok ? [] : answer.problems));
    // Both calculators of one form see the same fields: one message per field is enough.
    const unique = [...new Map(problems.map((p) => [`${p.field}|${p.message}`, p])).values()];
    view.showProblems(form, unique);
    answers.forEach((answer, i) => answer.ok && view.showAnswer(parts[i], answer));
    if (runtime.boot) form.dataset.boot = runtime.boot;
    if (!unique.length) {
      this.live = true;
      if (this.showCanonical(answers)) updateAddress();
      this.shown = this.values(); // what Python computed, as it normalised it
      this.enter("ready");
      if (spoken && answers[0].ok) this.announcer.say(answers[0].summary);
      return true;
    }
    this.enter("invalid");
    if (spoken) this.announcer.say(t("Some inputs need fixing.") + " " + unique[0].message);
    return false;
  }

  /** The form shows the choices as Python normalised them; true if any moved. @param {Answer[]} answers */
  showCanonical(answers) {
    let moved = false;
    for (const [name, value] of Object.entries(view.canonicalChoices(this.form, answers))) {
      if (this.values()[name] === value) continue;
      this.write(name, value);
      moved = true;
    }
    return moved;
  }

  /** @param {Exclude<import("./view.js").WidgetState, "static">} state */
  enter(state, message = this.runtime.message) {
    view.showState(this.form, state, message, this.live);
    this.markStale(state !== "ready");
  }

  // "Stale": the results on screen were not computed from the inputs on screen. Shown at once
  // while Python is not answering; while it is, only if an answer is late (no flicker on typing).
  markStale(now = false) {
    clearTimeout(this.staleTimer);
    const stale = () => !values.same(this.shown, this.values());
    const show = () => {
      const { form } = this;
      const isStale = stale();
      // A late answer: the widget stops saying it is live until Python answers.
      if (isStale && form.dataset.state === "ready") view.showState(form, "loading", t("Waiting for Python to answer…"), this.live);
      view.showStale(form, isStale, view.staleNote(form.dataset.state, this.runtime.state, this.live));
    };
    if (now || this.runtime.state !== "ready" || !stale()) show();
    else this.staleTimer = setTimeout(show, STALE_AFTER_MS);
  }

  /** A short note beside the actions, said at once. @param {string} text */
  note(text) {
    $(this.form, "[data-action-note]").textContent = text;
    this.announcer.say(text, true);
  }

  /** @param {string} kind @param {string} [text] @param {Actions} [actions] */
  notice(kind, text, actions) {
    showNotice(this.form, this.announcer, kind, text, actions);
  }
}
