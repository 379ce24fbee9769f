// What Material for MkDocs 9.8 leaves out for keyboard and screen-reader users (issue 10):
// - names for the search dialog and the instant-navigation progress bar (from its templates) and
//   for the link inside each code annotation marker (built at run time);
// - a keyboard stop for a box that scrolls sideways (a wide table, a diagram on a phone, a code
//   block with long lines), while it scrolls, so its hidden part can be reached without a mouse.
//   Chromium makes such boxes focusable itself; Firefox and Safari do not (axe in Firefox found
//   an unreachable code block on cost/ at 1366 px).
// Done here rather than in copies of Material's templates. An observer, not Material's document$,
// because annotations and table wrappers are built after this script runs and on every page change.
(() => {
  const NAMES = [
    ['.md-search[role="dialog"]', "Search"],
    ['.md-progress[role="progressbar"]', "Loading page"],
  ];
  const SCROLLERS = ".md-content :is(.md-typeset__scrollwrap, .diagram__svg, pre > code)";

  const sized = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.scrollWidth > target.clientWidth) target.tabIndex = 0;
      else target.removeAttribute("tabindex");
    }
  });
  const watched = new WeakSet();

  const fix = () => {
    for (const [selector, label] of NAMES) {
      for (const el of document.querySelectorAll(`${selector}:not([aria-label])`)) {
        el.setAttribute("aria-label", label);
      }
    }
    for (const link of document.querySelectorAll(".md-annotation__index:not([aria-label])")) {
      const id = link.querySelector("[data-md-annotation-id]")?.dataset.mdAnnotationId;
      if (id) link.setAttribute("aria-label", `Annotation ${id}`);
    }
    for (const box of document.querySelectorAll(SCROLLERS)) {
      if (!watched.has(box)) {
        watched.add(box);
        sized.observe(box);
      }
    }
  };

  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
