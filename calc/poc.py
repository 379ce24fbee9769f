"""The PoC rule: scale up only when a small LoRA run beats the baseline by 5 points.

The chapter's rule is the +5 points. This site adds a 95 % interval for the change, read as
accuracies (%) on the same `eval_size` examples, and lets the verdict read it:

- without per-item counts, Newcombe's hybrid score interval (method 10 of his 1998 comparison
  for independent proportions): Wilson intervals for each score, combined. Unlike the Wald
  interval it never leaves −100..+100 and does not collapse to a point at 0 % or 100 %;
- with the counts of items only the PoC got right and only the baseline got right, Newcombe's
  method 10 for paired data: the same, corrected for how the two models' hits go together.
  Both scores come from the same items, so this is the right design, and usually narrower.

A score must be one that `eval_size` items can give (k of n, as typed to a tenth of a point).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ._form import Form, Problem, number
from ._format import Output, count, counted, points
from ._i18n import N_, _

SCALE_UP_AT = 5.0
SAMPLES = (100, 500)
# statistics.NormalDist().inv_cdf(0.975), written out: importing statistics pulls in decimal,
# fractions and random, which slows every browser worker's start for one constant.
Z95 = 1.9599639845400536


TYPED = 0.05  # points: a score typed to a tenth of a point is within this of k/n


class Verdict(StrEnum):
    SCALE_UP = "scale_up"  # +5 or more, and the interval is above 0 (the chapter's rule)
    NOT_SHOWN = "not_shown"  # +5 or more, but the interval includes 0 (this site's reading)
    INCONCLUSIVE = "inconclusive"  # under +5, but the interval reaches +5 (this site's reading)
    REVISIT = "revisit"  # under +5, and the interval rules +5 out (the chapter's rule)


def _only(label: str, help: str) -> Any:  # a dataclass field
    """A per-item count: the eval items only one of the two models got right."""
    return number(
        label,
        None,
        unit="examples",
        min=0,
        max=100_000_000,
        integer=True,
        optional=True,
        help=help,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    baseline: float = number(
        "Baseline score",
        70,
        unit="points",
        min=0,
        max=100,
        step=0.1,
        help="Your eval-set score before fine-tuning (0–100).",
    )
    poc_score: float = number(
        "PoC score",
        71,
        unit="points",
        min=0,
        max=100,
        step=0.1,
        help="The same eval set after the small LoRA run (0–100).",
    )
    samples: int = number(
        "PoC training samples",
        100,
        unit="samples",
        min=1,
        max=10_000_000,
        integer=True,
        help="The chapter says 100–500.",
    )
    eval_size: int = number(
        "Eval examples",
        1000,
        unit="examples",
        min=1,
        max=100_000_000,
        step=100,
        integer=True,
        help="How many eval examples both scores were measured on; it sets how much of the "
        "change could be noise.",
    )
    only_poc: int | None = _only(
        "Items only the PoC got right",
        "Optional, with the next count: eval items the PoC answered right and the baseline "
        "wrong. Both counts give a paired interval, usually much narrower.",
    )
    only_baseline: int | None = _only(
        "Items only the baseline got right",
        "Optional: eval items the baseline answered right and the PoC wrong.",
    )

    def correct(self, score: float) -> int:
        """The items right that a score stands for on `eval_size` items."""
        return round(score * self.eval_size / 100)

    def check(self) -> list[Problem]:
        problems = [
            Problem(f, _impossible(getattr(self, f), self.eval_size))
            for f in ("baseline", "poc_score")
            if abs(100 * self.correct(getattr(self, f)) / self.eval_size - getattr(self, f))
            > TYPED + 1e-9
        ]
        if problems:
            return problems
        given = (self.only_poc is not None, self.only_baseline is not None)
        if given == (True, False):
            return [
                Problem(
                    "only_baseline",
                    _("Enter the items only the baseline got right too, or leave both empty."),
                )
            ]
        if given == (False, True):
            return [
                Problem(
                    "only_poc",
                    _("Enter the items only the PoC got right too, or leave both empty."),
                )
            ]
        if self.only_poc is None or self.only_baseline is None:
            return []
        poc, base = self.correct(self.poc_score), self.correct(self.baseline)
        if self.only_poc - self.only_baseline != poc - base:
            return [
                Problem(
                    "only_poc",
                    _(
                        "These counts give a change of {counts} items, the scores {scores} "
                        "({poc} against {baseline} of {n})."
                    ).format(
                        counts=_signed(self.only_poc - self.only_baseline),
                        scores=_signed(poc - base),
                        poc=count(poc),
                        baseline=count(base),
                        n=count(self.eval_size),
                    ),
                )
            ]
        most = min(base, self.eval_size - poc)  # both right and both wrong cannot go below 0
        if self.only_baseline > most:
            return [
                Problem(
                    "only_baseline",
                    counted(
                        most,
                        "At most {n} item can be right for the baseline alone with these scores.",
                        "At most {n} items can be right for the baseline alone with these scores.",
                    ),
                )
            ]
        return []


def _signed(n: int) -> str:
    return f"+{count(n)}" if n > 0 else count(n)


def _impossible(score: float, n: int) -> str:
    step = 100 / n
    below = math.floor(score / step) * step
    return _(
        "{score} points is not a possible score on {examples}: each is worth {step} points "
        "(nearest: {below} or {above})."
    ).format(
        score=_tenths(score),
        examples=_eval_examples(n),
        step=_tenths(step),
        below=_tenths(below),
        above=_tenths(below + step),
    )


def _eval_examples(n: int) -> str:
    return counted(n, "{n} eval example", "{n} eval examples")


def _tenths(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    delta: float
    verdict: Verdict
    samples_in_range: bool
    interval: tuple[float, float]  # 95 % interval of the change, in points
    paired: bool  # the interval comes from per-item counts
    eval_size: int
    gain_may_be_noise: bool  # a positive change whose interval reaches 0


def _wilson(x: int, n: int) -> tuple[float, float]:
    """Wilson's score interval for x successes of n, without continuity correction."""
    p = x / n
    centre, spread = 2 * n * p + Z95**2, Z95 * math.sqrt(Z95**2 + 4 * n * p * (1 - p))
    return (centre - spread) / (2 * (n + Z95**2)), (centre + spread) / (2 * (n + Z95**2))


def _square_and_add(
    p1: float, w1: tuple[float, float], p2: float, w2: tuple[float, float], phi: float
) -> tuple[float, float]:
    """Newcombe's method 10: the two Wilson intervals' distances, combined (phi: correlation)."""
    (l1, u1), (l2, u2) = w1, w2
    d = p1 - p2
    low = d - math.sqrt(max((p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2, 0))
    high = d + math.sqrt(max((p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2, 0))
    return max(low, -1.0), min(high, 1.0)


def hybrid_score(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """95 % interval of x1/n1 − x2/n2 for independent samples (Newcombe 1998, method 10)."""
    return _square_and_add(x1 / n1, _wilson(x1, n1), x2 / n2, _wilson(x2, n2), 0.0)


def paired_score(e: int, f: int, g: int, h: int) -> tuple[float, float]:
    """95 % interval of (e + f)/n − (e + g)/n for paired data (Newcombe 1998, paired, method 10).

    e: both right, f: only the first right, g: only the second, h: neither."""
    n = e + f + g + h
    margins = (e + f) * (g + h) * (e + g) * (f + h)
    phi = 0.0
    if margins:
        # Newcombe's corrected correlation: a positive one is shrunk by n/2, a small one is 0.
        b = e * h - f * g
        phi = (b - n / 2 if b > n / 2 else min(b, 0)) / math.sqrt(margins)
    return _square_and_add((e + f) / n, _wilson(e + f, n), (e + g) / n, _wilson(e + g, n), phi)


def _interval(i: Inputs) -> tuple[float, float]:
    poc, base, n = i.correct(i.poc_score), i.correct(i.baseline), i.eval_size
    if i.only_poc is None or i.only_baseline is None:
        low, high = hybrid_score(poc, n, base, n)
    else:
        both = base - i.only_baseline
        low, high = paired_score(both, i.only_poc, i.only_baseline, n - poc - i.only_baseline)
    return 100 * low, 100 * high


def _verdict(delta: float, low: float, high: float) -> Verdict:
    if delta >= SCALE_UP_AT:
        return Verdict.SCALE_UP if low > 0 else Verdict.NOT_SHOWN
    return Verdict.INCONCLUSIVE if high >= SCALE_UP_AT else Verdict.REVISIT


def compute(i: Inputs) -> Result:
    delta = round(i.poc_score - i.baseline, 6)
    low, high = _interval(i)
    return Result(
        delta=delta,
        verdict=_verdict(delta, low, high),
        samples_in_range=SAMPLES[0] <= i.samples <= SAMPLES[1],
        interval=(low, high),
        paired=i.only_poc is not None,
        eval_size=i.eval_size,
        gain_may_be_noise=delta > 0 and low <= 0,
    )


TITLE = "PoC verdict"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("delta", "Change"), Output("verdict_short", "Verdict"))

OUTPUTS = (
    Output("delta", "Change over baseline"),
    Output("verdict", "Verdict"),
    Output("interval", "95% interval of the change"),
    Output("warning", "Warning"),
    Output("samples", "Sample size"),
)


def _points(value: float) -> str:
    shown = points(value)
    one = shown.lstrip("+\u2212") == "1"
    return (_("{points} point") if one else _("{points} points")).format(points=shown)


# The verdict's head alone, for the result bar of a narrow screen and what it says aloud.
VERDICT_SHORT = {
    Verdict.SCALE_UP: N_("Scale up"),
    Verdict.NOT_SHOWN: N_("Not shown yet"),
    Verdict.INCONCLUSIVE: N_("Too close to call"),
    Verdict.REVISIT: N_("Revisit the approach"),
}
VERDICT_TEXT = {
    Verdict.SCALE_UP: N_(
        "Scale up: the PoC moved the score by 5 points or more, and its 95% interval is above 0"
    ),
    Verdict.NOT_SHOWN: N_(
        "Not shown yet: the PoC reached +5 points, but its 95% interval includes "
        "0, so the gain may be noise. Measure on a larger eval set{counts} before you scale up"
    ),
    Verdict.INCONCLUSIVE: N_(
        "Too close to call: under +5 points, but on this eval set the 95% "
        "interval still reaches +5. Measure on a larger eval set{counts} before you give up on the "
        "approach"
    ),
    Verdict.REVISIT: N_(
        "Revisit the approach: under +5 points, and the 95% interval rules +5 "
        "out, so more data will not fix it"
    ),
}


def _end(value: float) -> str:
    """An end of the interval, with a decimal more where rounding would cross 0 or +5."""
    for decimals in (1, 2, 3):
        shown = round(value, decimals)
        if all((shown > b) == (value > b) and (shown < b) == (value < b) for b in (0, 5)):
            break
    body = f"{abs(shown):.{decimals}f}".rstrip("0").removesuffix(".")
    return points(value) if decimals == 1 else ("+" if value > 0 else "\u2212") + body


def display(r: Result) -> dict[str, str]:
    delta = _points(r.delta)
    low, high = r.interval
    interval = _("{low} to {high} points").format(low=_end(low), high=_end(high))
    return {
        "delta": delta,
        # Without the per-item counts, they are the cheaper way to a narrower interval.
        "verdict": _(VERDICT_TEXT[r.verdict]).format(
            counts="" if r.paired else _(" (or give the per-item counts)")
        ),
        "verdict_short": _(VERDICT_SHORT[r.verdict]),
        "interval": (
            _("{interval} (95%, paired, on {examples})")
            if r.paired
            else _("{interval} (95%, unpaired, on {examples})")
        ).format(interval=interval, examples=_eval_examples(r.eval_size)),
        "warning": (
            _(
                "The gain of {delta} may be noise: its 95% interval, {interval}, includes 0. "
                "Measure on a larger eval set before you read anything into it."
            ).format(delta=delta, interval=interval)
            if r.gain_may_be_noise and r.verdict is not Verdict.NOT_SHOWN
            else ""
        ),
        "samples": (
            _("within the 100–500 the chapter asks for")
            if r.samples_in_range
            else _(
                "outside the 100–500 range the chapter asks for ({low}–{high} real examples)"
            ).format(low=count(SAMPLES[0]), high=count(SAMPLES[1]))
        ),
    }
