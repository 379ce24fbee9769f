"""calc.roi: the chapter's one-year ROI model (section 5, "Cost model — 1-year ROI")."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math

import pytest
from contract import succeeds

from calc import fields, roi, run

# A cost of exactly $1,000 and a saving of exactly $1 per call: ROI is calls / 1,000 with no
# floating-point rounding, so the verdict bands can be hit exactly.
EXACT = {
    "pairs": "0",
    "cost_per_pair": "0",
    "gpu_cost": "1000",
    "monthly_ops": "0",
    "months": "12",
    "large_cost_per_call": "2",
    "small_cost_per_call": "1",
}


ok = succeeds("roi")


# (inputs, cost, savings, roi, display roi, verdict) — the chapter's worked examples first.
WORKED = [
    pytest.param(
        {},
        7900,
        29000,
        29000 / 7900,
        "3.7",
        "go",
        # "(5K × $1) + ($500) + ($200/month × 12) ≈ $7,900", "($0.030 - $0.001) × 1M = $29,000",
        # "ROI = 29,000 / 7,900 ≈ 3.7 → positive"
        id="section5-defaults-roi-3.7",
    ),
    pytest.param(
        {"calls_per_year": "100000"},
        7900,
        2900,
        2900 / 7900,
        "0.37",
        "dont",
        # Exercise 3: "SFT costs $7,900. Annual calls = 100K (10% of 1M)"; below 1.0 → don't
        id="exercise3-100K-calls-roi-0.37",
    ),
    pytest.param(
        {"cost_per_pair": "5"},
        27900,
        29000,
        29000 / 27900,
        "1.0",
        "marginal",
        # Pitfall: "Outsourcing runs $1–5 per pair": the $5 end, 25,000 + 500 + 2,400
        id="pitfalls-5-dollars-per-pair-marginal",
    ),
    pytest.param(
        {"months": "24"},
        10300,
        58000,
        58000 / 10300,
        "5.6",
        "go",
        # `months` is the horizon of the whole model: two years of $200/month operations
        # (5,000 + 500 + 4,800) against two years of savings (2 × 29,000). Before the fix the
        # savings stayed at one year and ROI read 2.8.
        id="section5-two-year-horizon",
    ),
    pytest.param(
        {"months": "1"},
        5700,
        29000 / 12,
        (29000 / 12) / 5700,
        "0.42",
        "dont",
        # One month: 5,000 + 500 + 200 against one month of savings. Before the fix a shorter
        # horizon cut only the cost and ROI read 5.1.
        id="section5-one-month-horizon",
    ),
]


@pytest.mark.parametrize(("inputs", "cost", "savings", "value", "shown", "verdict"), WORKED)
def test_worked_examples(inputs, cost, savings, value, shown, verdict):
    answer = ok(inputs)
    result = answer["result"]
    assert result["cost"] == pytest.approx(cost)
    assert result["savings"] == pytest.approx(savings)
    assert result["roi"] == pytest.approx(value)
    assert result["verdict"] == verdict
    assert answer["display"]["roi"] == shown


def test_default_cost_breakdown_matches_the_chapter():
    # "(5K × $1) + ($500) + ($200/month × 12)"; hosting is this site's addition, $0 by default
    answer = ok({})
    result, shown = answer["result"], answer["display"]
    assert (result["labeling_cost"], result["gpu_cost"], result["ops_cost"]) == (5000, 500, 2400)
    assert result["hosting_cost"] == 0
    assert result["savings_per_call"] == pytest.approx(0.029)
    assert shown["cost"] == "$7,900"
    assert shown["savings"] == "$29,000"
    assert shown["savings_per_call"] == "$0.029"
    assert shown["breakdown"] == "labeling $5,000 + GPU $500 + operations $2,400 + hosting $0"
    assert shown["verdict"].startswith("Go:")


def test_default_inputs_are_the_chapter_example():
    i = roi.Inputs()
    assert (i.pairs, i.cost_per_pair, i.gpu_cost, i.monthly_ops, i.months) == (
        5000,
        1,
        500,
        200,
        12,
    )
    assert (i.large_cost_per_call, i.small_cost_per_call) == (0.030, 0.001)
    assert i.calls_per_year == 1_000_000
    assert (i.price_basis, i.hosting_monthly) == ("call", 0)


# --- Token prices: vendors quote $ per million tokens, input and output apart ---------------

TOKENS = {"price_basis": "tokens"}


def test_token_defaults_derive_the_chapters_per_call_prices_exactly():
    # 1,000 tokens in and 200 out: large (1,000 × 15 + 200 × 75) / 1M = $0.030,
    # fine-tuned (1,000 × 0.5 + 200 × 2.5) / 1M = $0.001, bit for bit.
    by_tokens, by_call = ok(TOKENS), ok({})
    assert by_tokens["result"]["large_per_call"] == 0.030
    assert by_tokens["result"]["small_per_call"] == 0.001
    assert by_tokens["display"]["per_call"] == "large model $0.030, fine-tuned $0.001"
    assert by_call["display"]["per_call"] == ""  # nothing derived: the widget hides the row
    same = {k: v for k, v in by_tokens["result"].items() if k not in ("price_basis", "sensitivity")}
    assert same == {
        k: v for k, v in by_call["result"].items() if k not in ("price_basis", "sensitivity")
    }
    assert by_tokens["display"]["roi"] == "3.7"


@pytest.mark.parametrize(
    ("tokens", "large", "small"),
    [
        # (2,000 × 3 + 500 × 15) / 1M and (2,000 × 0.25 + 500 × 1.25) / 1M
        pytest.param(
            ("2000", "500", "3", "15", "0.25", "1.25"), 0.0135, 0.001125, id="long-prompts"
        ),
        pytest.param(("0", "0", "15", "75", "0.5", "2.5"), 0.0, 0.0, id="no-tokens"),
        pytest.param(("1000", "0", "15", "75", "0.5", "2.5"), 0.015, 0.0005, id="input-only"),
    ],
)
def test_per_call_prices_from_tokens(tokens, large, small):
    names = ("tokens_in", "tokens_out", "large_price_in", "large_price_out")
    names += ("small_price_in", "small_price_out")
    answer = ok({**TOKENS, **dict(zip(names, tokens, strict=True))})
    result = answer["result"]
    assert result["large_per_call"] == pytest.approx(large)
    assert result["small_per_call"] == pytest.approx(small)
    assert result["savings_per_call"] == pytest.approx(large - small)
    assert result["savings"] == pytest.approx((large - small) * 1_000_000)


def test_token_prices_ignore_the_per_call_fields_and_vice_versa():
    odd_call = {"large_cost_per_call": "9", "small_cost_per_call": "0"}
    odd_tokens = {"tokens_in": "7", "large_price_in": "900", "small_price_out": "0"}
    assert ok({**TOKENS, **odd_call})["result"] == ok(TOKENS)["result"]
    assert ok(odd_tokens)["result"] == ok({})["result"]


def test_derived_prices_show_small_amounts_to_three_figures():
    shown = ok({**TOKENS, "tokens_in": "300", "tokens_out": "50", "small_price_in": "0.25"})
    # large (300 × 15 + 50 × 75) / 1M = $0.00825; fine-tuned (75 + 125) / 1M = $0.0002
    assert shown["display"]["per_call"] == "large model $0.00825, fine-tuned $0.0002"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.030, "$0.030"),
        (0.001, "$0.001"),
        (0.029, "$0.029"),
        (0.0135, "$0.0135"),
        (0.000375, "$0.000375"),
        (0.0, "$0.000"),
        (5e-324, "$0.000"),
        (-0.029, "\u2212$0.029"),
        (2.5, "$2.50"),
    ],
)
def test_price(value, shown):
    assert roi.price(value) == shown


def test_token_price_help_does_not_claim_a_vendors_prices():
    specs = {f.name: f.spec for f in fields("roi")}
    for name in ("large_price_in", "large_price_out", "small_price_in", "small_price_out"):
        help_ = specs[name].help
        assert "illustrative, not any vendor's price" in help_
        assert "$0.030" in help_
        assert specs[name].unit == "$ per 1M tokens"


def test_the_form_groups_per_call_and_token_prices_by_price_basis():
    when = {f.name: f.when for f in fields("roi")}
    assert when["large_cost_per_call"] == when["small_cost_per_call"] == ("price_basis", "call")
    for name in ("tokens_in", "tokens_out", "large_price_in", "small_price_out"):
        assert when[name] == ("price_basis", "tokens")
    assert when["price_basis"] is None
    assert when["calls_per_year"] is None
    legends = {f.name: f.legend for f in fields("roi")}
    assert legends["large_cost_per_call"] == "Prices per call"
    assert legends["tokens_in"] == "Token prices"


# --- Hosting the fine-tuned model: a monthly cost line of its own ----------------------------


@pytest.mark.parametrize(
    ("hosting", "cost", "roi_shown", "payback"),
    [
        # $500 a month for 12 months: 7,900 + 6,000; payback 5,500 / (2,416.67 − 700)
        pytest.param("500", 13_900, "2.1", 5500 / (29000 / 12 - 700), id="500-a-month"),
        # An always-on GPU at $3,000 a month costs more than the savings: never pays back
        pytest.param("3000", 43_900, "0.66", None, id="3000-a-month"),
    ],
)
def test_hosting_runs_every_month_of_the_horizon(hosting, cost, roi_shown, payback):
    answer = ok({"hosting_monthly": hosting})
    result, shown = answer["result"], answer["display"]
    assert result["hosting_cost"] == float(hosting) * 12
    assert result["cost"] == cost
    assert shown["roi"] == roi_shown
    assert result["payback_months"] == (None if payback is None else pytest.approx(payback))
    assert shown["breakdown"].endswith(f"+ hosting {shown['hosting_cost']}")
    two_years = ok({"hosting_monthly": hosting, "months": "24"})["result"]
    assert two_years["hosting_cost"] == float(hosting) * 24


def test_hosting_alone_is_a_real_cost():
    answer = ok({"pairs": "0", "gpu_cost": "0", "monthly_ops": "0", "hosting_monthly": "100"})
    assert answer["result"]["cost"] == 1200
    assert answer["result"]["payback_months"] == 0


def test_exercise3_display():
    shown = ok({"calls_per_year": "100000"})["display"]
    assert shown["savings"] == "$2,900"
    assert shown["roi"] == "0.37"
    assert shown["verdict"].startswith("Don't ship")
    # 5,500 up front ÷ ($2,900 / 12 − $200 a month)
    assert shown["payback"] == "132.0 months"


# "If ROI is below 1.0, don't do it. Add operational overhead and you need 1.5+ to feel safe."
@pytest.mark.parametrize(
    ("calls", "roi_value", "verdict"),
    [
        pytest.param("0", 0.0, "dont", id="no-calls"),
        pytest.param("999", 0.999, "dont", id="just-below-1.0"),
        pytest.param("1000", 1.0, "marginal", id="exactly-1.0"),
        pytest.param("1200", 1.2, "marginal", id="between"),
        pytest.param("1499", 1.499, "marginal", id="just-below-1.5"),
        pytest.param("1500", 1.5, "go", id="exactly-1.5"),
        pytest.param("1501", 1.501, "go", id="above-1.5"),
    ],
)
def test_verdict_bands(calls, roi_value, verdict):
    result = ok({**EXACT, "calls_per_year": calls})["result"]
    assert result["cost"] == 1000
    assert result["roi"] == roi_value
    assert result["verdict"] == verdict


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        (-3.7, roi.Verdict.DONT),
        (0.0, roi.Verdict.DONT),
        (math.nextafter(1.0, 0), roi.Verdict.DONT),
        (1.0, roi.Verdict.MARGINAL),
        (math.nextafter(1.5, 0), roi.Verdict.MARGINAL),
        (1.5, roi.Verdict.GO),
        (3.7, roi.Verdict.GO),
    ],
)
def test_verdict_for(value, verdict):
    assert roi.verdict_for(value) is verdict


def test_verdict_is_a_str_enum():
    assert roi.Verdict.GO == "go"
    assert roi.Verdict.MARGINAL == "marginal"
    assert roi.Verdict.DONT == "dont"


# Payback and break-even volume are this site's additions; the chapter is silent on both.
# Payback = up-front cost (labeling + GPU) ÷ (monthly savings − monthly running costs).
@pytest.mark.parametrize(
    ("inputs", "break_even", "payback", "payback_shown"),
    [
        # 7,900 / 0.029 = 272,413.8 → 272,414 calls; 5,500 / (29,000 / 12 − 200) = 2.48 months.
        # Before the fix the $200 a month counted as paid up front: 7,900 / 29,000 × 12 = 3.3.
        pytest.param({}, 272_414, 5500 / (29000 / 12 - 200), "2.5 months", id="section5-defaults"),
        # Exercise 3: the same break-even; 100K calls save $241.67 a month against $200 of
        # operations, so the $5,500 takes 132 months (before: 32.7).
        pytest.param(
            {"calls_per_year": "100000"},
            272_414,
            5500 / (2900 / 12 - 200),
            "132.0 months",
            id="exercise3",
        ),
        # Two years: break-even volume uses the same horizon, 10,300 / (0.029 × 2) = 177,586.2;
        # payback does not depend on the horizon.
        pytest.param(
            {"months": "24"}, 177_587, 5500 / (29000 / 12 - 200), "2.5 months", id="two-years"
        ),
        pytest.param({**EXACT, "calls_per_year": "2000"}, 1000, 6.0, "6.0 months", id="exact"),
    ],
)
def test_break_even_and_payback(inputs, break_even, payback, payback_shown):
    answer = ok(inputs)
    assert answer["result"]["break_even_calls"] == break_even
    assert answer["result"]["payback_months"] == pytest.approx(payback)
    assert answer["display"]["payback"] == payback_shown
    assert answer["display"]["break_even_calls"] == f"{break_even:,} calls per year"


@pytest.mark.parametrize(
    ("calls", "why"),
    [
        # $200 a month of operations: 82,759 calls save $200.0008 a month, 82,758 save $199.9985.
        pytest.param("82758", "never", id="savings-just-below-running-costs"),
        pytest.param("82759", "pays", id="savings-just-above-running-costs"),
    ],
)
def test_payback_is_never_when_monthly_savings_do_not_cover_running_costs(calls, why):
    answer = ok({"calls_per_year": calls})
    if why == "never":
        assert answer["result"]["payback_months"] is None
        assert answer["display"]["payback"] == "never"
    else:
        assert answer["result"]["payback_months"] > 1_000_000


def test_break_even_is_the_first_volume_that_reaches_roi_1():
    be = ok({})["result"]["break_even_calls"]
    at = ok({"calls_per_year": str(be)})["result"]
    below = ok({"calls_per_year": str(be - 1)})["result"]
    assert at["roi"] >= 1.0
    assert at["verdict"] == "marginal"
    assert below["roi"] < 1.0
    assert below["verdict"] == "dont"


def test_no_calls_means_no_payback_but_a_break_even():
    result = ok({"calls_per_year": "0"})["result"]
    assert result["savings"] == 0
    assert result["roi"] == 0
    assert result["payback_months"] is None
    assert result["break_even_calls"] == 272_414


def test_equal_per_call_costs_never_pay_back():
    answer = ok({"large_cost_per_call": "0.001", "small_cost_per_call": "0.001"})
    result, shown = answer["result"], answer["display"]
    assert result["savings_per_call"] == 0
    assert result["savings"] == 0
    assert result["roi"] == 0
    assert result["verdict"] == "dont"
    assert result["break_even_calls"] is None
    assert result["payback_months"] is None
    assert shown["roi"] == "0"
    assert shown["payback"] == "never"
    assert shown["break_even_calls"].startswith("never")


def test_inverted_costs_give_a_negative_roi():
    # The "small" model costs more per call than the large one.
    answer = ok({"large_cost_per_call": "0.001", "small_cost_per_call": "0.030"})
    result, shown = answer["result"], answer["display"]
    assert result["savings"] == pytest.approx(-29000)
    assert result["roi"] == pytest.approx(-29000 / 7900)
    assert result["verdict"] == "dont"
    assert result["break_even_calls"] is None
    assert result["payback_months"] is None
    assert shown["roi"] == "\u22123.7"
    assert shown["savings"] == "\u2212$29,000"
    assert shown["payback"] == "never"


@pytest.mark.parametrize("saving", ["5e-324", "1e-310", "2e-308"])
def test_a_vanishing_per_call_saving_never_pays_back(saving):
    # 7,900 / 1e-310 overflows a float: "never", not a crash, NaN or infinity.
    answer = ok({"large_cost_per_call": saving, "small_cost_per_call": "0"})
    result, shown = answer["result"], answer["display"]
    assert result["savings_per_call"] > 0
    assert result["verdict"] == "dont"
    assert result["break_even_calls"] is None
    assert result["payback_months"] is None
    assert shown["break_even_calls"] == "never: the saving per call is too small"
    assert shown["payback"] == "never"
    json.dumps(answer, allow_nan=False)


# Break-even volumes whose exact value is a whole number, where float division lands a hair
# above it (27,900 / 0.03 = 930,000.0000000001): the answer is the whole number itself, and the
# verdict flips from "dont" to "marginal" exactly there.
@pytest.mark.parametrize(
    ("inputs", "break_even"),
    [
        pytest.param(
            {"cost_per_pair": "5", "large_cost_per_call": "0.03", "small_cost_per_call": "0"},
            930_000,
            id="5-dollar-pairs-27900-over-0.03",
        ),
        pytest.param(
            {
                "pairs": "0",
                "gpu_cost": "0",
                "large_cost_per_call": "0.06",
                "small_cost_per_call": "0",
            },
            40_000,
            id="ops-only-2400-over-0.06",
        ),
        pytest.param(
            {"large_cost_per_call": "0.000001", "small_cost_per_call": "0"},
            7_900_000_000,
            id="section5-cost-over-a-millionth",
        ),
        pytest.param({**EXACT, "calls_per_year": "5"}, 1000, id="exact-1000-over-1"),
        # The horizon scales the savings: two years halve the volume needed, half a year
        # doubles it.
        pytest.param({**EXACT, "months": "24"}, 500, id="exact-two-years"),
        pytest.param({**EXACT, "months": "6"}, 2000, id="exact-half-a-year"),
    ],
)
def test_break_even_is_exact_when_the_division_is(inputs, break_even):
    assert ok(inputs)["result"]["break_even_calls"] == break_even
    at = ok({**inputs, "calls_per_year": str(break_even)})["result"]
    below = ok({**inputs, "calls_per_year": str(break_even - 1)})["result"]
    assert at["verdict"] == "marginal"
    assert below["verdict"] == "dont"


def test_cost_under_a_cent_is_a_problem_not_a_division_by_zero():
    answer = run("roi", {"pairs": "0", "gpu_cost": "0", "monthly_ops": "0"})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["pairs"]
    assert "under one cent" in answer["problems"][0]["message"]


def test_one_cent_of_cost_is_enough():
    answer = ok({"pairs": "0", "gpu_cost": "0.01", "monthly_ops": "0"})
    assert answer["result"]["cost"] == pytest.approx(0.01)
    assert answer["result"]["verdict"] == "go"


def _numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)
    elif isinstance(value, float):
        yield value


@pytest.mark.parametrize(
    "inputs",
    [
        {},
        {"calls_per_year": "0"},
        # The largest that stay under $1 trillion (issue 19 refuses more)
        {"calls_per_year": "1000000000", "large_cost_per_call": "100", "gpu_cost": "0.01"},
        {"large_cost_per_call": "0", "small_cost_per_call": "100"},
        {"large_cost_per_call": "0.001", "small_cost_per_call": "0.001"},
        {"pairs": "100000000", "cost_per_pair": "5000", "months": "120"},
        {"large_cost_per_call": "0.000001", "small_cost_per_call": "0"},
    ],
)
def test_all_outputs_are_finite(inputs):
    answer = ok(inputs)
    values = list(_numbers(answer["result"]))
    assert values
    assert all(math.isfinite(v) for v in values)
    json.dumps(answer, allow_nan=False)


def test_series_covers_zero_to_past_break_even_and_current_volume():
    result = ok({})["result"]
    series = result["series"]
    assert len(series) == roi.SERIES_POINTS
    xs = [p["calls_per_year"] for p in series]
    assert xs[0] == 0
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    # top = max(2 × break-even, 1.25 × calls) = 1,250,000 for the chapter's numbers
    assert xs[-1] == 1_250_000
    assert xs[-1] >= result["break_even_calls"]


def test_series_points_rise_with_calls():
    series = ok({})["result"]["series"]
    rois = [p["roi"] for p in series]
    assert rois[0] == 0
    assert all(a < b for a, b in itertools.pairwise(rois))
    for p in series:
        assert p["roi"] == pytest.approx(p["calls_per_year"] * 0.029 / 7900)


def test_series_reaches_twice_break_even_when_calls_are_low():
    result = ok({"calls_per_year": "100000"})["result"]
    assert result["series"][-1]["calls_per_year"] == 2 * 272_414


def test_series_without_break_even_still_spans_current_volume():
    result = ok({"large_cost_per_call": "0.001", "small_cost_per_call": "0.001"})["result"]
    assert result["series"][-1]["calls_per_year"] == 1_250_000
    assert {p["roi"] for p in result["series"]} == {0.0}


def test_html_chart_is_returned():
    answer = ok({})
    assert set(answer["html"]) == {"chart", "sensitivity"}
    assert answer["html"]["chart"].startswith('<svg class="calc-chart" ')
    assert "ROI 3.7 at 1,000,000 calls" in answer["html"]["chart"]
    assert answer["html"]["sensitivity"].startswith('<svg class="calc-chart calc-tornado"')


@pytest.mark.parametrize("inputs", [{}, TOKENS], ids=["per-call", "tokens"])
def test_every_output_has_a_value(inputs):
    answer = ok(inputs)
    for output in roi.OUTPUTS:
        if output.kind == "html":
            assert answer["html"][output.key]
        elif output.key != "per_call" or inputs:  # derived prices only when quoted per token
            assert answer["display"][output.key]


def test_inputs_are_frozen_slotted_keyword_only():
    i = roi.Inputs()
    with pytest.raises(dataclasses.FrozenInstanceError):
        i.pairs = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        roi.Inputs(5000)  # type: ignore[misc]
    assert not hasattr(i, "__dict__")
    r = roi.compute(i)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.roi = 0  # type: ignore[misc]


def test_compute_directly_matches_run():
    direct = roi.compute(roi.Inputs(calls_per_year=100_000))
    assert direct.roi == pytest.approx(ok({"calls_per_year": "100000"})["result"]["roi"])
    assert direct.verdict is roi.Verdict.DONT


# --- Sensitivity: which inputs move ROI most (this site's addition) --------------------------

# The chapter's example with each input 20 % lower and higher, worked by hand:
# (inputs, ROI at −20 %, ROI at +20 %)
CHAPTER_SWINGS = [
    ("large_cost_per_call", 23_000 / 7900, 35_000 / 7900),  # saving $0.023 or $0.035 a call
    ("calls_per_year", 23_200 / 7900, 34_800 / 7900),
    ("pairs", 29_000 / 6900, 29_000 / 8900),  # labeling $4,000 or $6,000
    ("cost_per_pair", 29_000 / 6900, 29_000 / 8900),  # a tie with pairs: form order decides
    ("monthly_ops", 29_000 / 7420, 29_000 / 8380),
    ("gpu_cost", 29_000 / 7800, 29_000 / 8000),
    ("small_cost_per_call", 29_200 / 7900, 28_800 / 7900),
]


def test_sensitivity_of_the_chapters_example():
    result = ok({})["result"]
    found = [(s["field"], s["roi_low"], s["roi_high"]) for s in result["sensitivity"]]
    assert [f for f, _, _ in found] == [f for f, _, _ in CHAPTER_SWINGS]
    for (_, low, high), (_, want_low, want_high) in zip(found, CHAPTER_SWINGS, strict=True):
        assert low == pytest.approx(want_low)
        assert high == pytest.approx(want_high)
    swings = [s["swing"] for s in result["sensitivity"]]
    assert swings == sorted(swings, reverse=True)
    # hosting is $0: ±20 % of nothing is nothing, so it is listed apart, not ranked
    assert result["at_zero"] == ["hosting_monthly"]


def test_sensitivity_follows_the_price_basis():
    by_call = {s["field"] for s in ok({})["result"]["sensitivity"]}
    by_tokens = {s["field"] for s in ok(TOKENS)["result"]["sensitivity"]}
    token_fields = {"tokens_in", "tokens_out", "large_price_in", "large_price_out"}
    token_fields |= {"small_price_in", "small_price_out"}
    assert token_fields <= by_tokens
    assert not token_fields & by_call
    assert {"large_cost_per_call", "small_cost_per_call"} <= by_call - by_tokens
    assert "price_basis" not in by_call | by_tokens


def test_sensitivity_ranks_hosting_once_it_costs_something():
    result = ok({"hosting_monthly": "500"})["result"]
    assert "hosting_monthly" in [s["field"] for s in result["sensitivity"]]
    assert result["at_zero"] == []


def test_sensitivity_with_no_calls_moves_nothing_but_still_lists_the_inputs():
    result = ok({"calls_per_year": "0"})["result"]
    assert result["at_zero"] == ["hosting_monthly", "calls_per_year"]
    assert {s["swing"] for s in result["sensitivity"]} == {0.0}


# --- Scenarios: the numbers a side-by-side comparison shows ----------------------------------

# Payback: $5,500, $5,500, $25,500 and $5,500 up front over monthly savings less running costs
# ($2,216.67, $41.67, $2,216.67; with $3,200 a month running it never pays back).


@pytest.mark.parametrize(
    ("inputs", "row"),
    [
        pytest.param(
            {}, ["12 months", "$7,900", "$29,000", "3.7", "Go", "2.5 months"], id="section5"
        ),
        pytest.param(
            {"calls_per_year": "100000"},
            ["12 months", "$7,900", "$2,900", "0.37", "Don't ship", "132.0 months"],
            id="exercise3",
        ),
        pytest.param(
            {"cost_per_pair": "5"},
            ["12 months", "$27,900", "$29,000", "1.0", "Marginal", "11.5 months"],
            id="5-dollars-a-pair",
        ),
        pytest.param(
            {"hosting_monthly": "3000"},
            ["12 months", "$43,900", "$29,000", "0.66", "Don't ship", "never"],
            id="always-on-gpu",
        ),
    ],
)
def test_compare_row_is_short(inputs, row):
    shown = ok(inputs)["display"]
    assert [shown[o.key] for o in roi.COMPARE] == row
    assert all(len(shown[o.key]) <= 20 for o in roi.COMPARE)


# --- Issue 19: the tornado, money on screen, conventional ROI, a delay, price levers ---------


def test_tornado_leaves_the_horizon_alone_and_stays_inside_the_form():
    # Defect 7. Before: months was varied (a choice, not an uncertainty) up to 144, past the
    # form's 120.
    specs = {f.name: f.spec for f in fields("roi")}
    for inputs in ({}, {"months": "120"}, {"large_cost_per_call": "100", "pairs": "100000000"}):
        swings = ok(inputs)["result"]["sensitivity"]
        assert "months" not in [s["field"] for s in swings]
        for s in swings:
            assert specs[s["field"]].min <= s["low"] <= s["high"] <= specs[s["field"]].max, s


@pytest.mark.parametrize(
    ("inputs", "shown"),
    [
        # Defect 8. Before: cost "$0", savings "$0", "1 calls per year".
        pytest.param(
            {"pairs": "0", "gpu_cost": "0", "monthly_ops": "0.001", "calls_per_year": "1"},
            {"cost": "$0.012", "savings": "$0.029", "break_even_calls": "1 call per year"},
            id="cents",
        ),
        # Before: "$0.800".
        pytest.param(
            {"large_cost_per_call": "0.8"},
            {"large_per_call": "$0.80", "savings_per_call": "$0.799"},
            id="eighty-cents",
        ),
        pytest.param({"gpu_cost": "512.5"}, {"cost": "$7,912.50"}, id="cents-kept-under-10K"),
        pytest.param({}, {"cost": "$7,900", "net_roi": "2.7 (267%)"}, id="chapter"),
    ],
)
def test_money_is_shown_to_the_cent_or_three_figures(inputs, shown):
    display = ok(inputs)["display"]
    assert {k: display[k] for k in shown} == shown


def test_absurd_magnitudes_get_a_clear_message():
    # Before: savings of $999,990,000,000,000 were printed as if they meant something.
    answer = run(
        "roi",
        {"calls_per_year": "1000000000000", "large_cost_per_call": "100", "months": "120"},
    )
    assert answer["ok"] is False
    assert answer["problems"] == [
        {
            "field": "calls_per_year",
            "message": "The savings come to more than $1 trillion: check the call volume and "
            "the prices.",
        }
    ]


@pytest.mark.parametrize(
    ("delay", "savings", "payback"),
    [
        pytest.param("0", 29_000, 5500 / (29000 / 12 - 200), id="chapter-day-one"),
        # Five months to label and train: seven months of savings in the first year; the running
        # costs run all year. Payback: (5,500 + 5 × 2,416.67) ÷ (2,416.67 − 200).
        pytest.param(
            "5", 29_000 * 7 / 12, (5500 + 5 * 29000 / 12) / (29000 / 12 - 200), id="five-months"
        ),
        # No savings within the year; payback does not depend on the horizon.
        pytest.param(
            "12", 0, (5500 + 12 * 29000 / 12) / (29000 / 12 - 200), id="nothing-within-the-year"
        ),
    ],
)
def test_a_delay_before_savings_start(delay, savings, payback):
    result = ok({"delay_months": delay})["result"]
    assert result["savings"] == pytest.approx(savings)
    assert result["cost"] == pytest.approx(7900)
    assert result["payback_months"] == pytest.approx(payback)


def test_the_scenarios_show_the_horizon():
    # Defect 2: two scenarios over different horizons must not look alike.
    assert "horizon" in [o.key for o in roi.COMPARE]
    assert ok({})["display"]["horizon"] == "12 months"
    assert ok({"months": "36", "delay_months": "4"})["display"]["horizon"] == (
        "36 months, savings from month 5"
    )


@pytest.mark.parametrize(
    ("inputs", "large", "small"),
    [
        # Half the calls through a batch API at half price: 0.75 of each per-call price.
        pytest.param({"batch_share": "50"}, 0.0225, 0.00075, id="batch-half"),
        # Tokens: 1,000 in, 200 out; 80 % of the input read from a cache at a tenth of the price.
        # Large: (1,000 × 15 × (0.2 + 0.8 × 0.1) + 200 × 75) / 1M = 0.0042 + 0.015.
        pytest.param(
            {**TOKENS, "cached_share": "80"}, 0.0192, 0.00064, id="cache-80-percent-of-input"
        ),
    ],
)
def test_batch_and_cache_shares_lower_both_prices(inputs, large, small):
    result = ok(inputs)["result"]
    assert (result["large_per_call"], result["small_per_call"]) == pytest.approx((large, small))


def test_labels_from_a_larger_model_cost_cents_per_pair():
    people = ok({})["result"]
    model = ok({"label_source": "model"})["result"]
    assert people["labeling_cost"] == 5000
    assert model["labeling_cost"] == pytest.approx(5000 * 0.03)  # the default: one large call
    assert ok({"label_source": "model", "model_cost_per_pair": "0.05"})["result"][
        "labeling_cost"
    ] == pytest.approx(250)
    # cost_per_pair no longer applies, so the tornado does not vary it
    fields_ = [s["field"] for s in model["sensitivity"]]
    assert "cost_per_pair" not in fields_
    assert "model_cost_per_pair" in fields_
