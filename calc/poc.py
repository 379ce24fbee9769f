"""The PoC rule: scale up only when a small LoRA run beats the baseline by 5 points.

Beside the rule, the 95 % interval of the gain tells whether it could be noise. The scores are
read as accuracies (%) on the same `eval_size` examples, and the interval is the normal (Wald)
approximation for a difference of two proportions measured on n examples each:
    d ± z · √(p₁(1 − p₁)/n + p₂(1 − p₂)/n),  z = 1.96 (95 %), clipped to ±100 points.
Both scores come from the same examples, so the design is paired: the variance of the difference
is that sum minus 2·cov, and the two models' hits on one example go together (cov ≥ 0 in
practice), so the interval here is wider than the paired one, i.e. conservative. The paired
(McNemar) interval would need the per-example disagreements, which a reader rarely has at hand.
The chapter's +5 rule still decides the verdict; the interval only informs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ._form import Form, number
from ._format import Output, count, plural, points

SCALE_UP_AT = 5.0
SAMPLES = (100, 500)
# statistics.NormalDist().inv_cdf(0.975), written out: importing statistics pulls in decimal,
# fractions and random, which slows every browser worker's start for one constant.
Z95 = 1.9599639845400536


class Verdict(StrEnum):
    SCALE_UP = "scale_up"
    REVISIT = "revisit"


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    delta: float
    verdict: Verdict
    samples_in_range: bool
    interval: tuple[float, float]  # 95 % interval of the change, in points
    eval_size: int
    gain_may_be_noise: bool  # a positive change whose interval reaches 0


def _interval(i: Inputs, delta: float) -> tuple[float, float]:
    p1, p2 = i.baseline / 100, i.poc_score / 100
    half = Z95 * math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / i.eval_size) * 100
    return max(delta - half, -100.0), min(delta + half, 100.0)


def compute(i: Inputs) -> Result:
    delta = round(i.poc_score - i.baseline, 6)
    low, high = _interval(i, delta)
    return Result(
        delta=delta,
        verdict=Verdict.SCALE_UP if delta >= SCALE_UP_AT else Verdict.REVISIT,
        samples_in_range=SAMPLES[0] <= i.samples <= SAMPLES[1],
        interval=(low, high),
        eval_size=i.eval_size,
        gain_may_be_noise=delta > 0 and low <= 0,
    )


TITLE = "PoC verdict"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("delta", "Change"), Output("verdict", "Verdict"))

OUTPUTS = (
    Output("delta", "Change over baseline"),
    Output("verdict", "Verdict"),
    Output("interval", "95% interval of the change"),
    Output("warning", "Warning"),
    Output("samples", "Sample size"),
)


def _points(value: float) -> str:
    shown = points(value)
    return f"{shown} point" if shown.lstrip("+\u2212") == "1" else f"{shown} points"


def display(r: Result) -> dict[str, str]:
    delta = _points(r.delta)
    low, high = r.interval
    interval = f"{points(low)} to {_points(high)}"
    return {
        "delta": delta,
        "verdict": (
            "Scale up: the PoC moved the score by 5 points or more"
            if r.verdict is Verdict.SCALE_UP
            else "Revisit the approach: without +5 points, more data will not fix it"
        ),
        "interval": f"{interval} (95%, on {plural(r.eval_size, 'eval example')})",
        "warning": (
            f"The gain of {delta} may be noise: its 95% interval, {interval}, includes 0. "
            "Measure on a larger eval set before you read anything into it."
            if r.gain_may_be_noise
            else ""
        ),
        "samples": (
            "within the 100–500 the chapter asks for"
            if r.samples_in_range
            else f"outside the 100–500 range the chapter asks for "
            f"({count(SAMPLES[0])}–{count(SAMPLES[1])} real examples)"
        ),
    }
