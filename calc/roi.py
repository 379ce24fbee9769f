"""Gate 3's money question: do the savings of a fine-tuned small model repay SFT?

The chapter writes "cost per token" but multiplies by calls, so its example is per call; that is
the default. Teams whose vendors quote $ per million tokens can price that way instead
(`price_basis=tokens`), and the per-call prices are derived from it. `months` is the horizon of
the whole model: every monthly cost runs that long (the chapter's example is 12); savings start
after `delay_months` (labeling and training take time; the chapter's example starts on day one).
Gate 3 reads the first twelve months (`first_year`), whatever the horizon.

The price levers are this site's: a share of calls sent through a batch API (half price), a share
of input tokens read from a prompt cache (a tenth of the input price), and labels written by a
larger model (cents per pair) instead of people. Their defaults keep the chapter's example.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import _chart
from ._form import FieldGroup, Form, Problem, choice, number, specs
from ._format import Output, counted, money, months, percent, ratio, unit_for
from ._i18n import N_, _

FIRST_YEAR = 12  # months: the chapter's gate 3 reads the first year, whatever the horizon
GO_AT = 1.5
BREAK_EVEN = 1.0
SERIES_POINTS = 9
MIN_COST = 0.01
SWING = 0.2  # sensitivity: each input 20 % lower and 20 % higher
# The plan's settings, not estimates: the tornado leaves them alone.
SETTINGS = frozenset({"months", "delay_months", "batch_share", "cached_share"})
BATCH_PRICE = 0.5  # a batch API's price, as a share of the normal one (vendors' pages, 2026-12)
CACHED_PRICE = 0.1  # a cached input token's price, as a share of the normal input price
MAX_MONEY = 1e12  # beyond $1 trillion the inputs are a typo, not a project


class Verdict(StrEnum):
    GO = "go"
    MARGINAL = "marginal"
    DONT = "dont"


VERDICT_SHORT = {
    Verdict.GO: N_("Go"),
    Verdict.MARGINAL: N_("Marginal"),
    Verdict.DONT: N_("Don't ship"),
}
VERDICT_TEXT = {
    Verdict.GO: N_("Go: ROI of 1.5 or more leaves room for operational overhead"),
    Verdict.MARGINAL: N_("Marginal: ROI between 1.0 and 1.5, operational overhead can eat it"),
    Verdict.DONT: N_("Don't ship: ROI below 1.0, the savings do not repay the cost"),
}


PRICE_BASIS = (("call", "Per call"), ("tokens", "Per million tokens, input and output"))
LABEL_SOURCE = (("people", "People, $ per pair"), ("model", "A larger model, cents per pair"))
TOKENS = 1_000_000  # token prices are quoted per million tokens
_ILLUSTRATIVE = (
    " The default is illustrative, not any vendor's price: with 1,000 tokens in and 200 out the "
    "defaults give the chapter's $0.030 (large) and $0.001 (fine-tuned) per call."
)


def _token_price(label: str, default: float, help: str) -> Any:  # a dataclass field
    return number(
        label,
        default,
        unit="$ per 1M tokens",
        min=0,
        max=100_000,
        step=0.01,
        help=help + _ILLUSTRATIVE,
    )


def _share(label: str, help: str) -> Any:  # a dataclass field
    """A price lever, as a percentage: 0 (the chapter's example) leaves prices as they are."""
    return number(label, 0, unit="%", min=0, max=100, step=5, help=help + " This site's lever.")


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
    label_source: str = choice(
        "Who writes the answers",
        "people",
        LABEL_SOURCE,
        widget="radio",
        noun="who writes the answers",
        help="A larger model can draft the answers (distillation) for cents a pair; people "
        "should still review a sample. This choice is the site's, not the chapter's.",
    )
    model_cost_per_pair: float = number(
        "Model cost per pair",
        0.03,
        unit="$",
        min=0,
        max=100,
        step=0.01,
        help="What the larger model charges to write one answer. The default is one call at the "
        "chapter's large-model price, $0.030.",
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
        help=(
            "The horizon of the whole model: every monthly cost runs this long, savings from "
            "the month they start. The chapter looks one year ahead, and gate 3 always reads "
            "the first year."
        ),
    )
    delay_months: int = number(
        "Months before savings start",
        0,
        unit="months",
        min=0,
        max=120,
        integer=True,
        help="Labeling and training take time: savings start after this many months, while "
        "the monthly costs run from the start. The chapter's example starts on day one (0).",
    )
    batch_share: float = _share(
        "Calls sent through a batch API",
        "Calls that can wait hours cost half price on vendors' batch APIs, on either model.",
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
        "Fine-tuned model cost per call",
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
    price_basis: str = choice(
        "Prices are quoted",
        "call",
        PRICE_BASIS,
        widget="radio",
        noun="how prices are quoted",
        help="Vendors usually quote $ per million tokens, input and output priced apart.",
    )
    tokens_in: float = number(
        "Input tokens per call",
        1000,
        unit="tokens",
        min=0,
        max=10_000_000,
        step=100,
        help="Average prompt size: instructions, context and question.",
    )
    tokens_out: float = number(
        "Output tokens per call",
        200,
        unit="tokens",
        min=0,
        max=10_000_000,
        step=10,
        help="Average answer length.",
    )
    large_price_in: float = _token_price(
        "Large model input price", 15, "What the large model charges for input tokens."
    )
    large_price_out: float = _token_price(
        "Large model output price", 75, "What the large model charges for output tokens."
    )
    small_price_in: float = _token_price(
        "Fine-tuned model input price", 0.5, "What the fine-tuned model charges for input tokens."
    )
    small_price_out: float = _token_price(
        "Fine-tuned model output price",
        2.5,
        "What the fine-tuned model charges for output tokens.",
    )
    cached_share: float = _share(
        "Cached share of input tokens",
        "A prompt prefix repeated across calls (instructions, examples) is billed at about a "
        "tenth of the input price once cached, on either model.",
    )
    hosting_monthly: float = number(
        "Hosting per month",
        0,
        unit="$",
        min=0,
        max=100_000_000,
        step=100,
        help=(
            "Dedicated GPUs or provisioned throughput to serve the fine-tuned model, paid every "
            "month of the horizon; an always-on GPU can cost more than the whole SFT budget. "
            "Leave 0 when the per-call price already covers serving."
        ),
    )

    def check(self) -> list[Problem]:
        cost = _cost(self)
        if cost < MIN_COST:
            return [
                Problem(
                    "pairs",
                    _(
                        "SFT cost is under one cent with these inputs: ROI needs a "
                        "real cost (labeling, GPU, operations or hosting)."
                    ),
                )
            ]
        if cost > MAX_MONEY:
            return [
                Problem(
                    "pairs",
                    _(
                        "The SFT cost comes to more than $1 trillion: check the pairs and the "
                        "costs."
                    ),
                )
            ]
        large, small = per_call_prices(self)
        if abs(large - small) * self.calls_per_year * self.months / 12 > MAX_MONEY:
            return [
                Problem(
                    "calls_per_year",
                    _(
                        "The savings come to more than $1 trillion: check the call volume and "
                        "the prices."
                    ),
                )
            ]
        return []


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    calls_per_year: int
    roi: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Swing:
    """ROI with one input 20 % lower and 20 % higher, every other input as given."""

    field: str
    low: float  # the input × 0.8
    high: float  # the input × 1.2
    roi_low: float
    roi_high: float
    swing: float  # |roi_high − roi_low|


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    labeling_cost: float
    gpu_cost: float
    ops_cost: float
    hosting_cost: float
    cost: float
    large_per_call: float  # what the model prices come to per call (derived when quoted per token)
    small_per_call: float
    savings_per_call: float
    savings: float
    roi: float  # the chapter's: savings ÷ cost, a benefit–cost ratio; gate 3 reads this one
    net_roi: float  # conventional ROI, (savings − cost) ÷ cost: roi − 1 (this site's addition)
    verdict: Verdict
    price_basis: str
    months: int
    delay_months: int
    break_even_calls: int | None  # None: no call volume ever pays back
    payback_months: float | None  # None: never pays back
    series: tuple[Point, ...]
    sensitivity: tuple[Swing, ...]  # largest swing first
    at_zero: tuple[str, ...]  # inputs that apply but are 0: ±20 % of 0 moves nothing


def _labeling(i: Inputs) -> float:
    return i.pairs * (i.cost_per_pair if i.label_source == "people" else i.model_cost_per_pair)


def _upfront(i: Inputs) -> float:
    return _labeling(i) + i.gpu_cost


def _monthly(i: Inputs) -> float:
    """What runs every month of the horizon."""
    return i.monthly_ops + i.hosting_monthly


def _cost(i: Inputs) -> float:
    return _upfront(i) + _monthly(i) * i.months


def per_call_prices(i: Inputs) -> tuple[float, float]:
    """(large, fine-tuned) $ per call; with token prices, tokens × price per million.

    The batch and cache discounts apply to both models alike: the same calls move."""
    if i.price_basis == "tokens":
        tokens_in = i.tokens_in * (1 - i.cached_share / 100 * (1 - CACHED_PRICE))
        large = (tokens_in * i.large_price_in + i.tokens_out * i.large_price_out) / TOKENS
        small = (tokens_in * i.small_price_in + i.tokens_out * i.small_price_out) / TOKENS
    else:
        large, small = i.large_cost_per_call, i.small_cost_per_call
    batch = 1 - i.batch_share / 100 * (1 - BATCH_PRICE)
    return large * batch, small * batch


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


def _payback(upfront: float, saving: float, running: float, delay: int) -> float | None:
    """Months until the savings have repaid every cost so far (this site's addition).

    Running costs accrue from month 0, savings from `delay`: upfront + running·t = saving·(t −
    delay) gives t = (upfront + saving·delay) ÷ (saving − running)."""
    if saving - running <= 0:
        return None
    months = (upfront + saving * delay) / (saving - running)
    return months if math.isfinite(months) else None


def _saving_years(i: Inputs) -> float:
    """The part of the horizon with savings, in years."""
    return max(i.months - i.delay_months, 0) / 12


def applies(choices: Any) -> list[str]:
    """The numeric inputs that count with these choices (price basis, label source), in form
    order; `choices` is anything with those attributes (roi's or gates' inputs)."""
    kinds = specs(Inputs)
    return [
        f
        for group in GROUPS
        if group.when is None or getattr(choices, group.when[0]) == group.when[1]
        for f in group.fields
        if kinds[f].kind == "number"
    ]


def first_year(i: Inputs) -> Inputs:
    """The same project read over its first twelve months, as the chapter's gate 3 reads it."""
    return dataclasses.replace(i, months=FIRST_YEAR)


def _roi_of(i: Inputs) -> float:
    large, small = per_call_prices(i)
    return _roi(large - small, i.calls_per_year, _saving_years(i), _cost(i))


def _sensitivity(i: Inputs) -> tuple[tuple[Swing, ...], tuple[str, ...]]:
    """Each estimate that applies at ×0.8 and ×1.2, kept inside the form's bounds, largest ROI
    swing first (ties in form order). The plan's settings (horizon, delay, shares) are not varied.

    An input at 0 stays 0 either way, so it is listed apart rather than ranked with no swing.
    Whole-number inputs are scaled exactly (6,000.5 pairs), not rounded: this is a sensitivity,
    not a plan."""
    swings = []
    at_zero = []
    bounds = specs(Inputs)
    for f in applies(i):
        value = getattr(i, f)
        if f in SETTINGS:
            continue
        if value == 0:
            at_zero.append(f)
            continue
        spec = bounds[f]
        assert spec.min is not None and spec.max is not None
        low = max(value * (1 - SWING), float(spec.min))
        high = min(value * (1 + SWING), float(spec.max))
        roi_low = _roi_of(dataclasses.replace(i, **{f: low}))
        roi_high = _roi_of(dataclasses.replace(i, **{f: high}))
        swings.append(
            Swing(
                field=f,
                low=low,
                high=high,
                roi_low=roi_low,
                roi_high=roi_high,
                swing=abs(roi_high - roi_low),
            )
        )
    swings.sort(key=lambda s: -s.swing)
    return tuple(swings), tuple(at_zero)


def compute(i: Inputs) -> Result:
    cost = _cost(i)
    years = _saving_years(i)
    large, small = per_call_prices(i)
    per_call = large - small
    savings = per_call * i.calls_per_year * years
    roi = _roi_of(i)
    step = per_call * years
    pays = step > 0 and math.isfinite(cost / step)  # a saving of ~1e-308 never pays
    break_even = _break_even(cost, per_call, years) if pays else None
    payback = _payback(_upfront(i), per_call * i.calls_per_year / 12, _monthly(i), i.delay_months)
    top = max(2 * break_even if break_even else 0, 1.25 * i.calls_per_year, 1000)
    series = tuple(
        Point(
            calls_per_year=(x := round(top * k / (SERIES_POINTS - 1))),
            roi=_roi(per_call, x, years, cost),
        )
        for k in range(SERIES_POINTS)
    )
    sensitivity, at_zero = _sensitivity(i)
    return Result(
        labeling_cost=_labeling(i),
        gpu_cost=i.gpu_cost,
        ops_cost=i.monthly_ops * i.months,
        hosting_cost=i.hosting_monthly * i.months,
        cost=cost,
        large_per_call=large,
        small_per_call=small,
        price_basis=i.price_basis,
        months=i.months,
        delay_months=i.delay_months,
        savings_per_call=per_call,
        savings=savings,
        roi=roi,
        net_roi=roi - 1,
        verdict=verdict_for(roi),
        break_even_calls=break_even,
        payback_months=payback,
        series=series,
        sensitivity=sensitivity,
        at_zero=at_zero,
    )


TITLE = "ROI calculator"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("roi", "ROI"), Output("verdict_short", "Verdict"))

OUTPUTS = (
    Output("per_call", "Per-call prices from the token prices"),
    Output("cost", "SFT cost"),
    Output("savings", "Savings over the horizon"),
    Output("roi", "ROI (savings ÷ cost)"),
    Output("net_roi", "(Savings − cost) ÷ cost (this site's)"),
    Output("verdict", "Verdict"),
    Output("break_even_calls", "Break-even volume (this site's addition)"),
    Output("payback", "Payback (this site's addition)"),
    Output("breakdown", "Cost breakdown"),
    Output("chart", "ROI by call volume", kind="html"),
    Output("sensitivity", "What moves ROI most (each estimate ±20 %)", kind="html"),
)

# Display keys a side-by-side comparison of saved scenarios shows: each fits a table cell
# (the verdict's full sentence does not, hence its short form).
COMPARE = (
    Output("horizon", "Horizon"),
    Output("cost", "SFT cost"),
    Output("savings", "Savings over the horizon"),
    Output("roi", "ROI"),
    Output("verdict_short", "Verdict"),
    Output("payback", "Payback"),
)


def price(value: float) -> str:
    """A price per call to three significant figures: $0.80, $0.030 (as the chapter writes it),
    $0.0135; never fewer than two decimals, nor fewer than three under a dime."""
    size = abs(value)
    if size >= 1:
        return money(value, 2)
    least = 2 if size >= 0.1 else 3
    decimals = least if size == 0 else min(6, max(least, 2 - math.floor(math.log10(size))))
    shown = money(value, decimals)
    while decimals > least and shown.endswith("0"):
        shown, decimals = shown[:-1], decimals - 1
    return shown


def amount(value: float) -> str:
    """A sum of money: whole dollars from $10,000, to the cent below (whole dollars stay whole),
    and three significant figures under $1, so a cost that is not zero never reads "$0"."""
    size = abs(value)
    if size == 0 or size >= 10_000 or (size >= 1 and float(round(size, 2)).is_integer()):
        return money(value)
    return money(value, 2) if size >= 1 else price(value)


def net_roi(value: float) -> str:
    """Conventional ROI, as a ratio and a percentage: 2.7 (267%)."""
    shown = ratio(value, bands=(BREAK_EVEN - 1, GO_AT - 1))
    return f"{shown} ({percent(value)})"


def display(r: Result) -> dict[str, str]:
    return {
        "per_call": (
            _("large model {large}, fine-tuned {small}").format(
                large=price(r.large_per_call), small=price(r.small_per_call)
            )
            if r.price_basis == "tokens"
            else ""
        ),
        "large_per_call": price(r.large_per_call),
        "small_per_call": price(r.small_per_call),
        "labeling_cost": amount(r.labeling_cost),
        "gpu_cost": amount(r.gpu_cost),
        "ops_cost": amount(r.ops_cost),
        "hosting_cost": amount(r.hosting_cost),
        "cost": amount(r.cost),
        "savings_per_call": price(r.savings_per_call),
        "savings": amount(r.savings),
        "horizon": (
            _("{months}, savings from month {start}").format(
                months=months(r.months), start=r.delay_months + 1
            )
            if r.delay_months
            else months(r.months)
        ),
        "roi": ratio(r.roi),
        "net_roi": net_roi(r.net_roi),
        "verdict": _(VERDICT_TEXT[r.verdict]),
        "verdict_short": _(VERDICT_SHORT[r.verdict]),
        "break_even_calls": (
            (
                _("never: the small model is not cheaper per call")
                if r.savings_per_call <= 0
                else _("never: the saving per call is too small")
            )
            if r.break_even_calls is None
            else counted(r.break_even_calls, "{n} call per year", "{n} calls per year")
        ),
        "payback": (
            _("never")
            if r.payback_months is None
            else _("{months} months").format(months=f"{r.payback_months:,.1f}")
        ),
        "breakdown": _(
            "labeling {labeling} + GPU {gpu} + operations {operations} + hosting {hosting}"
        ).format(
            labeling=amount(r.labeling_cost),
            gpu=amount(r.gpu_cost),
            operations=amount(r.ops_cost),
            hosting=amount(r.hosting_cost),
        ),
    }


def _amount(field: str, value: float) -> str:
    """An input value as the tornado's table shows it, with its unit."""
    unit = specs(Inputs)[field].unit
    if unit.startswith("$"):
        return amount(value) + (_(unit)[1:] if unit[1:] else "")
    shown = f"{value:,.4f}".rstrip("0").rstrip(".")
    return _("{number} {unit}").format(number=shown, unit=_(unit_for(value, unit)))


def html(r: Result, i: Inputs) -> dict[str, str]:
    labels = {f: _(s.label) for f, s in specs(Inputs).items()}
    return {
        "chart": _chart.roi_chart(
            [(p.calls_per_year, p.roi) for p in r.series],
            current=(i.calls_per_year, r.roi),
            break_even=r.break_even_calls,
            horizon=months(i.months),
        ),
        "sensitivity": _chart.tornado(
            [
                _chart.Bar(
                    label=labels[s.field],
                    low=_amount(s.field, s.low),
                    high=_amount(s.field, s.high),
                    roi_low=s.roi_low,
                    roi_high=s.roi_high,
                )
                for s in r.sensitivity
            ],
            base=r.roi,
            left_out=[_("{label} is 0").format(label=labels[f]) for f in r.at_zero],
        ),
    }


GROUPS = (
    FieldGroup("Labeling", ("pairs", "label_source")),
    FieldGroup("Labeling by people", ("cost_per_pair",), ("label_source", "people")),
    FieldGroup("Labeling by a larger model", ("model_cost_per_pair",), ("label_source", "model")),
    FieldGroup("Training and running", ("gpu_cost", "monthly_ops", "hosting_monthly")),
    FieldGroup(
        "Horizon, volume and pricing",
        ("months", "delay_months", "calls_per_year", "batch_share", "price_basis"),
    ),
    FieldGroup(
        "Prices per call", ("large_cost_per_call", "small_cost_per_call"), ("price_basis", "call")
    ),
    FieldGroup(
        "Token prices",
        (
            "tokens_in",
            "tokens_out",
            "large_price_in",
            "large_price_out",
            "small_price_in",
            "small_price_out",
            "cached_share",
        ),
        ("price_basis", "tokens"),
    ),
)
