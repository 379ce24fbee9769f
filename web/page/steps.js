// Numbers first: each input's answer comes in two steps, the numbers (what the reader waits
// for) and then the charts (tornado, chart, scenario table), which take as long again to make
// and to draw. Every input gets the next sequence number, and the two steps keep two rules:
// - numbers are shown only for the latest input (an older one that answers late shows nothing);
// - charts are asked for once the numbers have been on screen for a moment (`pause`), and only
//   if they still are: while the reader types on, Python makes no charts nobody will see, and
//   the next keystroke's numbers never wait behind them;
// - charts are drawn only for the input whose numbers are on screen, so a late chart never
//   lands beside newer numbers, and the charts say they are updating from the moment the numbers
//   move ahead of them until their own step arrives.
// No DOM here: the widget passes what to ask and how to show it (Node tests pass fakes).

/**
 * @template N, C
 * @typedef {object} Input one input's two steps
 * @property {() => Promise<N>} numbers asks for the numbers
 * @property {(numbers: N) => boolean} show shows them; false: not shown (rejected inputs keep
 *   the results on screen, whose charts may still be on their way)
 * @property {() => Promise<C>} charts asks for the charts, once the numbers are shown
 * @property {(charts: C) => void} draw draws them
 */

export class Steps {
  /**
   * @param {(updating: boolean) => void} updating marks the charts as updating, or not
   * @param {() => Promise<void>} pause between showing the numbers and asking for the charts
   */
  constructor(updating, pause) {
    this.updating = updating;
    this.pause = pause;
    this.asked = 0; // the latest input
    this.shown = 0; // the input the numbers on screen are for
    this.drawn = 0; // the input the charts on screen are for
  }

  /**
   * Runs one input's steps. Rejects with what a step's request rejected with, for the latest
   * input only: a failure of an input already replaced changes nothing on screen.
   * @template N, C @param {Input<N, C>} input
   */
  async run({ numbers, show, charts, draw }) {
    const seq = ++this.asked;
    try {
      const answer = await numbers();
      if (seq !== this.asked || !show(answer)) return;
      this.shown = seq;
      this.updating(true);
      await this.pause();
      if (seq !== this.shown) return; // newer numbers are on screen; their charts will follow
      const drawn = await charts();
      if (seq !== this.shown) return;
      draw(drawn);
      this.drawn = seq;
      this.updating(false);
    } catch (error) {
      if (seq === this.asked) throw error;
    }
  }
}
