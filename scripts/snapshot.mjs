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
import gc, json, pathlib, random, sys, calc

def _answer(name, lang):
    return json.dumps(calc.run(name, calc.defaults(name), lang), allow_nan=False)

# Every calculator runs once in every language, so everything it imports is in the snapshot and
# warm. The worker does not unpack calc.zip after a restore: no calc module may be left to
# import from files, and the catalogues are the ones calc read at import.
_SNAPSHOT_ANSWERS = {
    (name, lang): _answer(name, lang) for lang in calc.LANGUAGES for name in calc.CALCULATORS
}
_left = {f"calc.{p.stem}" for p in pathlib.Path(calc.__file__).parent.glob("*.py")}
_left -= {"calc.__init__", "calc.__main__", *sys.modules}
assert not _left, f"not imported by running every calculator: {sorted(_left)}"
_SNAPSHOT_CALC_ZIP = ${JSON.stringify(zipSha256)}
# Every generator alive now (random's own, tempfile's, ...): found once here, as a scan of the
# heap in the browser would cost more than the restore saves.
_SNAPSHOT_RANDOMS = [o for o in gc.get_objects() if isinstance(o, random.Random)]

def _snapshot_restored(calc_zip_sha256, every=False):
    """True when this snapshot holds the calc of that calc.zip and still answers as it did at
    build time: every calculator in every language for this script, the first for the worker
    (a restore that only half works fails at once, and the reader is waiting). Reseeds first, from the reader's
    entropy: every reader would otherwise draw the numbers the build would have drawn next."""
    for generator in _SNAPSHOT_RANDOMS:
        generator.seed()
    asked = list(_SNAPSHOT_ANSWERS)[: None if every else 1]
    return calc_zip_sha256 == _SNAPSHOT_CALC_ZIP and all(
        _answer(name, lang) == _SNAPSHOT_ANSWERS[name, lang] for name, lang in asked
    )
`;

function unpack(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  // A Node Buffer is a view into a shared pool; unpackArchive needs a plain ArrayBuffer.
  const buffer = zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength);
  pyodide.unpackArchive(buffer, "zip", { extractDir: sitePackages });
}

async function main() {
  const pyodide = await loadPyodide({ ...BROWSER_LIKE, _makeSnapshot: true });
  unpack(pyodide);
  pyodide.runPython(SETUP);
  const snapshot = pyodide.makeMemorySnapshot();

  const restored = await loadPyodide({ ...BROWSER_LIKE, _loadSnapshot: snapshot });
  const check = restored.globals.get("_snapshot_restored");
  const same = check(zipSha256, true);
  check.destroy();
  if (!same) {
    throw new Error("the restored snapshot does not answer as the interpreter it was made from");
  }
  const draw = "import random; random.random()";
  if (restored.runPython(draw) === pyodide.runPython(draw)) {
    throw new Error("the restored snapshot draws the build's random numbers: reseed each generator");
  }

  writeFileSync(outPath, gzipSync(snapshot));
}

// Only the message (a Python traceback, say): Node's default report would quote a line of the
// minified runtime that is megabytes long.
main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
