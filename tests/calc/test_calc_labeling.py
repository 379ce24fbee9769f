"""calc.labeling: section 6, "Underestimating labeling cost"."""

from __future__ import annotations

import pytest
from contract import succeeds

from calc import run

SINGLE = "One labeler for everything bakes that person's biases into the model"


ok = succeeds("labeling")


@pytest.mark.parametrize(
    ("inputs", "days", "low", "high", "cost_shown", "single"),
    [
        # "Making 5K (q,a) pairs ... one labeler at 50/day needs 100 working days.
        #  Outsourcing runs $1–5 per pair."
        pytest.param({}, 100, 5000, 25000, "$5,000–$25,000", True, id="pitfall-5K-one-labeler"),
        pytest.param(
            {"labelers": "2"}, 50, 5000, 25000, "$5,000–$25,000", False, id="two-labelers"
        ),
        # 5,000 / (3 × 50) = 33.3 → a started day counts: 34
        pytest.param(
            {"labelers": "3"}, 34, 5000, 25000, "$5,000–$25,000", False, id="rounds-days-up"
        ),
        # Section 5 ROI example uses 5K × $1
        pytest.param(
            {"cost_high": "1"}, 100, 5000, 5000, "$5,000", True, id="single-price-no-range"
        ),
        pytest.param(
            {"pairs": "1000", "pairs_per_day": "40", "cost_low": "2.5", "cost_high": "3"},
            25,
            2500,
            3000,
            "$2,500–$3,000",
            True,
            id="eval-set-sized",
        ),
    ],
)
def test_effort_and_cost(inputs, days, low, high, cost_shown, single):
    answer = ok(inputs)
    result, shown = answer["result"], answer["display"]
    assert result["working_days"] == days
    assert result["cost_low"] == low
    assert result["cost_high"] == high
    assert result["single_labeler"] is single
    assert shown["days"] == f"{days:,}"
    assert shown["cost_range"] == cost_shown
    if single:
        assert shown["warning"].startswith(SINGLE)
    else:
        assert shown["warning"] == ""


def test_defaults_are_the_chapter_pace():
    assert ok({})["inputs"] == {
        "pairs": 5000,
        "labelers": 1,
        "pairs_per_day": 50,
        "cost_low": 1,
        "cost_high": 5,
    }


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        ("5", "1", "Must be at least the low end, $5."),
        ("2.5", "2", "Must be at least the low end, $2.50."),
        ("1,500", "2", "Must be at least the low end, $1,500."),
    ],
)
def test_cost_high_below_cost_low_is_a_sentence_at_cost_high(low, high, message):
    answer = run("labeling", {"cost_low": low, "cost_high": high})
    assert answer["problems"] == [{"field": "cost_high", "message": message}]


def test_equal_costs_are_fine():
    assert ok({"cost_low": "3", "cost_high": "3"})["display"]["cost_range"] == "$15,000"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("labelers", "0"),
        ("labelers", "1.5"),
        ("pairs", "0"),
        ("pairs_per_day", "0"),
        ("cost_low", "-1"),
    ],
)
def test_out_of_range_inputs_are_problems(field, value):
    answer = run("labeling", {field: value})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == [field]
