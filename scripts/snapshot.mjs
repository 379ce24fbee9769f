// Build-time Python for the browser (issues 9 and 18): boot the pinned Pyodide from node_modules,
// unpack calc.zip, run every calculator so their modules are imported and warm, then save the
// interpreter's memory. The worker restores it in a fraction of a plain boot.
//
//   node scripts/snapshot.mjs CALC_ZIP OUT_DIR      (hooks/snapshot.py runs it and caches OUT_DIR)
//
// It writes, once a second interpreter restored the snapshot and gave the same answers:
// - python_stdlib.zip: the stdlib modules Pyodide and calc import and nothing else, compiled ahead
//   (no docstrings, asserts or column positions): a boot neither downloads the rest of the stdlib
//   nor compiles, and the snapshot holds no compiler garbage or docstrings. The snapshot is made
//   with this zip and restored with it (zipimport keeps its offsets in the heap);
// - snapshot.bin: the memory, its static data XORed out (web/worker/static-data.js); the hook
//   compresses it.
// The snapshot API is private (underscore options): the exact Pyodide pin in package-lock.json
// and this self-check are what make it safe to ship.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";
import { initialMemory, xorStaticData } from "../web/worker/static-data.js";

const [zipPath, outDir] = process.argv.slice(2);
if (!zipPath || !outDir) {
  console.error("usage: node scripts/snapshot.mjs CALC_ZIP OUT_DIR");
  process.exit(2);
}
const zip = readFileSync(zipPath);
const zipSha256 = createHash("sha256").update(zip).digest("hex");
const WASM = new URL("../node_modules/pyodide/pyodide.asm.wasm", import.meta.url);
const out = (name) => join(outDir, name);

const LOCK = JSON.parse(readFileSync(new URL("../node_modules/pyodide/pyodide-lock.json", import.meta.url), "utf8"));
// What a browser worker gets by default (without it Emscripten takes sys.executable and
// os.environ["_"] from this script's path on the build machine), the lock file the worker passes
// (calc needs no package), and code compiled without column positions: only tracebacks show them.
const BROWSER_LIKE = {
  _sysExecutable: "./this.program",
  lockFileContents: { info: LOCK.info, packages: {} },
  env: { PYTHONNODEBUGRANGES: "1" },
};

// Left in __main__ for the worker (web/worker/calc-worker.js), which calls
// _snapshot_restored(sha256 of the calc.zip it downloaded) once, right after restoring.
const SETUP = `
import gc, json, pathlib, random, sys, calc

def _answer(name, lang):
    return json.dumps(calc.run(name, calc.defaults(name), lang), allow_nan=False)

# Every calculator runs once in every language, so everything it imports is in the snapshot and
# warm, and once with bad input everywhere, for what only its problems import. The worker does
# not unpack calc.zip after a restore: no calc module may be left to import from files, and the
# catalogues are the ones calc read at import.
_SNAPSHOT_ANSWERS = {
    (name, lang): _answer(name, lang) for lang in calc.LANGUAGES for name in calc.CALCULATORS
}
for _lang in calc.LANGUAGES:
    for _name in calc.CALCULATORS:
        json.dumps(calc.run(_name, {field: "?" for field in calc.defaults(_name)}, _lang))
json.dumps(calc.run("no such calculator", {}))
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

// After SETUP, in an interpreter booted with Pyodide's whole stdlib: the modules imported from it.
const TRIM = `
import importlib._bootstrap_external as _external, sys, zipfile
_STDLIB = next(p for p in sys.path if p.endswith(".zip"))

def _trimmed_stdlib(path):
    whole = zipfile.ZipFile(_STDLIB)
    origins = {getattr(getattr(m, "__spec__", None), "origin", None) for m in list(sys.modules.values())}
    names = sorted(o.removeprefix(_STDLIB + "/") for o in origins if o and o.startswith(_STDLIB + "/"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as trimmed:
        for name in names:
            source = whole.read(name)
            code = compile(source, f"{_STDLIB}/{name}", "exec", dont_inherit=True, optimize=2)
            entry = zipfile.ZipInfo(name.removesuffix(".py") + ".pyc", (1980, 1, 1, 0, 0, 0))
            pyc = _external._code_to_timestamp_pyc(code, 0, len(source))
            trimmed.writestr(entry, pyc, zipfile.ZIP_DEFLATED)
_trimmed_stdlib("/tmp/python_stdlib.zip")
`;

function unpack(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  // A Node Buffer is a view into a shared pool; unpackArchive needs a plain ArrayBuffer.
  const buffer = zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength);
  pyodide.unpackArchive(buffer, "zip", { extractDir: sitePackages });
}

async function main() {
  const whole = await loadPyodide(BROWSER_LIKE);
  unpack(whole);
  whole.runPython(SETUP);
  whole.runPython(TRIM);
  const stdlib = { ...BROWSER_LIKE, stdLibURL: out("python_stdlib.zip") };
  writeFileSync(stdlib.stdLibURL, whole.FS.readFile("/tmp/python_stdlib.zip"));

  const pyodide = await loadPyodide({ ...stdlib, _makeSnapshot: true });
  unpack(pyodide);
  pyodide.runPython(SETUP);
  const snapshot = pyodide.makeMemorySnapshot();

  const restored = await loadPyodide({ ...stdlib, _loadSnapshot: snapshot });
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

  xorStaticData(snapshot, initialMemory(readFileSync(WASM)));
  writeFileSync(out("snapshot.bin"), snapshot);
}

// Only the message (a Python traceback, say): Node's default report would quote a line of the
// minified runtime that is megabytes long.
main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
