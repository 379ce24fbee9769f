"""calc.poc: section 5, "PoC phase — 100–500 examples first"."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from contract import succeeds
from hypothesis import given
from hypothesis import strategies as st

from calc import poc, run

INSIDE = "within the 100–500 the chapter asks for"


ok = succeeds("poc")


@pytest.mark.parametrize(
    ("baseline", "score", "delta", "verdict", "delta_shown"),
    [
        # Exercise 4: "Your PoC (100 samples) hit baseline +1 point instead of +5."
        pytest.param("70", "71", 1, "revisit", "+1 point", id="exercise4-plus-1"),
        # "if baseline + 5 points better → go full scale"
        pytest.param("70", "75", 5, "scale_up", "+5 points", id="plus-5-exactly"),
        pytest.param("70", "74.9", 4.9, "revisit", "+4.9 points", id="plus-4.9"),
        # "If +5 points doesn't appear → more data won't fix it; revisit your approach"
        pytest.param("70", "70", 0, "revisit", "0 points", id="no-movement"),
        pytest.param("70", "65.5", -4.5, "revisit", "\u22124.5 points", id="worse"),
        pytest.param("60", "80", 20, "scale_up", "+20 points", id="plus-20"),
        # 75.1 − 70.1 is 4.999999999999986 in floating point: still exactly +5 points
        pytest.param("70.1", "75.1", 5, "scale_up", "+5 points", id="plus-5-with-decimals"),
    ],
)
def test_verdict(baseline, score, delta, verdict, delta_shown):
    answer = ok({"baseline": baseline, "poc_score": score})
    assert answer["result"]["delta"] == pytest.approx(delta)
    assert answer["result"]["verdict"] == verdict
    assert answer["display"]["delta"] == delta_shown
    expected = "Scale up" if verdict == "scale_up" else "Revisit the approach"
    assert answer["display"]["verdict"].startswith(expected)


@pytest.mark.parametrize(
    ("baseline", "score", "shown"),
    [("70", "69", "\u22121 point"), ("70", "71.04", "+1 point"), ("70", "72", "+2 points")],
)
def test_one_point_is_singular(baseline, score, shown):
    assert ok({"baseline": baseline, "poc_score": score})["display"]["delta"] == shown


def test_exercise4_defaults():
    # The widget opens on exercise 4: baseline 70, PoC 71, 100 samples.
    answer = ok({})
    assert answer["inputs"] == {"baseline": 70, "poc_score": 71, "samples": 100, "eval_size": 1000}
    result = answer["result"]
    assert (result["delta"], result["verdict"], result["samples_in_range"]) == (1, "revisit", True)


@pytest.mark.parametrize(
    ("samples", "inside"),
    [
        pytest.param("1", False, id="1"),
        pytest.param("99", False, id="99"),
        pytest.param("100", True, id="100"),
        pytest.param("250", True, id="250"),
        pytest.param("500", True, id="500"),
        pytest.param("501", False, id="501"),
        pytest.param("5000", False, id="5K-is-full-training"),
    ],
)
def test_sample_range(samples, inside):
    # "Grab 100–500 real examples"
    answer = ok({"samples": samples})
    assert answer["result"]["samples_in_range"] is inside
    shown = answer["display"]["samples"]
    if inside:
        assert shown == INSIDE
    else:
        assert shown.startswith("outside the 100–500 range")


def test_rule_constants():
    assert poc.SCALE_UP_AT == 5.0
    assert poc.SAMPLES == (100, 500)
    assert NormalDist().inv_cdf(0.975) == poc.Z95


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("baseline", "101"),
        ("baseline", "-1"),
        ("poc_score", "abc"),
        ("samples", "0"),
        ("samples", "100.5"),
        ("eval_size", "0"),
        ("eval_size", "2.5"),
        ("eval_size", ""),
    ],
)
def test_bad_inputs(field, value):
    answer = run("poc", {field: value})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == [field]


def hand_interval(baseline: float, score: float, n: int) -> tuple[float, float]:
    """The 95 % Wald interval for a difference of two proportions, in points, by hand."""
    p1, p2 = baseline / 100, score / 100
    half = 1.96 * math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / n)
    low, high = (p2 - p1 - half) * 100, (p2 - p1 + half) * 100
    return max(low, -100), min(high, 100)


# Is the PoC's gain real? Scores read as accuracies (%) on `eval_size` examples each.
@pytest.mark.parametrize(
    ("baseline", "score", "n", "low", "high", "interval_shown", "noise"),
    [
        # Exercise 4 on a 1,000-example eval set (Gate ②'s minimum): +1 is well inside the noise.
        pytest.param("70", "71", "1000", -2.997, 4.997, "−3 to +5 points", True, id="exercise4"),
        pytest.param("70", "71", "10000", -0.264, 2.264, "−0.3 to +2.3 points", True, id="10K"),
        pytest.param("70", "71", "100000", 0.600, 1.400, "+0.6 to +1.4 points", False, id="100K"),
        pytest.param("70", "75", "1000", 1.092, 8.908, "+1.1 to +8.9 points", False, id="plus-5"),
        pytest.param("70", "75", "100", -7.357, 17.357, "−7.4 to +17.4 points", True, id="n100"),
        pytest.param("70", "65", "1000", -9.100, -0.900, "−9.1 to −0.9 points", False, id="worse"),
        pytest.param("70", "70", "1000", -4.016, 4.016, "−4 to +4 points", False, id="no-gain"),
        pytest.param("100", "100", "1000", 0, 0, "0 to 0 points", False, id="both-perfect"),
        pytest.param("50", "100", "1", -47.998, 100, "−48 to +100 points", True, id="clipped"),
    ],
)
def test_interval_of_the_gain(baseline, score, n, low, high, interval_shown, noise):
    answer = ok({"baseline": baseline, "poc_score": score, "eval_size": n})
    result, shown = answer["result"], answer["display"]
    assert result["interval"] == pytest.approx([low, high], abs=0.001)
    assert result["interval"] == pytest.approx(
        hand_interval(float(baseline), float(score), int(n)), abs=0.01
    )
    assert result["gain_may_be_noise"] is noise
    assert (
        shown["interval"]
        == f"{interval_shown} (95%, on {int(n):,} eval {'example' if n == '1' else 'examples'})"
    )
    if noise:
        assert shown["warning"].startswith(f"The gain of {shown['delta']} may be noise")
    else:
        assert shown["warning"] == ""


def test_chapter_example_warns_and_keeps_the_verdict():
    shown = ok({})["display"]
    assert shown["warning"] == (
        "The gain of +1 point may be noise: its 95% interval, −3 to +5 points, includes 0. "
        "Measure on a larger eval set before you read anything into it."
    )
    assert shown["verdict"].startswith("Revisit the approach")


def test_the_5_point_rule_still_decides():
    # +5 on 100 examples: the interval says it may be noise, the chapter's rule says scale up.
    answer = ok({"baseline": "70", "poc_score": "75", "eval_size": "100"})
    assert answer["result"]["verdict"] == "scale_up"
    assert answer["result"]["gain_may_be_noise"] is True
    assert answer["display"]["warning"].startswith("The gain of +5 points may be noise")


scores = st.integers(0, 1000).map(lambda k: k / 10)


@given(baseline=scores, score=scores, n=st.integers(1, 10**7))
def test_interval_matches_the_hand_formula_and_holds_the_gain(baseline, score, n):
    result = ok({"baseline": str(baseline), "poc_score": str(score), "eval_size": str(n)})["result"]
    low, high = result["interval"]
    assert (low, high) == pytest.approx(hand_interval(baseline, score, n), abs=0.01)
    assert -100 <= low <= result["delta"] + 1e-9
    assert result["delta"] - 1e-9 <= high <= 100
    assert result["gain_may_be_noise"] is (result["delta"] > 0 and low <= 0)


@given(baseline=scores, score=scores, n=st.integers(1, 10**6))
def test_more_eval_examples_never_widen_the_interval(baseline, score, n):
    def width(size: int) -> float:
        low, high = ok(
            {"baseline": str(baseline), "poc_score": str(score), "eval_size": str(size)}
        )["result"]["interval"]
        return high - low

    assert width(n * 4) <= width(n) + 1e-9
