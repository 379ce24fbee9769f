// The widgets mounted on the current page. Material's instant navigation replaces the page's
// forms; a form's widget is forgotten with its form.

/** @typedef {import("./widget.js").Widget} Widget */

/** @type {WeakMap<Element, Widget>} */
const byForm = new WeakMap();

/** @param {Element} form */
export const widgetOf = (form) => byForm.get(form);

/** @param {Widget} widget */
export const add = (widget) => byForm.set(widget.form, widget);

/** Every widget of the page on screen, in document order. @returns {Widget[]} */
export const mounted = () =>
  [...document.querySelectorAll("form[data-calc]")].flatMap((form) => byForm.get(form) ?? []);
