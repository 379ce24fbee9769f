// Build-time stdlib for the browser (issue 18): boot the pinned Pyodide from node_modules with its
// whole stdlib, unpack calc.zip, run every calculator in every language (and with bad input), and
// write the stdlib modules that imported, compiled ahead (no docstrings, asserts or column
// positions). A boot in the browser then downloads 0.9 MB instead of 2.5 MB and compiles nothing
// of the stdlib.
//
//   node scripts/stdlib.mjs CALC_ZIP OUT_DIR      (hooks/stdlib.py runs it and caches OUT_DIR)
//
// It writes OUT_DIR/python_stdlib.zip once a second interpreter, booted with only that zip as a
// browser worker boots, gave every answer the first one gave: a module the trim missed fails the
// build, not a reader's calculator.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";

const [zipPath, outDir] = process.argv.slice(2);
if (!zipPath || !outDir) {
  console.error("usage: node scripts/stdlib.mjs CALC_ZIP OUT_DIR");
  process.exit(2);
}
const zip = readFileSync(zipPath);
const out = join(outDir, "python_stdlib.zip");

const LOCK = JSON.parse(readFileSync(new URL("../node_modules/pyodide/pyodide-lock.json", import.meta.url), "utf8"));
// What a browser worker gets (without it Emscripten takes sys.executable and os.environ["_"] from
// this script's path on the build machine), the lock file the worker passes (calc needs no
// package), and code compiled without column positions (only tracebacks show them; a quarter of
// the zip).
const BROWSER_LIKE = {
  _sysExecutable: "./this.program",
  lockFileContents: { info: LOCK.info, packages: {} },
  env: { PYTHONNODEBUGRANGES: "1" },
};

// Every calculator once in every language, and once with bad input everywhere (for what only
// its problems import): the answers, as JSON, to compare between the two interpreters.
const ANSWERS = `
import json, calc
json.dumps([
    [calc.run(name, calc.defaults(name), lang), calc.charts(name, calc.defaults(name), lang),
     calc.run(name, {field: "?" for field in calc.defaults(name)}, lang)]
    for lang in calc.LANGUAGES for name in calc.CALCULATORS
] + [calc.run("no such calculator", {})], allow_nan=False)
`;

// After ANSWERS, in the interpreter with the whole stdlib: the modules imported from it.
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
  const expected = whole.runPython(ANSWERS);
  whole.runPython(TRIM);
  writeFileSync(out, whole.FS.readFile("/tmp/python_stdlib.zip"));

  const trimmed = await loadPyodide({ ...BROWSER_LIKE, stdLibURL: out });
  unpack(trimmed);
  if (trimmed.runPython(ANSWERS) !== expected) {
    throw new Error("calc answers differently with the trimmed stdlib than with the whole one");
  }
}

// Only the message (a Python traceback, say): Node's default report would quote a line of the
// minified runtime that is megabytes long.
main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
