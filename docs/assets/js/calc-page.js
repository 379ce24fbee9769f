// Page glue for every calculator widget (form[data-calc]) — generic: it knows no calculator.
// The build already rendered each widget with its results; this file makes it live: it boots one
// Python worker per tab, sends the form's values, writes calc's display strings back, keeps the
// inputs in the address bar, and survives Material's instant navigation.
(() => {
  "use strict";
  const ASSETS = new URL("..", document.currentScript.src); // …/assets/
  const SITE = new URL("..", ASSETS); // the site root, where sw.js lives
  const VERSION = "1";
  const STORE = "calc:";
  const MAX_URL = 2000;

  // Remembering answers is a convenience: blocked or full storage must never break a widget.
  const storage = {
    load(key, fallback) {
      try {
        return JSON.parse(localStorage.getItem(STORE + key)) ?? fallback;
      } catch {
        return fallback;
      }
    },
    save(key, value) {
      try {
        localStorage.setItem(STORE + key, JSON.stringify(value));
      } catch { /* not remembered */ }
    },
  };

  // --- one worker per tab, booted on the first page that has a widget ---------------------------
  let runtime = null;
  const listeners = new Set(); // forms waiting to hear about boot progress
  let bootState = { state: "idle", message: "" };

  function announce(state, message) {
    bootState = { state, message };
    for (const notify of listeners) notify(bootState);
  }

  function boot() {
    if (runtime) return runtime;
    runtime = new Promise((resolve, reject) => {
      if (location.protocol === "file:") {
        reject(new Error("live recalculation needs the site served over http(s), not opened as a file"));
        return;
      }
      let worker;
      try {
        worker = new Worker(new URL("js/calc-worker.js", ASSETS), { type: "module" });
      } catch (error) {
        reject(error);
        return;
      }
      const pending = new Map();
      let nextId = 0;
      const call = (name, inputs) => new Promise((done, fail) => {
        const id = ++nextId;
        pending.set(id, { done, fail });
        worker.postMessage({ id, name, inputs });
      });
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") announce("loading", data.message);
        else if (data.type === "ready") resolve(call);
        else if (data.type === "failed") reject(new Error(data.message));
        else if (data.type === "answer") {
          const task = pending.get(data.id);
          pending.delete(data.id);
          if (data.error) task.fail(new Error(data.error));
          else task.done(JSON.parse(data.json));
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "the Python worker could not start"));
      };
    });
    runtime.then(() => announce("ready", ""), (error) => announce("error", error.message));
    announce("loading", "Starting Python…");
    return runtime;
  }

  // --- URL state: ?v=1&key=value, sorted, only values that differ from the defaults -------------
  function controls(form) {
    return [...form.elements].filter((el) => el.name && el.dataset.default !== undefined);
  }

  function fieldNames(scope) {
    return (scope.dataset.fields || "").split(" ").filter(Boolean);
  }

  function readValues(form) {
    const values = {};
    for (const el of controls(form)) {
      if (el.type === "radio") {
        if (el.checked && el.value !== "") values[el.name] = el.value;
      } else if (!(el.name in values)) {
        values[el.name] = el.value;
      }
    }
    return values;
  }

  function writeValue(form, name, value) {
    let taken = false;
    for (const el of controls(form).filter((c) => c.name === name)) {
      if (el.type === "radio") {
        el.checked = el.value === value;
        taken ||= el.checked;
      } else if (el.tagName === "SELECT") {
        taken = [...el.options].some((o) => o.value === value);
        if (taken) el.value = value;
      } else {
        el.value = value;
        taken = true;
      }
    }
    return taken;
  }

  function defaults(form) {
    const values = {};
    for (const el of controls(form)) if (!(el.name in values)) values[el.name] = el.dataset.default;
    return values;
  }

  function changedValues(form) {
    const base = defaults(form);
    const values = readValues(form);
    const changed = {};
    for (const name of Object.keys(base)) {
      const value = values[name] ?? "";
      if (value !== base[name]) changed[name] = value;
    }
    for (const [name, value] of Object.entries(form.calcOverrides || {})) changed[name] = value;
    return changed;
  }

  function shareUrl() {
    const params = {};
    for (const form of document.querySelectorAll("form[data-calc]")) Object.assign(params, changedValues(form));
    const url = new URL(location.href);
    const keys = Object.keys(params).sort();
    // A link must stay under MAX_URL characters: the longest values (typically pasted junk or
    // long free text) are left out first; the widget itself still shows them.
    for (;;) {
      url.search = "";
      if (keys.length) url.searchParams.set("v", VERSION);
      for (const key of keys) url.searchParams.set(key, params[key]);
      if (url.href.length <= MAX_URL || !keys.length) return url.href;
      const longest = keys.reduce((a, b) => (encodeURIComponent(params[b]).length > encodeURIComponent(params[a]).length ? b : a));
      keys.splice(keys.indexOf(longest), 1);
    }
  }

  // --- computing and showing --------------------------------------------------------------------
  function setState(form, state, message) {
    form.dataset.state = state;
    const status = form.querySelector("[data-status]");
    const progress = form.querySelector(".calc-status progress");
    if (message !== undefined && status) status.textContent = message;
    if (progress) progress.hidden = state !== "loading";
  }

  function showProblems(form, problems) {
    for (const p of form.querySelectorAll("[data-problem]")) {
      p.hidden = true;
      p.textContent = "";
    }
    for (const el of controls(form)) el.removeAttribute("aria-invalid");
    for (const problem of problems) {
      const field = problem.field || "";
      const slot = form.querySelector(`[data-problem="${CSS.escape(field)}"]`) ||
        form.querySelector('[data-problem=""]');
      slot.textContent = slot.hidden ? problem.message : `${slot.textContent} ${problem.message}`;
      slot.hidden = false;
      for (const el of controls(form)) if (el.name === field) el.setAttribute("aria-invalid", "true");
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
    // Markup that calc generated from numbers only (the ROI chart); never reader text.
    for (const [key, html] of Object.entries(answer.html || {})) {
      const slot = scope.querySelector(`[data-html="${CSS.escape(key)}"]`);
      if (slot) slot.innerHTML = html;
    }
  }

  function scopes(form) {
    return [form, ...form.querySelectorAll("fieldset[data-calc]")];
  }

  async function compute(form) {
    const ticket = (form.calcTicket = (form.calcTicket || 0) + 1);
    let run;
    try {
      run = await boot();
    } catch {
      showBootError(form);
      return;
    }
    const values = { ...readValues(form), ...(form.calcOverrides || {}) };
    const answers = await Promise.all(scopes(form).map((scope) => {
      const inputs = {};
      for (const name of fieldNames(scope)) if (name in values) inputs[name] = values[name];
      return run(scope.dataset.calc, inputs).then((answer) => [scope, answer]);
    })).catch((error) => {
      setState(form, "error", `The calculator failed: ${error.message}. The results below may be out of date.`);
      return null;
    });
    if (!answers || ticket !== form.calcTicket) return; // a newer change is already on its way
    const problems = answers.flatMap(([, answer]) => (answer.ok ? [] : answer.problems));
    // Both calculators of one form see the same fields, so keep one message per field.
    const unique = [...new Map(problems.map((p) => [`${p.field}|${p.message}`, p])).values()];
    showProblems(form, unique);
    for (const [scope, answer] of answers) if (answer.ok) showAnswer(scope, answer);
    if (unique.length) {
      setState(form, "invalid", "Some inputs need fixing; the results below are for the last valid inputs.");
    } else {
      setState(form, "ready", "Live: results update as you type.");
    }
  }

  function remember(form) {
    if (form.hasAttribute("data-remember")) {
      storage.save(form.dataset.calc, changedValues(form));
    }
  }

  // --- wiring one widget -------------------------------------------------------------------------
  function mount(form) {
    if (form.calcMounted) return;
    form.calcMounted = true;
    form.calcOverrides = {};
    const params = new URL(location.href).searchParams;
    const names = new Set(controls(form).map((el) => el.name));
    const fromUrl = [...params.keys()].filter((key) => names.has(key));
    let initial = {};
    if (fromUrl.length) {
      for (const key of fromUrl) initial[key] = params.get(key);
    } else if (form.hasAttribute("data-remember")) {
      initial = storage.load(form.dataset.calc, {});
    }
    for (const [name, value] of Object.entries(initial)) {
      if (names.has(name) && !writeValue(form, name, String(value))) form.calcOverrides[name] = String(value);
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => {
      const name = event.target.name;
      if (!name) return;
      delete form.calcOverrides[name];
      changed(form, [name]);
    });
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button) act(form, button);
    });

    const onBoot = ({ state, message }) => {
      if (!form.isConnected) {
        listeners.delete(onBoot);
      } else if (state === "loading") {
        setState(form, "loading", `${message} The results below were computed when this page was built.`);
      } else if (state === "error") {
        showBootError(form);
      }
    };
    listeners.add(onBoot);
    if (bootState.state !== "idle" && bootState.state !== "ready") onBoot(bootState);
    compute(form);
  }

  function showBootError(form) {
    const stale = Object.keys(changedValues(form)).length
      ? " They are for the chapter's example, not for the inputs shown."
      : "";
    setState(form, "error", `Live recalculation is unavailable (${bootState.message}). The results below were computed when this page was built.${stale}`);
  }

  // After fields of `form` changed: widgets on the page that share a field (labeling and ROI
  // both count pairs) follow, answers are remembered, the address bar is updated, all recompute.
  function changed(form, names) {
    const values = readValues(form);
    for (const other of document.querySelectorAll("form[data-calc]")) {
      const shared = names.filter((name) => other !== form && controls(other).some((el) => el.name === name));
      if (!shared.length) continue;
      for (const name of shared) writeValue(other, name, values[name] ?? "");
      remember(other);
      compute(other);
    }
    remember(form);
    history.replaceState(history.state, "", shareUrl());
    compute(form);
  }

  async function act(form, button) {
    const action = button.dataset.action;
    const status = form.querySelector("[data-status]");
    if (action === "reset") {
      form.calcOverrides = {};
      const base = defaults(form);
      for (const [name, value] of Object.entries(base)) writeValue(form, name, value);
      changed(form, Object.keys(base));
      return;
    }
    const text = action === "copy-link"
      ? shareUrl()
      : form.querySelector(`output[name="${CSS.escape(button.dataset.target)}"]`).value;
    if (action === "download") {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      link.download = button.dataset.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = action === "copy-link" ? "Link copied to the clipboard." : "Copied to the clipboard.";
    } catch {
      status.textContent = action === "copy-link" ? `Copy this link: ${text}` : "Copying was blocked; select the text and copy it.";
    }
  }

  // --- task-list checklists that remember their ticks (the operations checklist) ---------------
  function mountChecklists() {
    for (const list of document.querySelectorAll("[data-remember-list]")) {
      const key = "list:" + list.dataset.rememberList;
      const ticked = new Set(storage.load(key, []));
      list.querySelectorAll('input[type="checkbox"]').forEach((box, index) => {
        if (box.calcMounted) return;
        box.calcMounted = true;
        box.disabled = false;
        box.checked = ticked.has(index);
        box.addEventListener("change", () => {
          if (box.checked) ticked.add(index); else ticked.delete(index);
          storage.save(key, [...ticked].sort((a, b) => a - b));
        });
      });
    }
  }

  function mountAll() {
    document.querySelectorAll("form[data-calc]").forEach(mount);
    mountChecklists();
  }

  // The service worker precaches the whole site, Python included. Registering it only after the
  // page (and Python, if it is booting) has loaded lets it copy from the HTTP cache instead of
  // downloading the runtime a second time alongside the worker.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    window.addEventListener("load", () => {
      (runtime || Promise.resolve()).catch(() => {}).finally(() => {
        navigator.serviceWorker.register(new URL("sw.js", SITE), { scope: SITE.pathname }).catch(() => {});
      });
    });
  }
  // Material re-renders the page on instant navigation and announces it on document$; a page
  // opened from disk never emits there, so DOMContentLoaded mounts too. mount() is idempotent.
  if (window.document$) window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
