// What Material for MkDocs 9.8 leaves out for keyboard and screen-reader users (issue 10):
// - names for the search dialog and the instant-navigation progress bar (from its templates) and
//   for the link inside each code annotation marker (built at run time);
// - a keyboard stop for a box that scrolls sideways (a wide table, a diagram on a phone, a code
//   block with long lines), while it scrolls, so its hidden part can be reached without a mouse,
//   with or without a pointer that hovers.
//   Chromium makes such boxes focusable itself; Firefox and Safari do not (axe in Firefox found
//   an unreachable code block on cost/ at 1366 px).
// - the language switch (partials/alternate.html) leads to this page in the other language, but
//   instant navigation swaps the page and not the header: its links follow the page's hreflang
//   links (which it does swap), with the numbers and the section in the address bar.
// Done here rather than in copies of Material's templates. An observer, not Material's document$,
// because annotations and table wrappers are built after this script runs and on every page change.
(() => {
  const KOREAN = document.documentElement.lang === "ko";
  const NAMES = [
    ['.md-search[role="dialog"]', KOREAN ? "검색" : "Search"],
    ['.md-progress[role="progressbar"]', KOREAN ? "페이지 불러오는 중" : "Loading page"],
  ];
  const ANNOTATION = KOREAN ? "주석" : "Annotation";
  const SCROLLERS = ".md-content :is(.md-typeset__scrollwrap, .diagram__svg, pre > code)";

  /** @param {Element} box */
  const reachable = (box) => {
    const scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls && box.getAttribute("tabindex") !== "0") box.setAttribute("tabindex", "0");
    else if (!scrolls && box.hasAttribute("tabindex")) box.removeAttribute("tabindex");
  };
  const sized = new ResizeObserver((entries) => entries.forEach((e) => reachable(e.target)));
  // Material removes a code block's tabindex on devices without hover (phones; headless
  // Firefox), after or before the size observer above has set it: put it back while it scrolls.
  const retabbed = new MutationObserver((records) => records.forEach((r) => reachable(r.target)));
  const watched = new WeakSet();

  const fix = () => {
    for (const [selector, label] of NAMES) {
      for (const el of document.querySelectorAll(`${selector}:not([aria-label])`)) {
        el.setAttribute("aria-label", label);
      }
    }
    for (const link of document.querySelectorAll(".md-annotation__index:not([aria-label])")) {
      const id = link.querySelector("[data-md-annotation-id]")?.dataset.mdAnnotationId;
      if (id) link.setAttribute("aria-label", `${ANNOTATION} ${id}`);
    }
    for (const box of document.querySelectorAll(SCROLLERS)) {
      if (!watched.has(box)) {
        watched.add(box);
        sized.observe(box);
        retabbed.observe(box, { attributeFilter: ["tabindex"] });
      }
    }
  };

  // Only on the site's own address: a saved copy keeps the links the build wrote.
  const followPage = () => {
    for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
      const page = document.querySelector(`link[hreflang="${link.hreflang}"]`);
      const url = page instanceof HTMLLinkElement ? new URL(page.href) : null;
      if (url?.origin === location.origin) {
        link.href = url.pathname + location.search + location.hash; // same sections, same anchors
      }
    }
  };
  const select = document.querySelector(".md-header .md-select"); // opens on hover or focus
  select?.addEventListener("pointerenter", followPage);
  select?.addEventListener("focusin", followPage);

  fix();
  new MutationObserver(() => {
    fix();
    followPage();
  }).observe(document.body, { childList: true, subtree: true });
})();
