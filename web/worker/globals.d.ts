// What the calc worker uses beyond TypeScript's WebWorker library.

/** Each runtime file's size in bytes, by its path under assets/: scripts/bundle.mjs writes it in
 * from the built site (esbuild's `define`). */
declare const RUNTIME_SIZES: Record<string, number>;

/** A hash of the runtime (Pyodide, the stdlib, calc.zip, the worker's sources): a snapshot of
 * Python made with another runtime is never restored (snapshots.js). From scripts/bundle.mjs. */
declare const RUNTIME_VERSION: string;
