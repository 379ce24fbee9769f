// One Python worker per tab, with a watchdog. States: idle → loading → ready; a request that
// misses its deadline, or a worker that dies, restarts the worker once (loading again); a second
// failure is "error" until retry() ("Try again"). Requests wait while Python boots; the deadline
// only runs once a worker is ready to answer.

import { loadingText } from "./progress.js";
import { t } from "./words.js";

/** @typedef {import("../shared/protocol.js").Reply} Reply */
/** @typedef {import("../shared/protocol.js").Answer} Answer */
/** @typedef {import("../shared/protocol.js").Charts} Charts */
/** @typedef {import("../shared/protocol.js").Step} Step */
/** @typedef {import("../shared/protocol.js").Values} Values */
/** @typedef {import("../shared/protocol.js").Boot} Boot */
/** @typedef {import("./progress.js").Download} Download */
/** @typedef {"idle" | "loading" | "ready" | "error"} State */
/**
 * What the runtime needs from a Worker (tests pass a fake).
 * @typedef {{postMessage(message: import("../shared/protocol.js").Request): void, terminate(): void,
 *   onmessage: ((event: MessageEvent<Reply>) => void) | null,
 *   onerror: ((event: ErrorEvent) => void) | null}} WorkerLike
 */
/**
 * @typedef {object} Environment
 * @property {() => WorkerLike} makeWorker starts the calc worker (may throw)
 * @property {boolean} isFile a saved page (file://): no worker can load there
 * @property {() => boolean} online navigator.onLine
 * @property {(run: () => void, ms: number) => unknown} setTimeout
 * @property {(timer: unknown) => void} clearTimeout
 */
/**
 * @typedef {{name: string, inputs: Values, lang: string, step: Step, done: (json: string) => void,
 *   fail: (error: Error) => void, timer: unknown}} Task
 */

export const DEADLINE_MS = 10000; // an answer takes milliseconds; ten seconds means the worker is gone

/** A request the runtime gave up on with its worker; it is asked again once Python is back. */
export class Dropped extends Error {}

export class Runtime {
  /** @param {Environment} env */
  constructor(env) {
    this.env = env;
    /** @type {State} */
    this.state = "idle";
    this.message = "";
    /** @type {Boot | ""} how the worker started Python (a form shows it as data-boot) */
    this.boot = "";
    /** @type {Download | null} the runtime's bytes that have arrived, while it loads */
    this.download = null;
    this.restarted = false;
    /** @type {WorkerLike | null} */
    this.worker = null;
    /** @type {Map<number, Task>} */
    this.pending = new Map();
    this.nextId = 0;
    /** @type {Set<(state: State) => void>} */
    this.listeners = new Set();
  }

  /** @param {State} state */
  tell(state, message = "") {
    this.state = state;
    this.message = message;
    for (const listener of this.listeners) listener(state);
  }

  start() {
    if (this.state !== "idle") return; // an error waits for "Try again"
    if (this.env.isFile) {
      this.tell("error", t("live recalculation needs the site served over http(s), not opened as a file"));
      return;
    }
    this.download = null;
    this.tell("loading", this.restarted ? t("Restarting Python after it stopped answering…") : t("Starting Python…"));
    let worker;
    try {
      worker = this.env.makeWorker();
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.worker = worker;
    worker.onmessage = ({ data }) => {
      if (worker !== this.worker) return; // a worker we already gave up on
      // The worker's progress is an English message id (its sayStep calls): said in the page's words.
      if (data.type === "progress") this.tell("loading", this.during(t(data.message)));
      else if (data.type === "download") this.arrived(data);
      else if (data.type === "ready") {
        this.boot = data.boot;
        this.tell("ready");
        for (const [id, task] of this.pending) this.send(id, task);
      } else if (data.type === "failed") this.fail(data.message);
      else if (data.type === "answer") this.answer(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail(event.message || t("the Python worker could not start"));
    };
  }

  /** How much of the runtime has arrived, while Python loads. @param {Download} download */
  arrived(download) {
    if (this.state !== "loading") return;
    this.download = download;
    this.tell("loading", this.during(loadingText(download)));
  }

  /** A loading step as said while the runtime restarts, or as it is. @param {string} step */
  during(step) {
    return this.restarted ? t("Restarting Python after it stopped answering: {step}", { step }) : step;
  }

  /** @param {number} id @param {Task} task */
  send(id, task) {
    this.env.clearTimeout(task.timer);
    task.timer = this.env.setTimeout(() => this.fail(t("Python stopped answering")), DEADLINE_MS);
    this.worker?.postMessage({ id, name: task.name, inputs: task.inputs, lang: task.lang, step: task.step });
  }

  /** @param {Extract<Reply, {type: "answer"}>} reply */
  answer(reply) {
    const task = this.pending.get(reply.id);
    if (!task) return;
    this.env.clearTimeout(task.timer);
    this.pending.delete(reply.id);
    if ("error" in reply) task.fail(new Error(reply.error));
    else task.done(reply.json);
  }

  /**
   * The numbers: calc.run without the charts. @param {string} name @param {Values} inputs
   * @param {string} [lang] calc's language for the answer's words (the numbers are the same in
   * every language) @returns {Promise<Answer>}
   */
  call(name, inputs, lang = "en") {
    return this.ask(name, inputs, lang, "numbers");
  }

  /** The charts' markup, asked for once the numbers are shown. @param {string} name @param {Values} inputs @param {string} [lang] @returns {Promise<Charts>} */
  charts(name, inputs, lang = "en") {
    return this.ask(name, inputs, lang, "charts");
  }

  /** @template T @param {string} name @param {Values} inputs @param {string} lang @param {Step} step @returns {Promise<T>} */
  ask(name, inputs, lang, step) {
    this.start();
    if (this.state === "error") return Promise.reject(new Error(this.message));
    return new Promise((resolve, fail) => {
      const id = ++this.nextId;
      /** @type {Task} */
      const task = { name, inputs, lang, step, done: (json) => resolve(JSON.parse(json)), fail, timer: 0 };
      this.pending.set(id, task);
      if (this.state === "ready") this.send(id, task);
    });
  }

  /** @param {string} reason */
  fail(reason) {
    this.worker?.terminate();
    this.worker = null;
    const dropped = [...this.pending.values()];
    this.pending.clear();
    for (const task of dropped) {
      this.env.clearTimeout(task.timer);
      task.fail(new Dropped(reason));
    }
    if (!this.restarted) {
      this.restarted = true;
      this.state = "idle";
      this.start();
    } else {
      // Offline, the download error says nothing useful; what helps is knowing why.
      this.tell("error", this.env.online() ? reason : t("you are offline, and this browser has not kept the calculators for offline use"));
    }
  }

  retry() {
    this.restarted = false;
    this.state = "idle";
    this.start();
  }

  /**
   * Resolves once the state passes `test` (at once if it already does).
   * @param {(state: State) => boolean} test @returns {Promise<void>}
   */
  reaches(test) {
    return new Promise((resolve) => {
      /** @param {State} state */
      const wait = (state) => {
        if (!test(state)) return;
        this.listeners.delete(wait);
        resolve();
      };
      if (test(this.state)) resolve();
      else this.listeners.add(wait);
    });
  }
}
