"""Labeling effort: working days and outsourcing cost for a set of (question, answer) pairs."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._form import Form, Problem, number
from ._format import Output, count, money, quantity
from ._i18n import _


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    pairs: int = number(
        "Pairs to label", 5000, unit="pairs", min=1, max=100_000_000, step=100, integer=True
    )
    labelers: int = number(
        "Labelers",
        1,
        unit="people",
        min=1,
        max=100_000,
        integer=True,
        help="More than one labeler, with written guidelines, avoids baking one "
        "person's bias into the model.",
    )
    pairs_per_day: float = number(
        "Pairs per labeler per day",
        50,
        unit="pairs/day",
        min=1,
        max=100_000,
        help="The chapter's pace is 50 a day.",
        noun="how many pairs one labeler finishes a day",
    )
    cost_low: float = number(
        "Outsourced cost per pair, low",
        1,
        unit="$",
        min=0,
        max=10_000,
        step=0.5,
        noun="the low end of the cost per pair",
    )
    cost_high: float = number(
        "Outsourced cost per pair, high",
        5,
        unit="$",
        min=0,
        max=10_000,
        step=0.5,
        noun="the high end of the cost per pair",
    )

    def check(self) -> list[Problem]:
        if self.cost_high < self.cost_low:
            low = quantity(self.cost_low, "$")
            return [Problem("cost_high", _("Must be at least the low end, {low}.").format(low=low))]
        return []


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    working_days: int
    cost_low: float
    cost_high: float
    single_labeler: bool


def compute(i: Inputs) -> Result:
    return Result(
        working_days=math.ceil(i.pairs / (i.labelers * i.pairs_per_day)),
        cost_low=i.pairs * i.cost_low,
        cost_high=i.pairs * i.cost_high,
        single_labeler=i.labelers == 1,
    )


TITLE = "Labeling effort"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("days", "Working days"), Output("cost_range", "Outsourcing cost"))

OUTPUTS = (
    Output("days", "Working days"),
    Output("cost_range", "Outsourcing cost"),
    Output("warning", "Warning"),
)


def display(r: Result) -> dict[str, str]:
    return {
        "days": count(r.working_days),
        "cost_range": (
            money(r.cost_low)
            if r.cost_low == r.cost_high
            else f"{money(r.cost_low)}–{money(r.cost_high)}"
        ),
        "warning": (
            _(
                "One labeler for everything bakes that person's biases into the model: use "
                "several, with written guidelines and inter-rater agreement checks."
            )
            if r.single_labeler
            else ""
        ),
    }
