// Page glue for every calculator widget (form[data-calc]); generic: it knows no calculator.
// The build already rendered each widget with results for its starting values; this file makes
// it live. One Python worker per tab computes every answer (calc.run), under a watchdog. The
// inputs live in the address bar; answers a reader keeps live in localStorage. Every string the
// reader sees about a result (values, summaries, problems) comes from Python; this file only
// says what state the widget is in.
(() => {
  "use strict";
  const ASSETS = new URL("..", document.currentScript.src); // …/assets/
  const SITE = new URL("..", ASSETS); // the site root, where sw.js lives
  const MAX_URL = 2000;
  const DEADLINE_MS = 10000; // an answer takes milliseconds; ten seconds means the worker is gone
  const SETTLE_MS = 700; // the live summary speaks once typing pauses this long
  const STALE_AFTER_MS = 250; // a live answer normally arrives before the eye notices a change
  const MAX_SCENARIOS = 3;

  // --- storage: a convenience that must never break a widget ------------------------------------
  // Anything stored may have been written by another version of this page or by hand, so every
  // read is checked for shape; a value of the wrong shape counts as nothing stored.
  const isText = (v) => typeof v === "string";
  const isAnswers = (v) => v !== null && typeof v === "object" && !Array.isArray(v) &&
    Object.values(v).every(isText);
  const shapes = {
    answers: isAnswers, // calc:NAME: a remembering form's answers that differ from its defaults
    text: isAnswers, // calc:text:NAME: free text typed into a form, which links may not carry
    list: (v) => Array.isArray(v) && v.every((i) => Number.isInteger(i) && i >= 0), // ticks
    scenarios: (v) => Array.isArray(v) && v.length <= MAX_SCENARIOS &&
      v.every((s) => s !== null && typeof s === "object" && isText(s.name) && isAnswers(s.values)),
  };
  const storage = {
    key: (kind, name) => (kind === "answers" ? `calc:${name}` : `calc:${kind}:${name}`),
    load(kind, name, fallback) {
      try {
        const value = JSON.parse(localStorage.getItem(this.key(kind, name)));
        return shapes[kind](value) ? value : fallback;
      } catch {
        return fallback;
      }
    },
    save(kind, name, value) {
      try {
        localStorage.setItem(this.key(kind, name), JSON.stringify(value));
      } catch { /* not remembered: blocked or full storage */ }
    },
  };

  // --- one Python worker per tab, with a watchdog ---------------------------------------------------
  // States: idle → loading → ready; a request that misses its deadline, or a worker that dies,
  // restarts the worker once (loading again); a second failure is "error" until "Try again".
  const runtime = {
    state: "idle",
    message: "",
    boot: "",
    restarted: false,
    worker: null,
    pending: new Map(), // id → {name, inputs, done, fail, timer}
    nextId: 0,
    listeners: new Set(),

    tell(state, message = "") {
      this.state = state;
      this.message = message;
      for (const listener of this.listeners) listener(state);
    },

    start() {
      if (this.state !== "idle") return; // an error waits for "Try again"
      if (location.protocol === "file:") {
        this.tell("error", "live recalculation needs the site served over http(s), not opened as a file");
        return;
      }
      this.tell("loading", this.restarted ? "Restarting Python after it stopped answering…" : "Starting Python…");
      let worker;
      try {
        worker = new Worker(new URL("js/calc-worker.js", ASSETS), { type: "module" });
      } catch (error) {
        this.fail(error.message);
        return;
      }
      this.worker = worker;
      worker.onmessage = ({ data }) => {
        if (worker !== this.worker) return; // a worker we already gave up on
        if (data.type === "progress") this.tell("loading", `${this.restarted ? "Restarting Python after it stopped answering: " : ""}${data.message}`);
        else if (data.type === "ready") {
          this.boot = data.boot || "";
          this.tell("ready");
          for (const [id, task] of this.pending) this.send(id, task);
        } else if (data.type === "failed") this.fail(data.message);
        else if (data.type === "answer") this.answer(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (worker === this.worker) this.fail(event.message || "the Python worker could not start");
      };
    },

    send(id, task) {
      clearTimeout(task.timer);
      task.timer = setTimeout(() => this.fail("Python stopped answering"), DEADLINE_MS);
      this.worker.postMessage({ id, name: task.name, inputs: task.inputs });
    },

    answer({ id, json, error }) {
      const task = this.pending.get(id);
      if (!task) return;
      clearTimeout(task.timer);
      this.pending.delete(id);
      if (error) task.fail(new Error(error));
      else task.done(JSON.parse(json));
    },

    // Requests wait while Python boots; the deadline only runs once a worker is ready to answer.
    call(name, inputs) {
      this.start();
      if (this.state === "error") return Promise.reject(new Error(this.message));
      return new Promise((done, fail) => {
        const id = ++this.nextId;
        const task = { name, inputs, done, fail, timer: 0 };
        this.pending.set(id, task);
        if (this.state === "ready") this.send(id, task);
      });
    },

    fail(reason) {
      if (this.worker) this.worker.terminate();
      this.worker = null;
      const dropped = [...this.pending.values()];
      this.pending.clear();
      for (const task of dropped) {
        clearTimeout(task.timer);
        task.fail(Object.assign(new Error(reason), { dropped: true }));
      }
      if (!this.restarted) {
        this.restarted = true;
        this.state = "idle";
        this.start();
      } else {
        // Offline, the download error says nothing useful; what helps is knowing why.
        this.tell("error", navigator.onLine ? reason : "you are offline, and this browser has not kept the calculators for offline use");
      }
    },

    retry() {
      this.restarted = false;
      this.state = "idle";
      this.start();
    },
  };

  // --- reading and writing a form ---------------------------------------------------------------
  const controls = (form) => [...form.elements].filter((el) => el.name && el.dataset.default !== undefined);
  const fieldNames = (scope) => (scope.dataset.fields || "").split(" ").filter(Boolean);
  const scopes = (form) => [form, ...form.querySelectorAll("fieldset[data-calc]")];
  const labelOf = (form, name) => {
    const el = controls(form).find((c) => c.name === name);
    const label = el && (el.type === "radio" ? el.closest("fieldset").querySelector("legend") : el.labels[0]);
    return label ? label.firstChild.textContent.trim() : name;
  };

  function readValues(form) {
    const values = {};
    for (const el of controls(form)) {
      if (el.type === "radio") {
        if (el.checked && el.value !== "") values[el.name] = el.value;
      } else if (!(el.name in values)) {
        values[el.name] = el.value;
      }
    }
    return { ...values, ...form.calc.overrides };
  }

  function defaults(form) {
    const values = {};
    for (const el of controls(form)) if (!(el.name in values)) values[el.name] = el.dataset.default;
    return values;
  }

  // A value a control cannot show (a choice a link misspelt) is kept aside and still sent, so
  // Python can name the problem at its field.
  function writeValue(form, name, value) {
    let taken = false;
    for (const el of controls(form).filter((c) => c.name === name)) {
      if (el.type === "radio") {
        el.checked = el.value === value;
        taken ||= el.checked || (value === "" && el.value === "");
      } else if (el.tagName === "SELECT") {
        taken = [...el.options].some((o) => o.value === value);
        if (taken) el.value = value;
      } else {
        el.value = value;
        taken = true;
      }
    }
    if (taken) delete form.calc.overrides[name];
    else form.calc.overrides[name] = value;
  }

  function changedValues(form) {
    const base = defaults(form);
    const values = readValues(form);
    const changed = {};
    for (const name of Object.keys(base)) {
      const value = values[name] ?? "";
      if (value !== base[name]) changed[name] = value;
    }
    return changed;
  }

  const pick = (values, names) => Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]));
  const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

  // --- the address bar: ?v=1&key=value, sorted, only values that differ from the defaults --------
  // Scenarios travel as s1…s3 = "name|field=value|…".
  function encodeScenario({ name, values }) {
    return [name.replaceAll("|", "/"), ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join("|");
  }

  function decodeScenario(text) {
    const [name, ...pairs] = text.split("|");
    const values = {};
    for (const pair of pairs) {
      const at = pair.indexOf("=");
      if (at > 0) values[pair.slice(0, at)] = pair.slice(at + 1);
    }
    return { name: name.slice(0, 40) || "Scenario", values };
  }

  // Returns the link and what had to be left out of it to stay under MAX_URL characters.
  function shareLink() {
    const params = {};
    const labels = {};
    for (const form of document.querySelectorAll("form[data-calc]")) {
      if (!form.calc) continue;
      for (const [name, value] of Object.entries(changedValues(form))) {
        params[name] = value;
        labels[name] = labelOf(form, name);
      }
      form.calc.scenarios.forEach((s, i) => {
        params[`s${i + 1}`] = encodeScenario(s);
        labels[`s${i + 1}`] = `scenario “${s.name}”`;
      });
    }
    const url = new URL(location.href);
    const keys = Object.keys(params).sort();
    const left = [];
    for (;;) {
      url.search = "";
      if (keys.length) url.searchParams.set("v", document.querySelector("form[data-calc]").dataset.schema);
      for (const key of keys) url.searchParams.set(key, params[key]);
      if (url.href.length <= MAX_URL || !keys.length) return { href: url.href, left };
      // Leave out the longest value first: usually pasted text; the widget still shows it.
      const size = (k) => encodeURIComponent(params[k]).length;
      const longest = keys.reduce((a, b) => (size(b) > size(a) ? b : a));
      keys.splice(keys.indexOf(longest), 1);
      left.push(labels[longest]);
    }
  }

  function updateAddress() {
    history.replaceState(history.state, "", shareLink().href);
  }

  // --- what the widget says about itself ----------------------------------------------------------
  const $ = (form, selector) => form.querySelector(selector);

  function isStale(form) {
    return !same(form.calc.shown, readValues(form));
  }

  // "Stale": the results on screen were not computed from the inputs on screen. Shown at once
  // while Python is not answering; while it is, only if an answer is late (no flicker on typing).
  function markStale(form, now) {
    clearTimeout(form.calc.staleTimer);
    const apply = () => {
      const stale = isStale(form);
      form.toggleAttribute("data-stale", stale);
      for (const panel of form.querySelectorAll("[data-results]")) {
        if (stale) panel.setAttribute("aria-busy", "true");
        else panel.removeAttribute("aria-busy");
      }
      for (const note of form.querySelectorAll("[data-stale-note]")) {
        note.hidden = !stale;
        note.textContent = staleNote(form);
      }
      // A late answer: the widget stops saying it is live until Python answers.
      if (stale && form.dataset.state === "ready") setState(form, "loading", "Waiting for Python to answer…");
    };
    if (now || runtime.state !== "ready" || !isStale(form)) apply();
    else form.calc.staleTimer = setTimeout(apply, STALE_AFTER_MS);
  }

  function staleNote(form) {
    if (form.dataset.state === "invalid") return "Not updated: some inputs need fixing.";
    if (runtime.state === "error") {
      return form.calc.live
        ? "Not updated: these results are for earlier inputs."
        : "Not updated: these results are for the example values this page was built with.";
    }
    return "Recalculating for your numbers…";
  }

  function setState(form, state, message = runtime.message) {
    form.dataset.state = state;
    const status = $(form, "[data-status]");
    $(form, ".calc-status progress").hidden = state !== "loading";
    $(form, '[data-action="retry"]').hidden = state !== "error";
    const built = form.calc.live ? "" : " The results shown were computed when this page was built.";
    status.textContent = {
      loading: `${message}${built}`,
      ready: "Live: results update as you type.",
      invalid: "Some inputs need fixing; the results shown are for the last valid inputs.",
      error: `Live recalculation is unavailable (${message}).${built}`,
    }[state];
    markStale(form, state !== "ready");
  }

  // One polite announcement per settled change, made of Python's own summary; nothing else
  // in the widget is a live region.
  function announce(form, text, now) {
    clearTimeout(form.calc.announceTimer);
    const speak = () => {
      if (text && text !== form.calc.announced) {
        form.calc.announced = text;
        $(form, "[data-summary]").textContent = text;
      }
    };
    if (now) speak();
    else form.calc.announceTimer = setTimeout(speak, SETTLE_MS);
  }

  function showProblems(form, problems) {
    for (const slot of form.querySelectorAll("[data-problem]")) {
      slot.hidden = true;
      slot.textContent = "";
    }
    for (const el of controls(form)) el.removeAttribute("aria-invalid");
    for (const problem of problems) {
      const field = problem.field || "";
      const slot = form.querySelector(`[data-problem="${CSS.escape(field)}"]`) || $(form, '[data-problem=""]');
      slot.textContent = slot.hidden ? problem.message : `${slot.textContent} ${problem.message}`;
      slot.hidden = false;
      for (const el of controls(form)) if (el.name === field) el.setAttribute("aria-invalid", "true");
      // A group that does not apply is hidden; a problem inside it must still be seen.
      const group = slot.closest("[data-when]");
      if (group) group.hidden = false;
    }
  }

  function showAnswer(scope, answer) {
    for (const [key, text] of Object.entries(answer.display)) {
      for (const out of scope.querySelectorAll(`output[name="${CSS.escape(key)}"]`)) {
        if (out.closest("[data-calc]") !== scope) continue;
        out.value = text;
        const row = out.closest(".calc-row, .calc-block");
        if (row) row.hidden = text === "";
      }
    }
    // Markup calc generated from numbers only (charts); never text a reader typed.
    for (const [key, html] of Object.entries(answer.html || {})) {
      const slot = scope.querySelector(`[data-html="${CSS.escape(key)}"]`);
      if (slot && slot.closest("[data-calc]") === scope) slot.innerHTML = html;
    }
  }

  // Python's parser is the authority on choices ("YES" means "yes"): the form shows exactly the
  // value that was computed.
  function showCanonical(form, answers) {
    let moved = false;
    for (const [, answer] of answers) {
      for (const el of controls(form)) {
        if ((el.type !== "radio" && el.tagName !== "SELECT") || !(el.name in answer.inputs)) continue;
        const value = answer.inputs[el.name] ?? "";
        if (typeof value === "string" && readValues(form)[el.name] !== value) {
          writeValue(form, el.name, value);
          moved = true;
        }
      }
    }
    return moved;
  }

  function showGroups(form) {
    const values = readValues(form);
    for (const group of form.querySelectorAll("[data-when]")) {
      const [field, value] = group.dataset.when.split("=");
      const applies = (values[field] ?? "") === value;
      if (!applies && group.contains(document.activeElement)) continue; // never hide focus
      group.hidden = !applies && !group.querySelector("[data-problem]:not([hidden])");
    }
  }

  // --- computing --------------------------------------------------------------------------------
  async function compute(form, { spoken = false } = {}) {
    const ticket = ++form.calc.ticket;
    const values = readValues(form);
    showGroups(form);
    markStale(form);
    if (runtime.state === "error") {
      setState(form, "error");
      return;
    }
    let answers;
    try {
      answers = await Promise.all(scopes(form).map((scope) =>
        runtime.call(scope.dataset.calc, pick(values, fieldNames(scope))).then((answer) => [scope, answer])));
    } catch (error) {
      // A dropped request is asked again once the restarted worker is ready (see mount).
      if (!error.dropped && ticket === form.calc.ticket) setState(form, "error");
      return;
    }
    if (ticket !== form.calc.ticket) return; // a newer change is already on its way
    const problems = answers.flatMap(([, answer]) => (answer.ok ? [] : answer.problems));
    // Both calculators of one form see the same fields: one message per field is enough.
    const unique = [...new Map(problems.map((p) => [`${p.field}|${p.message}`, p])).values()];
    showProblems(form, unique);
    for (const [scope, answer] of answers) if (answer.ok) showAnswer(scope, answer);
    if (!unique.length) {
      form.calc.live = true;
      if (showCanonical(form, answers)) updateAddress();
      form.calc.shown = readValues(form); // what Python computed, as it normalised it
      setState(form, "ready");
      if (spoken) announce(form, answers[0][1].summary);
    } else {
      setState(form, "invalid");
      if (spoken) announce(form, `Some inputs need fixing. ${unique[0].message}`);
    }
    if (runtime.boot) form.dataset.boot = runtime.boot;
    renderScenarios(form);
  }

  // --- notices: a shared set, a link from another version, an undo ----------------------------
  function notice(form, kind, text, actions = []) {
    const box = $(form, "[data-notices]");
    box.querySelector(`[data-notice="${kind}"]`)?.remove();
    if (!text) return;
    const item = document.createElement("div");
    item.className = "calc-notice";
    item.dataset.notice = kind;
    const p = document.createElement("p");
    p.textContent = text;
    item.append(p);
    for (const [label, run] of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", () => {
        item.remove();
        run();
      });
      item.append(button);
    }
    box.append(item);
    announce(form, text, true);
  }

  // --- answers a reader keeps (data-remember forms) and scenarios ---------------------------------
  // A shared link shows its own set without touching what the reader saved, until the reader
  // chooses to keep it.
  function save(form) {
    const name = form.dataset.calc;
    if (form.calc.shared) return;
    if (form.hasAttribute("data-remember")) storage.save("answers", name, changedValues(form));
    if (form.calc.compare) storage.save("scenarios", name, form.calc.scenarios);
    const text = {};
    for (const el of controls(form)) {
      if (el.type === "text" && el.inputMode !== "decimal" && el.value) text[el.name] = el.value;
    }
    storage.save("text", name, text);
  }

  function loadOwn(form) {
    const name = form.dataset.calc;
    return {
      values: {
        ...storage.load("text", name, {}),
        ...(form.hasAttribute("data-remember") ? storage.load("answers", name, {}) : {}),
      },
      scenarios: form.calc.compare ? storage.load("scenarios", name, []) : [],
    };
  }

  function apply(form, set) {
    const base = defaults(form);
    form.calc.overrides = {};
    for (const [name, value] of Object.entries({ ...base, ...set.values })) {
      if (name in base) writeValue(form, name, String(value));
    }
    form.calc.scenarios = set.scenarios.slice(0, MAX_SCENARIOS);
  }

  function offerShared(form, own) {
    const what = form.hasAttribute("data-remember") ? "answers" : "scenarios";
    const hasOwn = Object.keys(own.values).length || own.scenarios.length;
    const actions = [[`Keep these ${what}`, () => {
      form.calc.shared = false;
      save(form);
    }]];
    if (hasOwn) {
      actions.push([`Back to my ${what}`, () => {
        form.calc.shared = false;
        apply(form, own);
        changed(form, Object.keys(defaults(form)));
      }]);
    }
    notice(form, "shared", `You are looking at ${what} from a shared link. ${hasOwn
      ? `Your own saved ${what} are untouched.` : "Nothing is saved in this browser until you keep them."}`, actions);
  }

  // Another tab saved: follow it, unless this tab shows a shared set.
  addEventListener("storage", (event) => {
    for (const form of document.querySelectorAll("form[data-calc]")) {
      if (!form.calc || form.calc.shared) continue;
      const name = form.dataset.calc;
      if (event.key === storage.key("answers", name) && form.hasAttribute("data-remember")) {
        apply(form, { values: loadOwn(form).values, scenarios: form.calc.scenarios });
        updateAddress();
        compute(form);
      } else if (event.key === storage.key("scenarios", name) && form.calc.compare) {
        form.calc.scenarios = loadOwn(form).scenarios;
        updateAddress();
        renderScenarios(form);
      }
    }
    for (const list of document.querySelectorAll("[data-remember-list]")) {
      if (event.key === storage.key("list", list.dataset.rememberList)) showTicks(list);
    }
  });

  // --- scenarios: up to three kept sets of numbers, compared side by side ------------------------
  async function renderScenarios(form) {
    const section = $(form, "[data-compare]");
    if (!section) return;
    const list = form.calc.scenarios;
    const wrap = $(section, ".calc-compare-wrap");
    wrap.hidden = !list.length;
    $(section, '[data-action="keep-scenario"]').disabled = list.length >= MAX_SCENARIOS;
    const head = $(section, "thead tr");
    const rows = [...section.querySelectorAll("tbody tr")];
    const clear = () => {
      head.replaceChildren(head.firstElementChild);
      for (const row of rows) row.replaceChildren(row.firstElementChild);
    };
    // The table keeps what it shows until Python has answered, then changes in one step: no
    // empty table in between for the eye, a screen reader or a test.
    if (!list.length) return clear();
    const ticket = ++form.calc.scenarioTicket;
    let answers = null;
    if (runtime.state === "ready") {
      try {
        answers = await Promise.all(list.map((s) => runtime.call(form.dataset.calc, pick({ ...defaults(form), ...s.values }, fieldNames(form)))));
      } catch {
        answers = null;
      }
    }
    if (ticket !== form.calc.scenarioTicket) return;
    clear();
    list.forEach((scenario, i) => {
      const th = document.createElement("th");
      th.scope = "col";
      const name = document.createElement("span");
      name.textContent = scenario.name;
      const show = document.createElement("button");
      show.type = "button";
      show.className = "calc-link-button";
      show.textContent = "Load";
      show.setAttribute("aria-label", `Load scenario ${scenario.name} into the form`);
      show.addEventListener("click", () => {
        apply(form, { values: scenario.values, scenarios: form.calc.scenarios });
        changed(form, Object.keys(defaults(form)));
      });
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "calc-link-button";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove scenario ${scenario.name}`);
      remove.addEventListener("click", () => {
        const before = form.calc.scenarios.slice();
        form.calc.scenarios.splice(i, 1);
        scenariosChanged(form);
        notice(form, "undo", `Removed scenario “${scenario.name}”.`, [["Undo", () => {
          form.calc.scenarios = before;
          scenariosChanged(form);
        }]]);
      });
      th.append(name, " ", show, " ", remove);
      head.append(th);
      const answer = answers && answers[i];
      for (const row of rows) {
        const td = document.createElement("td");
        td.textContent = !answers ? "…" : answer.ok ? answer.display[row.dataset.key] : "invalid numbers";
        row.append(td);
      }
    });
    section.toggleAttribute("aria-busy", !answers);
  }

  function scenariosChanged(form) {
    save(form);
    updateAddress();
    renderScenarios(form);
  }

  function keepScenario(form) {
    if (form.calc.scenarios.length >= MAX_SCENARIOS) return;
    const input = $(form, "[data-scenario-name]");
    const name = input.value.trim().replaceAll("|", "/") || `Scenario ${form.calc.scenarios.length + 1}`;
    form.calc.scenarios.push({ name, values: changedValues(form) });
    input.value = "";
    scenariosChanged(form);
    note(form, `Kept “${name}”.`);
  }

  // --- wiring one widget ------------------------------------------------------------------------
  function mount(form, params) {
    if (form.calc) return;
    form.calc = {
      overrides: {}, shown: {}, live: false, ticket: 0, scenarioTicket: 0, scenarios: [],
      shared: false, announced: "", compare: Boolean($(form, "[data-compare]")),
    };
    form.calc.shown = readValues(form); // what the build computed: the starting values

    const names = new Set(controls(form).map((el) => el.name));
    const linked = { values: {}, scenarios: [] };
    for (const [key, value] of params) {
      if (names.has(key)) linked.values[key] = value;
      else if (form.calc.compare && /^s[1-3]$/.test(key)) linked.scenarios.push(decodeScenario(value));
    }
    const own = loadOwn(form);
    const fromLink = Object.keys(linked.values).length > 0;
    if (fromLink || linked.scenarios.length) {
      // A link carries the values it names; free text it could not carry is still the reader's.
      apply(form, {
        values: { ...storage.load("text", form.dataset.calc, {}), ...linked.values },
        scenarios: linked.scenarios.length ? linked.scenarios : own.scenarios,
      });
      if ((fromLink && form.hasAttribute("data-remember")) || linked.scenarios.length) {
        form.calc.shared = true;
        offerShared(form, own);
      }
      const v = params.get("v");
      if (v !== null && v !== form.dataset.schema) {
        notice(form, "version", "This link was made by another version of this page; its values are shown where they still apply.");
      }
    } else {
      apply(form, own);
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => {
      const name = event.target.name;
      if (!name || event.target.dataset.default === undefined) return;
      delete form.calc.overrides[name];
      notice(form, "undo");
      changed(form, [name]);
    });
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button && button.closest("form") === form) act(form, button);
    });

    const onRuntime = (state) => {
      if (!form.isConnected) {
        runtime.listeners.delete(onRuntime);
      } else if (state === "ready") {
        compute(form); // the first answer, or again after a restart
      } else {
        setState(form, state);
        if (state === "error") announce(form, $(form, "[data-status]").textContent, true);
      }
    };
    runtime.listeners.add(onRuntime);
    runtime.start();
    if (runtime.state === "ready") compute(form);
    else setState(form, runtime.state);
    renderScenarios(form);
  }

  // After fields of `form` changed: other widgets on the page that share a field (labeling and ROI
  // both count pairs) follow; answers are kept; the address bar follows; all recompute.
  function changed(form, names) {
    const values = readValues(form);
    for (const other of document.querySelectorAll("form[data-calc]")) {
      if (other === form || !other.calc) continue;
      const shared = names.filter((name) => controls(other).some((el) => el.name === name));
      if (!shared.length) continue;
      for (const name of shared) writeValue(other, name, values[name] ?? "");
      save(other);
      compute(other, { spoken: false });
    }
    save(form);
    updateAddress();
    compute(form, { spoken: true });
  }

  function note(form, text) {
    $(form, "[data-action-note]").textContent = text;
    announce(form, text, true);
  }

  async function act(form, button) {
    const action = button.dataset.action;
    if (action === "retry") {
      runtime.retry();
    } else if (action === "reset") {
      const before = { values: changedValues(form), scenarios: form.calc.scenarios };
      apply(form, { values: {}, scenarios: form.calc.scenarios });
      changed(form, Object.keys(defaults(form)));
      if (Object.keys(before.values).length) {
        notice(form, "undo", "Reset to the example values.", [["Undo", () => {
          apply(form, before);
          changed(form, Object.keys(defaults(form)));
        }]]);
      }
    } else if (action === "example") {
      const values = JSON.parse(button.dataset.values);
      for (const [name, value] of Object.entries(values)) writeValue(form, name, value);
      changed(form, Object.keys(values));
    } else if (action === "keep-scenario") {
      keepScenario(form);
    } else if (action === "download") {
      const text = $(form, `output[name="${CSS.escape(button.dataset.target)}"]`).value;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      link.download = button.dataset.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    } else if (action === "copy-link") {
      const { href, left } = shareLink();
      const missing = left.length
        ? ` It leaves out ${left.join(", ")}: too long for a link (2,000 characters at most); ${
          left.length > 1 ? "they stay" : "it stays"} in this browser.`
        : "";
      await copy(form, href, `Link copied.${missing}`, `Copy this link: ${href}${missing}`);
    } else if (action === "copy") {
      const text = $(form, `output[name="${CSS.escape(button.dataset.target)}"]`).value;
      await copy(form, text, "Copied to the clipboard.", "Copying was blocked; select the text and copy it.");
    }
  }

  async function copy(form, text, done, blocked) {
    try {
      await navigator.clipboard.writeText(text);
      note(form, done);
    } catch {
      note(form, blocked);
    }
  }

  // --- task-list checklists that remember their ticks (the operations checklist) ---------------
  const boxesOf = (list) => [...list.querySelectorAll('input[type="checkbox"]')];

  function showTicks(list) {
    const ticked = new Set(storage.load("list", list.dataset.rememberList, []));
    boxesOf(list).forEach((box, index) => { box.checked = ticked.has(index); });
  }

  function saveTicks(list) {
    storage.save("list", list.dataset.rememberList, boxesOf(list).flatMap((b, i) => (b.checked ? [i] : [])));
  }

  function mountChecklists() {
    for (const list of document.querySelectorAll("[data-remember-list]")) {
      if (list.calcMounted) continue;
      list.calcMounted = true;
      for (const box of boxesOf(list)) {
        box.disabled = false;
        // The box's name is its item's text, which Material's markup leaves outside the <label>.
        box.setAttribute("aria-label", box.closest("li").textContent.trim());
      }
      showTicks(list);
      list.addEventListener("change", () => saveTicks(list));
      addClear(list);
    }
  }

  function addClear(list) {
    const boxes = boxesOf(list);
    const bar = document.createElement("p");
    bar.className = "calc-list-actions";
    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = "Clear all ticks";
    const said = document.createElement("span");
    said.setAttribute("role", "status");
    clear.addEventListener("click", () => {
      const before = boxes.map((b) => b.checked);
      if (!before.some(Boolean)) return;
      boxes.forEach((b) => { b.checked = false; });
      saveTicks(list);
      said.textContent = "All ticks cleared. ";
      const undo = document.createElement("button");
      undo.type = "button";
      undo.className = "md-button";
      undo.textContent = "Undo";
      undo.addEventListener("click", () => {
        boxes.forEach((b, i) => { b.checked = before[i]; });
        saveTicks(list);
        said.textContent = "Ticks restored.";
        clear.focus();
      });
      said.append(undo);
    });
    bar.append(clear, " ", said);
    list.after(bar);
  }

  function mountAll() {
    const params = new URL(location.href).searchParams; // read once: mounting rewrites the address
    const forms = [...document.querySelectorAll("form[data-calc]")];
    for (const form of forms) mount(form, params);
    if (forms.length) updateAddress();
    mountChecklists();
  }

  // --- offline copy and updates: the service worker (docs/sw.js) ---------------------------------
  // A published build marks every page <meta name="calc-offline" content="BYTES"> (BYTES: what the
  // Python runtime weighs); `make serve` does not, so no worker ever answers for a preview.
  const OFFLINE_MARK = document.querySelector('meta[name="calc-offline"]');
  const canKeep = Boolean(OFFLINE_MARK) && "serviceWorker" in navigator && window.isSecureContext &&
    location.protocol !== "file:"; // a saved page: no worker can be registered there
  const saveData = Boolean(navigator.connection && navigator.connection.saveData);
  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  let registering = null;

  function register() {
    registering ||= navigator.serviceWorker.register(new URL("sw.js", SITE), {
      scope: SITE.pathname,
      updateViaCache: "none", // sw.js is checked with the server on every update check
    }).then((registration) => {
      watchUpdates(registration);
      return registration;
    }, (error) => {
      registering = null; // refused this time; "Try again" asks again
      throw error;
    });
    return registering;
  }

  // The worker a registration will answer with once it has installed (or why it cannot).
  function settled(registration) {
    const worker = registration.waiting || registration.active || registration.installing;
    if (!worker) return Promise.reject(new Error("the offline copy could not be set up"));
    if (worker.state !== "installing") return Promise.resolve(worker);
    return new Promise((resolve, reject) => {
      worker.addEventListener("statechange", () => {
        if (worker.state === "redundant") reject(new Error("the offline copy could not be set up"));
        else if (worker.state !== "installing") resolve(worker);
      });
    });
  }

  function ask(worker, message, listen) {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => listen(data);
    worker.postMessage(message, [channel.port2]);
  }

  // A new version installed while this page shows the old one: offer it, never mix them. Every
  // tab of the site reloads when the reader accepts (see controllerchange below).
  function offerUpdate(registration) {
    if (!registration.waiting || !navigator.serviceWorker.controller) return;
    if (document.querySelector(".calc-update")) return;
    const box = document.createElement("div");
    box.className = "calc-update";
    box.setAttribute("role", "status");
    document.body.append(box); // filled once in the document, so screen readers announce it
    const text = document.createElement("span");
    text.textContent = "Updated: this site has a new version.";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.addEventListener("click", () => {
      button.disabled = true;
      if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
      else location.reload();
    });
    box.append(text, " ", button);
  }

  function watchUpdates(registration) {
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed") offerUpdate(registration);
      });
    });
    // Instant navigation changes pages without loading them: each change is checked too.
    const check = () => {
      if (navigator.onLine && !registration.installing) registration.update().catch(() => {});
      offerUpdate(registration);
    };
    if (window.document$) window.document$.subscribe(check); // replays the current page
    else check();
  }

  // Resolves once the Python runtime's state passes `test` (at once if it already does).
  function runtimeReaches(test) {
    return new Promise((resolve) => {
      const wait = (state) => {
        if (!test(state)) return;
        runtime.listeners.delete(wait);
        resolve();
      };
      if (test(runtime.state)) resolve();
      else runtime.listeners.add(wait);
    });
  }

  // A page the worker does not control yet (the first visit) loaded the runtime itself: once
  // Python is ready, the worker keeps what the HTTP cache holds of it (never downloading it twice).
  function keepRuntimeAfterFirstUse(registration) {
    if (navigator.serviceWorker.controller) return;
    runtimeReaches((state) => state === "ready")
      .then(() => settled(registration))
      .then((worker) => worker.postMessage({ type: "first-use" }), () => {});
  }

  // "Keep available offline" on calculator pages: everything the site needs offline at once, with
  // its size and progress. Pages, styles and search are normally kept already and Python after its
  // first use; with Save-Data on, this control is the only thing that downloads for offline use.
  function keepControl(box, state, detail = {}) {
    const [button, bar, amount, note] = box.children;
    box.dataset.offline = state;
    button.hidden = state === "kept";
    button.disabled = state === "working";
    bar.hidden = state !== "working" || !detail.total;
    amount.textContent = state === "working" && detail.total
      ? `${megabytes(detail.done)} of ${megabytes(detail.total)}` : "";
    if (detail.total) {
      bar.max = detail.total;
      bar.value = detail.done;
    }
    if (state === "offer") button.textContent = `Keep available offline (${megabytes(detail.bytes)})`;
    if (state === "failed") button.textContent = "Try again";
    // A status region: it speaks when the state changes, not at every downloaded chunk.
    note.textContent = {
      offer: "Downloads the pages, Python and the calculators once, so they work without a connection in this browser.",
      working: "Downloading the site for offline use…",
      kept: "Available offline: the pages and calculators of this site work without a connection in this browser.",
      failed: `Could not keep the calculators offline (${detail.message}).`,
    }[state];
  }

  async function keepOffline(box) {
    keepControl(box, "working");
    try {
      const worker = await settled(await register());
      ask(worker, { type: "keep" }, (answer) => {
        if (answer.type === "progress") keepControl(box, "working", answer);
        else if (answer.type === "kept") keepControl(box, "kept");
        else if (answer.type === "failed") keepControl(box, "failed", answer);
      });
    } catch (error) {
      keepControl(box, "failed", { message: error.message || "the browser refused" });
    }
  }

  function mountKeep(registered) {
    const form = document.querySelector("form[data-calc]");
    if (!form || document.querySelector(".calc-offline")) return;
    const box = document.createElement("div");
    box.className = "calc-offline";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.addEventListener("click", () => keepOffline(box));
    const note = document.createElement("span");
    note.setAttribute("role", "status");
    box.append(button, document.createElement("progress"), document.createElement("span"), note);
    keepControl(box, "offer", { bytes: Number(OFFLINE_MARK.content) });
    form.after(box);
    registered.then((registration) => registration && settled(registration)).then((worker) => {
      if (!worker) return;
      ask(worker, { type: "status" }, (answer) => {
        if (!box.isConnected || box.dataset.offline !== "offer") return;
        if (answer.keeping) keepOffline(box); // follow a download another tab started
        else if (answer.missing === 0) keepControl(box, "kept");
        else keepControl(box, "offer", { bytes: answer.missing });
      });
    }).catch(() => {});
  }

  if (canKeep) {
    const hadController = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (hadController) location.reload(); // the reader accepted a new version, here or in another tab
    });
    // Registering after the page (and Python, if it is booting) has loaded keeps the worker's
    // downloads from competing with the page's. With Save-Data on, nothing is downloaded for
    // offline use until the reader asks, but a copy the reader already keeps stays up to date.
    const loaded = document.readyState === "complete"
      ? Promise.resolve() : new Promise((resolve) => window.addEventListener("load", resolve));
    const registered = loaded.then(async () => {
      const existing = await navigator.serviceWorker.getRegistration(SITE.href);
      if (saveData && !(existing && existing.scope === SITE.href)) return null;
      await runtimeReaches((state) => state !== "loading");
      const registration = await register();
      keepRuntimeAfterFirstUse(registration);
      return registration;
    }).catch(() => null); // refused: private browsing, or blocked by the browser or a test
    const mount = () => mountKeep(registered);
    if (window.document$) window.document$.subscribe(mount);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
    else mount();
  }

  // Material re-renders the page on instant navigation and announces it on document$; a page
  // opened from disk never emits there, so DOMContentLoaded mounts too. mount() is idempotent.
  if (window.document$) window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
