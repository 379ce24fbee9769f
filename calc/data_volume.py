"""How many training examples a task type needs, by the chapter's three thresholds.

The chapter's "when in doubt, start at 5K" is a fallback for a task the table has no row for, so
it is a task choice of its own: a table row decides alone, and the display never shows the
baseline's verdict beside a tier that disagrees with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._form import Form, choice, number
from ._format import Output, count, counted
from ._i18n import N_, _

SAFE_BASELINE = 5000


class Tier(StrEnum):
    BELOW_MINIMUM = "below_minimum"
    MINIMUM = "minimum"
    RECOMMENDED = "recommended"
    GOOD = "good"
    BELOW_BASELINE = "below_baseline"
    BASELINE = "baseline"


@dataclass(frozen=True, slots=True)
class Task:
    label: str
    steps: tuple[tuple[Tier, int], ...]  # thresholds, lowest first
    below: Tier = Tier.BELOW_MINIMUM  # the tier under the lowest threshold

    @property
    def fallback(self) -> bool:
        return self.below is Tier.BELOW_BASELINE


def _row(label: str, minimum: int, recommended: int, good: int) -> Task:
    return Task(
        label, ((Tier.MINIMUM, minimum), (Tier.RECOMMENDED, recommended), (Tier.GOOD, good))
    )


# Keys are URL values: add, never rename.
TASKS = {
    "classification": _row("Classification (10 classes)", 500, 2000, 5000),
    "tone_style": _row("Tone or style transfer", 1000, 5000, 20000),
    "domain_chat": _row("Domain-specific chat SFT", 5000, 20000, 100000),
    "instruction_tuning": _row("General instruction tuning", 50000, 200000, 1000000),
    "dpo": _row("DPO (preference pairs)", 1000, 5000, 20000),
    "unsure": Task(
        "I can't place my task in this table",
        ((Tier.BASELINE, SAFE_BASELINE),),
        below=Tier.BELOW_BASELINE,
    ),
}

TIER_TEXT = {
    Tier.BELOW_MINIMUM: N_("Below the minimum"),
    Tier.MINIMUM: N_("Minimum"),
    Tier.RECOMMENDED: N_("Recommended"),
    Tier.GOOD: N_("Good results"),
    Tier.BELOW_BASELINE: N_("Below the 5K baseline"),
    Tier.BASELINE: N_("At or above the 5K baseline"),
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
    thresholds: dict[Tier, int]
    next_tier: Tier | None
    shortfall: int | None  # examples missing to reach next_tier
    fallback: bool  # no table row: the 5K baseline is the only threshold


def compute(i: Inputs) -> Result:
    task = TASKS[i.task]
    reached = [tier for tier, at in task.steps if i.examples >= at]
    missing = [(tier, at) for tier, at in task.steps if i.examples < at]
    return Result(
        tier=reached[-1] if reached else task.below,
        thresholds=dict(task.steps),
        next_tier=missing[0][0] if missing else None,
        shortfall=missing[0][1] - i.examples if missing else None,
        fallback=task.fallback,
    )


TITLE = "Data volume for your task"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("tier", "Tier"), Output("next", "Next tier"))

OUTPUTS = (
    Output("tier", "Tier"),
    Output("thresholds", "Thresholds for this task"),
    Output("next", "To reach the next tier"),
    Output("baseline", "The 5K baseline"),
)

_STEP_TEXT = {
    Tier.MINIMUM: N_("minimum"),
    Tier.RECOMMENDED: N_("recommended"),
    Tier.GOOD: N_("good results"),
}


def _next(r: Result) -> str:
    if r.next_tier is None:
        if r.fallback:
            return _("already at the 5K baseline; place your task in the table to aim higher")
        return _("already at the top tier")
    more = r.shortfall or 0
    if r.fallback:
        return counted(
            more,
            "{n} more example to reach the 5K baseline",
            "{n} more examples to reach the 5K baseline",
        )
    tier = _(TIER_TEXT[r.next_tier])
    return counted(
        more, "{n} more example for “{tier}”", "{n} more examples for “{tier}”", tier=tier
    )


def _baseline(r: Result) -> str:
    if not r.fallback:
        return _(
            "Does not apply: the table has a row for your task, so its thresholds decide. "
            "The 5K baseline is for a task you cannot place in the table."
        )
    if r.tier is Tier.BELOW_BASELINE:
        return _(
            "Below 5,000 examples, noise can drown the signal. When you cannot place your task "
            "in the table, start at 5,000."
        )
    return _("5,000 or more: the safe start when you cannot place your task in the table.")


def display(r: Result) -> dict[str, str]:
    return {
        "tier": _(TIER_TEXT[r.tier]),
        "thresholds": (
            _("5K baseline {count} (no row in the table)").format(count=count(SAFE_BASELINE))
            if r.fallback
            else " · ".join(
                f"{_(_STEP_TEXT[tier])} {count(at)}" for tier, at in r.thresholds.items()
            )
        ),
        "next": _next(r),
        "baseline": _baseline(r),
    }
