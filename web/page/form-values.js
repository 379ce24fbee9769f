// Reading and writing a widget's form: no state of its own. A value a control cannot show (a
// choice a link misspelt) is an "override": kept by the widget and still sent, so Python can
// name the problem at its field.

/** @typedef {import("../shared/protocol.js").Values} Values */
/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */

/**
 * The one element `selector` finds in `scope`; the DOM contract guarantees it is there.
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} scope @param {string} selector @returns {T}
 */
export const $ = (scope, selector) => /** @type {T} */ (scope.querySelector(selector));

/** @param {HTMLFormElement} form @returns {Control[]} */
export const controls = (form) =>
  /** @type {Control[]} */ ([...form.elements]).filter((el) => el.name && el.dataset.default !== undefined);

/** @param {HTMLElement} scope */
export const fieldNames = (scope) => (scope.dataset.fields || "").split(" ").filter(Boolean);

/** The form and the calculators it also feeds, each with its own data-calc and data-fields. */
export const scopes = (/** @type {HTMLFormElement} */ form) =>
  [form, ...form.querySelectorAll("fieldset[data-calc]")].map((el) => /** @type {HTMLElement} */ (el));

/** @param {HTMLFormElement} form @param {string} name what a reader calls a field */
export function labelOf(form, name) {
  const el = controls(form).find((c) => c.name === name);
  const label = el && (el.type === "radio" ? el.closest("fieldset")?.querySelector("legend") : el.labels?.[0]);
  return label ? (label.firstChild?.textContent ?? "").trim() : name;
}

/** @param {HTMLFormElement} form @param {Values} overrides @returns {Values} */
export function readValues(form, overrides) {
  /** @type {Values} */
  const values = {};
  for (const el of controls(form)) {
    if (el.type === "radio") {
      if (/** @type {HTMLInputElement} */ (el).checked && el.value !== "") values[el.name] = el.value;
    } else if (!(el.name in values)) {
      values[el.name] = el.value;
    }
  }
  return { ...values, ...overrides };
}

/** @param {HTMLFormElement} form @returns {Values} */
export function defaults(form) {
  /** @type {Values} */
  const values = {};
  for (const el of controls(form)) if (!(el.name in values)) values[el.name] = el.dataset.default ?? "";
  return values;
}

/**
 * Show `value` in the field's controls; updates `overrides` with it when no control can.
 * @param {HTMLFormElement} form @param {Values} overrides @param {string} name @param {string} value
 */
export function writeValue(form, overrides, name, value) {
  let taken = false;
  for (const el of controls(form).filter((c) => c.name === name)) {
    if (el instanceof HTMLInputElement && el.type === "radio") {
      el.checked = el.value === value;
      taken ||= el.checked || (value === "" && el.value === "");
    } else if (el instanceof HTMLSelectElement) {
      taken = [...el.options].some((o) => o.value === value);
      if (taken) el.value = value;
    } else {
      el.value = value;
      taken = true;
    }
  }
  if (taken) delete overrides[name];
  else overrides[name] = value;
}

/** The values that differ from the defaults. @param {HTMLFormElement} form @param {Values} overrides */
export function changedValues(form, overrides) {
  const base = defaults(form);
  const values = readValues(form, overrides);
  /** @type {Values} */
  const changed = {};
  for (const name of Object.keys(base)) {
    const value = values[name] ?? "";
    if (value !== base[name]) changed[name] = value;
  }
  return changed;
}

/** @param {Values} values @param {string[]} names @returns {Values} */
export const pick = (values, names) => Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]]));

/** @param {Values} a @param {Values} b */
export const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
