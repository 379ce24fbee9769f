// Build-time memory snapshot of the browser's Python (issue 9): boot the pinned Pyodide from
// node_modules, unpack calc.zip, run every calculator once so their modules are imported and warm,
// then save the interpreter's memory. The worker restores it in a fraction of a plain boot.
//
//   node scripts/snapshot.mjs CALC_ZIP OUT      (hooks/snapshot.py runs it and caches OUT)
//
// OUT is gzipped and written only after a second interpreter restored the snapshot and gave the
// same answers. The snapshot API is private (underscore options): the exact Pyodide pin in
// package-lock.json and this self-check are what make it safe to ship.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";

const [zipPath, outPath] = process.argv.slice(2);
if (!zipPath || !outPath) {
  console.error("usage: node scripts/snapshot.mjs CALC_ZIP OUT");
  process.exit(2);
}
const zip = readFileSync(zipPath);
const zipSha256 = createHash("sha256").update(zip).digest("hex");

// What a browser worker gets by default. Without it Emscripten takes sys.executable and
// os.environ["_"] from this script's path on the build machine.
const BROWSER_LIKE = { _sysExecutable: "./this.program" };

// Left in __main__ for the worker (docs/assets/js/calc-worker.js), which calls
// _snapshot_restored(sha256 of the calc.zip it downloaded) once, right after restoring.
const SETUP = `
import gc, json, random, calc

def _answers():
    return json.dumps(
        {name: calc.run(name, calc.defaults(name)) for name in calc.CALCULATORS}, allow_nan=False
    )

_SNAPSHOT_CALC_ZIP = ${JSON.stringify(zipSha256)}
_SNAPSHOT_ANSWERS = _answers()
# Every generator alive now (random's own, tempfile's, ...): found once here, as a scan of the
# heap in the browser would cost more than the restore saves.
_SNAPSHOT_RANDOMS = [o for o in gc.get_objects() if isinstance(o, random.Random)]

def _snapshot_restored(calc_zip_sha256):
    """True when this snapshot holds the calc of that calc.zip and still answers as it did at
    build time. Reseeds first, from the reader's entropy: every reader would otherwise draw the
    same numbers the build would have drawn next."""
    for generator in _SNAPSHOT_RANDOMS:
        generator.seed()
    return calc_zip_sha256 == _SNAPSHOT_CALC_ZIP and _answers() == _SNAPSHOT_ANSWERS
`;

function unpack(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  // A Node Buffer is a view into a shared pool; unpackArchive needs a plain ArrayBuffer.
  const buffer = zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength);
  pyodide.unpackArchive(buffer, "zip", { extractDir: sitePackages });
}

const pyodide = await loadPyodide({ ...BROWSER_LIKE, _makeSnapshot: true });
unpack(pyodide);
pyodide.runPython(SETUP);
const snapshot = pyodide.makeMemorySnapshot();

const restored = await loadPyodide({ ...BROWSER_LIKE, _loadSnapshot: snapshot });
const check = restored.globals.get("_snapshot_restored");
const same = check(zipSha256);
check.destroy();
if (!same) {
  console.error("the restored snapshot does not answer as the interpreter it was made from");
  process.exit(1);
}
const draw = "import random; random.random()";
if (restored.runPython(draw) === pyodide.runPython(draw)) {
  console.error("the restored snapshot draws the build's random numbers: reseed every generator");
  process.exit(1);
}

writeFileSync(outPath, gzipSync(snapshot));
