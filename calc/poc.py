"""The PoC rule: scale up only when a small LoRA run beats the baseline by 5 points."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._form import Form, number
from ._format import Output, count, points

SCALE_UP_AT = 5.0
SAMPLES = (100, 500)


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    delta: float
    verdict: Verdict
    samples_in_range: bool


def compute(i: Inputs) -> Result:
    delta = round(i.poc_score - i.baseline, 6)
    return Result(
        delta=delta,
        verdict=Verdict.SCALE_UP if delta >= SCALE_UP_AT else Verdict.REVISIT,
        samples_in_range=SAMPLES[0] <= i.samples <= SAMPLES[1],
    )


OUTPUTS = (
    Output("delta", "Change over baseline"),
    Output("verdict", "Verdict"),
    Output("samples", "Sample size"),
)


def display(r: Result) -> dict[str, str]:
    delta = points(r.delta)
    return {
        "delta": f"{delta} point" if delta.lstrip("+\u2212") == "1" else f"{delta} points",
        "verdict": (
            "Scale up: the PoC moved the score by 5 points or more"
            if r.verdict is Verdict.SCALE_UP
            else "Revisit the approach: without +5 points, more data will not fix it"
        ),
        "samples": (
            "within the 100–500 the chapter asks for"
            if r.samples_in_range
            else f"outside the 100–500 range the chapter asks for "
            f"({count(SAMPLES[0])}–{count(SAMPLES[1])} real examples)"
        ),
    }
