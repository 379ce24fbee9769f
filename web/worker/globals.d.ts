// What the calc worker uses beyond TypeScript's WebWorker library.

/** Each runtime file's size in bytes, by its path under assets/: scripts/bundle.mjs writes it in
 * from the built site (esbuild's `define`). */
declare const RUNTIME_SIZES: Record<string, number>;
