"""Gate 3's money question: does one year of savings from a fine-tuned small model repay SFT?

The chapter writes "cost per token" but multiplies by calls, so its example is per call; we model
per call throughout and say so in the help text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from . import _chart
from ._form import Form, Problem, number
from ._format import Output, count, money, ratio

GO_AT = 1.5
BREAK_EVEN = 1.0
SERIES_POINTS = 9
MIN_COST = 0.01


class Verdict(StrEnum):
    GO = "go"
    MARGINAL = "marginal"
    DONT = "dont"


VERDICT_TEXT = {
    Verdict.GO: "Go: ROI of 1.5 or more leaves room for operational overhead",
    Verdict.MARGINAL: "Marginal: ROI between 1.0 and 1.5, operational overhead can eat it",
    Verdict.DONT: "Don't ship: ROI below 1.0, the savings do not repay the cost",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    pairs: int = number(
        "Labeled pairs",
        5000,
        unit="pairs",
        min=0,
        max=100_000_000,
        step=100,
        integer=True,
        help="Training (question, answer) pairs you must label.",
    )
    cost_per_pair: float = number(
        "Labeling cost per pair",
        1,
        unit="$",
        min=0,
        max=10_000,
        step=0.5,
        help="Outsourced labeling runs $1–5 per pair.",
    )
    gpu_cost: float = number(
        "GPU cost",
        500,
        unit="$",
        min=0,
        max=1_000_000_000,
        step=50,
        help="Compute for the training runs.",
    )
    monthly_ops: float = number(
        "Eval and retraining per month",
        200,
        unit="$",
        min=0,
        max=100_000_000,
        step=10,
        help="Running the quarterly eval and retrain, spread per month.",
    )
    months: int = number(
        "Months of operation",
        12,
        unit="months",
        min=1,
        max=120,
        integer=True,
        help="The chapter's model looks one year ahead.",
    )
    large_cost_per_call: float = number(
        "Large model cost per call",
        0.030,
        unit="$",
        min=0,
        max=100,
        step=0.001,
        help="What one call costs today on the large model (per call, not per token).",
    )
    small_cost_per_call: float = number(
        "Fine-tuned small model cost per call",
        0.001,
        unit="$",
        min=0,
        max=100,
        step=0.001,
        help="What one call would cost on the fine-tuned small model (per call).",
    )
    calls_per_year: int = number(
        "Calls per year",
        1_000_000,
        unit="calls",
        min=0,
        max=1_000_000_000_000,
        step=1000,
        integer=True,
        help="Yearly call volume that would move to the small model.",
    )

    def check(self) -> list[Problem]:
        if _cost(self) < MIN_COST:
            return [
                Problem(
                    "pairs",
                    "SFT cost is under one cent with these inputs: ROI needs a "
                    "real cost (labeling, GPU or operations).",
                )
            ]
        return []


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    calls_per_year: int
    roi: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    labeling_cost: float
    gpu_cost: float
    ops_cost: float
    cost: float
    savings_per_call: float
    savings: float
    roi: float
    verdict: Verdict
    break_even_calls: int | None  # None: no call volume ever pays back
    payback_months: float | None  # None: never pays back
    series: tuple[Point, ...]


def _cost(i: Inputs) -> float:
    return i.pairs * i.cost_per_pair + i.gpu_cost + i.monthly_ops * i.months


def _roi(per_call: float, calls: float, years: float, cost: float) -> float:
    """ROI over the horizon; every ROI here is computed this way, so they agree bit for bit."""
    return per_call * calls * years / cost


def verdict_for(roi: float) -> Verdict:
    if roi >= GO_AT:
        return Verdict.GO
    if roi >= BREAK_EVEN:
        return Verdict.MARGINAL
    return Verdict.DONT


def _break_even(cost: float, per_call: float, years: float) -> int:
    """The fewest calls per year whose ROI, computed as `compute` does, reaches 1.0."""
    n = math.ceil(cost / (per_call * years))
    if n < 2**53:  # exact as a float: settle float rounding so the verdict agrees at n and n - 1
        while n > 0 and _roi(per_call, n - 1, years, cost) >= BREAK_EVEN:
            n -= 1
        while _roi(per_call, n, years, cost) < BREAK_EVEN:
            n += 1
    return n


def _payback(upfront: float, monthly_net: float) -> float | None:
    """Months until the monthly net saving has repaid the up-front cost (this site's addition)."""
    if monthly_net <= 0:
        return None
    months = upfront / monthly_net
    return months if math.isfinite(months) else None


def compute(i: Inputs) -> Result:
    cost = _cost(i)
    years = i.months / 12
    per_call = i.large_cost_per_call - i.small_cost_per_call
    savings = per_call * i.calls_per_year * years
    roi = _roi(per_call, i.calls_per_year, years, cost)
    step = per_call * years
    pays = step > 0 and math.isfinite(cost / step)  # a saving of ~1e-308 never pays
    break_even = _break_even(cost, per_call, years) if pays else None
    upfront = i.pairs * i.cost_per_pair + i.gpu_cost
    payback = _payback(upfront, per_call * i.calls_per_year / 12 - i.monthly_ops)
    top = max(2 * break_even if break_even else 0, 1.25 * i.calls_per_year, 1000)
    series = tuple(
        Point(
            calls_per_year=(x := round(top * k / (SERIES_POINTS - 1))),
            roi=_roi(per_call, x, years, cost),
        )
        for k in range(SERIES_POINTS)
    )
    return Result(
        labeling_cost=i.pairs * i.cost_per_pair,
        gpu_cost=i.gpu_cost,
        ops_cost=i.monthly_ops * i.months,
        cost=cost,
        savings_per_call=per_call,
        savings=savings,
        roi=roi,
        verdict=verdict_for(roi),
        break_even_calls=break_even,
        payback_months=payback,
        series=series,
    )


OUTPUTS = (
    Output("cost", "SFT cost"),
    Output("savings", "Annual savings"),
    Output("roi", "ROI"),
    Output("verdict", "Verdict"),
    Output("break_even_calls", "Break-even volume"),
    Output("payback", "Payback"),
    Output("breakdown", "Cost breakdown"),
    Output("chart", "ROI by call volume", kind="html"),
)


def display(r: Result) -> dict[str, str]:
    return {
        "labeling_cost": money(r.labeling_cost),
        "gpu_cost": money(r.gpu_cost),
        "ops_cost": money(r.ops_cost),
        "cost": money(r.cost),
        "savings_per_call": money(r.savings_per_call, 3),
        "savings": money(r.savings),
        "roi": ratio(r.roi),
        "verdict": VERDICT_TEXT[r.verdict],
        "break_even_calls": (
            (
                "never: the small model is not cheaper per call"
                if r.savings_per_call <= 0
                else "never: the saving per call is too small"
            )
            if r.break_even_calls is None
            else f"{count(r.break_even_calls)} calls per year"
        ),
        "payback": ("never" if r.payback_months is None else f"{r.payback_months:,.1f} months"),
        "breakdown": (
            f"labeling {money(r.labeling_cost)} + GPU {money(r.gpu_cost)} + "
            f"operations {money(r.ops_cost)}"
        ),
    }


def html(r: Result, i: Inputs) -> dict[str, str]:
    return {
        "chart": _chart.roi_chart(
            [(p.calls_per_year, p.roi) for p in r.series],
            current=(i.calls_per_year, r.roi),
            break_even=r.break_even_calls,
        )
    }
