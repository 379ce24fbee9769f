// A worker started before anyone listens to it: what it says is held until the page glue's
// Runtime sets its handlers, then handed over in order. A Worker drops messages that arrive
// while it has no listener, and the one started from the page's head (boot.js) reports its
// progress long before the glue at the end of the body has run.

/** @typedef {import("../shared/protocol.js").Reply} Reply */
/** @typedef {import("./runtime.js").WorkerLike} WorkerLike */
/**
 * What a HeldWorker needs from a Worker (tests pass a fake).
 * @typedef {Pick<WorkerLike, "postMessage" | "terminate" | "onmessage" | "onerror">} Port
 */

/** @implements {WorkerLike} */
export class HeldWorker {
  /** @param {Port} worker */
  constructor(worker) {
    this.worker = worker;
    /** @type {(MessageEvent<Reply> | ErrorEvent)[]} */
    this.held = [];
    /** @type {WorkerLike["onmessage"]} */
    this.message = null;
    /** @type {WorkerLike["onerror"]} */
    this.error = null;
    worker.onmessage = (event) => this.deliver(event);
    worker.onerror = (event) => {
      event.preventDefault(); // reported by the Runtime, not as an uncaught error
      this.deliver(event);
    };
  }

  /** @param {MessageEvent<Reply> | ErrorEvent} event */
  deliver(event) {
    const handler = event.type === "error" ? this.error : this.message;
    if (handler) handler(/** @type {any} */ (event));
    else this.held.push(event);
  }

  get onmessage() { return this.message; }
  set onmessage(handler) {
    this.message = handler;
    this.release();
  }

  get onerror() { return this.error; }
  set onerror(handler) {
    this.error = handler;
    this.release();
  }

  /** Hands over, in order, what the handlers now set can take. */
  release() {
    const held = this.held;
    this.held = [];
    for (const event of held) this.deliver(event);
  }

  /** @param {import("../shared/protocol.js").Request} message */
  postMessage(message) { this.worker.postMessage(message); }
  terminate() { this.worker.terminate(); }
}
