"""calc.poc: section 5, "PoC phase — 100–500 examples first"."""

from __future__ import annotations

import pytest
from contract import succeeds

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
    assert answer["inputs"] == {"baseline": 70, "poc_score": 71, "samples": 100}
    assert answer["result"] == {"delta": 1, "verdict": "revisit", "samples_in_range": True}


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


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("baseline", "101"),
        ("baseline", "-1"),
        ("poc_score", "abc"),
        ("samples", "0"),
        ("samples", "100.5"),
    ],
)
def test_bad_inputs(field, value):
    answer = run("poc", {field: value})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == [field]
