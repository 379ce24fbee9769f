// What the page glue uses beyond TypeScript's DOM library.

interface Window {
  /** Material for MkDocs: emits each page, on load and on every instant navigation. */
  document$?: { subscribe(next: () => void): unknown };
  /** The calc worker boot.js started from the head, until the page glue takes it over (null). */
  calcEarlyWorker?: import("./runtime.js").WorkerLike | null;
}

interface Navigator {
  /** The Network Information API (Chromium): the reader's Save-Data setting. */
  connection?: { saveData?: boolean };
}
