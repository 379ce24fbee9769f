"""How many training examples a task type needs, by the chapter's three thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._form import Form, choice, number
from ._format import Output, count

SAFE_BASELINE = 5000


@dataclass(frozen=True, slots=True)
class Thresholds:
    label: str
    minimum: int
    recommended: int
    good: int


TASKS = {
    "classification": Thresholds("Classification (10 classes)", 500, 2000, 5000),
    "tone_style": Thresholds("Tone or style transfer", 1000, 5000, 20000),
    "domain_chat": Thresholds("Domain-specific chat SFT", 5000, 20000, 100000),
    "instruction_tuning": Thresholds("General instruction tuning", 50000, 200000, 1000000),
    "dpo": Thresholds("DPO (preference pairs)", 1000, 5000, 20000),
}


class Tier(StrEnum):
    BELOW_MINIMUM = "below_minimum"
    MINIMUM = "minimum"
    RECOMMENDED = "recommended"
    GOOD = "good"


TIER_TEXT = {
    Tier.BELOW_MINIMUM: "Below the minimum",
    Tier.MINIMUM: "Minimum",
    Tier.RECOMMENDED: "Recommended",
    Tier.GOOD: "Good results",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    task: str = choice("Task type", "tone_style", tuple((k, t.label) for k, t in TASKS.items()))
    examples: int = number(
        "Training examples", 5000, unit="examples", min=0, max=1_000_000_000, step=100, integer=True
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    tier: Tier
    thresholds: Thresholds
    next_tier: Tier | None
    shortfall: int | None  # examples missing to reach next_tier
    below_baseline: bool


def compute(i: Inputs) -> Result:
    t = TASKS[i.task]
    steps = ((Tier.GOOD, t.good), (Tier.RECOMMENDED, t.recommended), (Tier.MINIMUM, t.minimum))
    tier = next((tier for tier, at in steps if i.examples >= at), Tier.BELOW_MINIMUM)
    above = [(tier_, at) for tier_, at in reversed(steps) if at > i.examples]
    next_tier, shortfall = (above[0][0], above[0][1] - i.examples) if above else (None, None)
    return Result(
        tier=tier,
        thresholds=t,
        next_tier=next_tier,
        shortfall=shortfall,
        below_baseline=i.examples < SAFE_BASELINE,
    )


OUTPUTS = (
    Output("tier", "Tier"),
    Output("thresholds", "Thresholds for this task"),
    Output("next", "To reach the next tier"),
    Output("baseline", "The 5K baseline"),
)


def display(r: Result) -> dict[str, str]:
    t = r.thresholds
    return {
        "tier": TIER_TEXT[r.tier],
        "thresholds": (
            f"minimum {count(t.minimum)} · recommended {count(t.recommended)} · "
            f"good results {count(t.good)}"
        ),
        "next": (
            "already at the top tier"
            if r.next_tier is None
            else f"{count(r.shortfall or 0)} more examples for “{TIER_TEXT[r.next_tier]}”"
        ),
        "baseline": (
            "Below 5,000 examples: noise can drown the signal. When in doubt, start at 5K."
            if r.below_baseline
            else "At or above the 5K safety baseline."
        ),
    }
