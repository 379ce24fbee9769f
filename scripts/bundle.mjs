// The browser code, from the ES modules in web/ to the two scripts the site loads, written into
// a built site (hooks/site_build.py runs this after either builder has written the HTML):
// - assets/js/calc-page.js: the page glue as one classic script (an IIFE), because a saved copy
//   of a page (file://) does not run module scripts, and the widgets must still mount there;
// - assets/js/calc-boot.js: the head's script on pages with a calculator, which starts the worker
//   early (classic, for the same reason);
// - assets/js/calc-worker.js: the Python worker, a module (Pyodide 314 refuses classic workers)
//   that imports the site's own copy of Pyodide at run time.
// Not minified: the site ships readable code, and gzip makes the difference small.
//
//   node scripts/bundle.mjs SITE_DIR
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/bundle.mjs SITE_DIR");
  process.exit(2);
}

// The worker's `import "pyodide"` is the copy site_build puts in assets/pyodide/ (TypeScript
// reads its types from node_modules): left as an import, at that address.
const pyodide = {
  name: "pyodide",
  setup(bundler) {
    bundler.onResolve({ filter: /^pyodide$/ }, () => ({ path: "../pyodide/pyodide.mjs", external: true }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  target: "es2022",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
};
// A classic script is sloppy unless it says otherwise; the modules were written strict.
await build({ ...common, entryPoints: ["web/page/boot.js"], format: "iife", banner: { js: "\"use strict\";" }, outfile: `${out}/assets/js/calc-boot.js` });
await build({ ...common, entryPoints: ["web/page/main.js"], format: "iife", banner: { js: "\"use strict\";" }, outfile: `${out}/assets/js/calc-page.js` });
// What the worker fetches while it boots, by path under assets/, with each file's size: the total
// its progress counts towards (web/worker/downloads.js says why not Content-Length). Pyodide's
// .mjs files are imported as modules, not fetched; the build has written the others already.
const fetched = readdirSync(`${out}/assets/pyodide`).filter((name) => !name.endsWith(".mjs")).map((name) => `pyodide/${name}`);
const sizes = Object.fromEntries([...fetched, "calc.zip"].map((path) => [path, statSync(`${out}/assets/${path}`).size]));
// What a snapshot of Python depends on (web/worker/snapshots.js): a device keeps one per version.
const versioned = [
  ...readdirSync(`${out}/assets/pyodide`).map((name) => `${out}/assets/pyodide/${name}`),
  `${out}/assets/calc.zip`,
  ...readdirSync(`${root}web/worker`).filter((name) => name.endsWith(".js")).map((name) => `${root}web/worker/${name}`),
];
const version = createHash("sha256");
for (const file of versioned.sort()) version.update(createHash("sha256").update(readFileSync(file)).digest());
const define = { RUNTIME_SIZES: JSON.stringify(sizes), RUNTIME_VERSION: JSON.stringify(version.digest("hex").slice(0, 16)) };
await build({ ...common, entryPoints: ["web/worker/calc-worker.js"], format: "esm", plugins: [pyodide], define, outfile: `${out}/assets/js/calc-worker.js` });
