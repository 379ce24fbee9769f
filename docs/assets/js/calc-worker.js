// Module worker: boots Pyodide once, unpacks calc.zip and answers {id, name, inputs} with the
// JSON string of calc.run. Only strings cross the boundary, so no Python proxy leaks into JS.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const say = (message) => postMessage({ type: "progress", message });
const fail = (error) => postMessage({ type: "failed", message: String(error && error.message || error) });

// Pyodide 314.0.7's loadPyodide never settles when the wasm download fails (pyodide#6288); the
// failure only surfaces as an unhandled rejection, so report that instead of loading forever.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fail(event.reason);
});

const ready = (async () => {
  say("Downloading and starting Python…");
  const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
  say("Loading the calculators…");
  const response = await fetch(new URL("../calc.zip", import.meta.url));
  if (!response.ok) throw new Error(`calc.zip: HTTP ${response.status}`);
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: sitePackages });
  return pyodide.runPython(
    "import json, calc\n" +
    "lambda name, inputs: json.dumps(calc.run(name, json.loads(inputs)), allow_nan=False)",
  );
})();

ready.then(() => postMessage({ type: "ready" }), fail);

onmessage = async ({ data }) => {
  try {
    const run = await ready;
    postMessage({ type: "answer", id: data.id, json: run(data.name, JSON.stringify(data.inputs)) });
  } catch (error) {
    postMessage({ type: "answer", id: data.id, error: String(error && error.message || error) });
  }
};
