"""Properties of `calc.run` that must hold for any input a page, a link or a terminal can send."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calc import CALCULATORS, run
from calc._form import Spec, specs

NAMES = list(CALCULATORS)
SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # profile: conftest

# Strings a reader, a hand-edited link or a fuzzer might send.
TRICKY = [
    "",
    " ",
    "yes",
    "no",
    "YES",
    "maybe",
    "nan",
    "-nan",
    "inf",
    "-inf",
    "Infinity",
    "1e308",
    "1e309",
    "-1e308",
    "5e-324",
    "1e-300",
    "5,000",
    "1,00",
    "$1",
    "$",
    "-$5",
    "0x10",
    "1_000",
    "0",
    "-0",
    "0.0",
    "5000.5",
    "fails-on-eval",
    "solves",
    "untested",
    "classification",
    "instruction_tuning",
    "stock_prices",
    "2026-02-30",
    "2026-11-25",
    "# heading\nline",
    "9" * 10_001,
]

numeric_text = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=10**6).map(lambda n: f"${n}"),
    st.floats().map(repr),
    st.floats(min_value=0, max_value=1e13).map(str),
    st.floats(min_value=0, max_value=1, allow_subnormal=True).map(repr),
)
any_text = st.one_of(st.sampled_from(TRICKY), numeric_text, st.text(max_size=60))


def _keys(name: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(sorted(specs(CALCULATORS[name].Inputs))), st.text(max_size=20))


def _arbitrary(name: str) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(_keys(name), any_text, max_size=len(specs(CALCULATORS[name].Inputs)) + 2)


def _valid_text(spec: Spec) -> st.SearchStrategy[str]:
    """Strings that each parse on their own (cross-field rules may still object)."""
    if spec.kind == "number":
        if spec.integer:
            ints = st.integers(min_value=int(spec.min), max_value=int(spec.max))
            values = st.one_of(ints.map(str), ints.map(lambda n: f"{n:,}"))
        else:
            values = st.floats(min_value=spec.min, max_value=spec.max, allow_nan=False).map(repr)
    elif spec.kind == "choice":
        values = st.sampled_from([v for v, _ in spec.choices])
    elif spec.kind == "date":
        values = st.dates(min_value=datetime.date(1000, 1, 1)).map(datetime.date.isoformat)
    else:
        values = st.text(max_size=spec.max_length).filter(
            lambda s: len(s.strip()) <= spec.max_length
        )
    return st.one_of(values, st.just("")) if spec.optional else values


def _valid(name: str) -> st.SearchStrategy[dict[str, str]]:
    fields = specs(CALCULATORS[name].Inputs)
    return st.fixed_dictionaries({}, optional={f: _valid_text(s) for f, s in fields.items()})


def _check_answer(name: str, inputs: dict, answer: dict) -> None:
    text = json.dumps(answer, allow_nan=False)  # JSON-safe: no NaN, no Infinity
    assert json.loads(text) == answer
    assert answer["calculator"] == name
    if answer["ok"]:
        expected = {"ok", "calculator", "inputs", "result", "display", "summary"}
        if name == "roi":
            expected.add("html")
        assert set(answer) == expected
        assert all(isinstance(v, str) for v in answer["display"].values())
        assert all(isinstance(k, str) for k in answer["display"])
    else:
        assert set(answer) == {"ok", "calculator", "problems"}
        assert answer["problems"]
        known = set(specs(CALCULATORS[name].Inputs)) | set(inputs)
        for problem in answer["problems"]:
            assert isinstance(problem["message"], str)
            assert problem["message"]
            assert len(problem["message"]) < 400
            # A known calculator with a mapping of inputs: every problem names a field; a
            # problem without one means calc's own calculation failed.
            assert problem["field"] in known, problem


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_run_never_raises_and_is_json_safe(name, data):
    inputs = data.draw(_arbitrary(name))
    _check_answer(name, inputs, run(name, inputs))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_valid_fields_always_compute(name, data):
    inputs = data.draw(_valid(name))
    answer = run(name, inputs)
    _check_answer(name, inputs, answer)
    if not answer["ok"]:
        # Only the rules that involve several fields may object to individually valid values.
        # (PoC: a score must be possible on the eval size, and the per-item counts must agree.)
        # (ROI: more than $1 trillion of cost or savings is refused.)
        several = {"pairs", "cost_high", "calls_per_year", "baseline", "poc_score"}
        several |= {"only_poc", "only_baseline"}
        assert {p["field"] for p in answer["problems"]} <= several, answer


@SETTINGS
@given(data=st.data())
def test_problems_come_one_per_bad_field(data):
    inputs = data.draw(_arbitrary("roi"))
    answer = run("roi", inputs)
    if not answer["ok"]:
        named = [p["field"] for p in answer["problems"]]
        assert len(named) == len(set(named))


ROI_SETTINGS = {"months", "delay_months", "batch_share", "cached_share"}


def _roi_inputs(**fixed: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, str]]:
    fields = specs(CALCULATORS["roi"].Inputs)
    return st.fixed_dictionaries({f: fixed.get(f, _valid_text(s)) for f, s in fields.items()})


def _roi(inputs: dict[str, str]) -> dict:
    answer = run("roi", inputs)
    assume(answer["ok"])
    return answer["result"]


@SETTINGS
@given(inputs=_roi_inputs(), calls=st.lists(st.integers(0, 10**12), min_size=2, max_size=2))
def test_roi_rises_with_calls_when_the_small_model_is_cheaper(inputs, calls):
    small, large = sorted(calls)
    base = _roi(inputs)
    assume(base["savings_per_call"] > 0)
    low = _roi({**inputs, "calls_per_year": str(small)})
    high = _roi({**inputs, "calls_per_year": str(large)})
    assert low["roi"] <= high["roi"]
    assert low["savings"] <= high["savings"]


@SETTINGS
@given(inputs=_roi_inputs(), pairs=st.lists(st.integers(0, 10**8), min_size=2, max_size=2))
def test_roi_falls_as_pairs_grow(inputs, pairs):
    few, many = sorted(pairs)
    base = _roi(inputs)
    assume(base["savings"] >= 0)
    a = _roi({**inputs, "pairs": str(few)})
    b = _roi({**inputs, "pairs": str(many)})
    assert a["cost"] <= b["cost"]
    assert a["roi"] >= b["roi"]


@SETTINGS
@given(inputs=_roi_inputs())
def test_roi_is_savings_over_cost_and_outputs_are_finite(inputs):
    r = _roi(inputs)
    assert r["cost"] >= 0.01
    parts = r["labeling_cost"] + r["gpu_cost"] + r["ops_cost"] + r["hosting_cost"]
    assert math.isclose(r["cost"], parts)
    assert math.isclose(r["roi"], r["savings"] / r["cost"])
    expected = "go" if r["roi"] >= 1.5 else "marginal" if r["roi"] >= 1.0 else "dont"
    assert r["verdict"] == expected
    saving_months = int(inputs["months"]) - int(inputs["delay_months"])
    if r["savings_per_call"] <= 0 or saving_months <= 0:
        assert r["break_even_calls"] is None
    elif r["savings_per_call"] >= 1e-200:
        assert r["break_even_calls"] is not None
    if r["payback_months"] is not None:  # payback does not depend on the horizon
        assert r["savings_per_call"] > 0
        assert math.isfinite(r["payback_months"])
        assert r["payback_months"] >= 0
    rois = [p["roi"] for p in r["series"]]
    assert all(math.isfinite(v) for v in rois)
    if r["savings_per_call"] >= 0:
        assert rois == sorted(rois)


@SETTINGS
@given(inputs=_roi_inputs(delay_months=st.just("0")))  # a delay past the horizon never breaks even
def test_break_even_is_the_first_volume_with_roi_of_1(inputs):
    r = _roi(inputs)
    be = r["break_even_calls"]
    assume(be is not None and be <= 10**12)
    at = _roi({**inputs, "calls_per_year": str(be)})
    assert at["roi"] >= 1.0
    assert at["verdict"] != "dont"
    if be > 0:
        below = _roi({**inputs, "calls_per_year": str(be - 1)})
        assert below["verdict"] == "dont"


@SETTINGS
@given(
    inputs=_roi_inputs(
        large_cost_per_call=st.floats(0.001, 100).map(repr),
        small_cost_per_call=st.floats(0, 0.001).map(repr),
        calls_per_year=st.integers(10**4, 10**12).map(str),
        monthly_ops=st.floats(0, 10_000).map(repr),
        price_basis=st.just("call"),
        delay_months=st.just("0"),  # savings from day one: the chapter's model
    ),
    months=st.lists(st.integers(1, 120), min_size=2, max_size=2),
)
def test_roi_rises_with_months_when_monthly_savings_exceed_monthly_costs(inputs, months):
    # `months` is the horizon of the whole model: each month adds its savings and its running
    # costs, so once the savings outrun the running costs a longer horizon can only help.
    short, long = sorted(months)
    a = _roi({**inputs, "months": str(short)})
    b = _roi({**inputs, "months": str(long)})
    monthly_savings = a["savings_per_call"] * int(inputs["calls_per_year"].replace(",", "")) / 12
    assume(monthly_savings > (a["ops_cost"] + a["hosting_cost"]) / short)
    assert a["roi"] <= b["roi"] or math.isclose(a["roi"], b["roi"], rel_tol=1e-12)
    assert math.isclose(b["savings"] * short, a["savings"] * long, rel_tol=1e-12)


@SETTINGS
@given(
    inputs=_roi_inputs(
        price_basis=st.just("tokens"), batch_share=st.just("0"), cached_share=st.just("0")
    )
)
def test_per_call_price_from_tokens_is_the_hand_formula(inputs):
    r = _roi(inputs)
    n = {
        k: float(v.replace(",", ""))
        for k, v in inputs.items()
        if k not in ("price_basis", "label_source")
    }
    large = (n["tokens_in"] * n["large_price_in"] + n["tokens_out"] * n["large_price_out"]) / 1e6
    small = (n["tokens_in"] * n["small_price_in"] + n["tokens_out"] * n["small_price_out"]) / 1e6
    assert r["large_per_call"] == large
    assert r["small_per_call"] == small
    assert r["savings_per_call"] == large - small


@SETTINGS
@given(inputs=_roi_inputs())
def test_sensitivity_points_are_direct_recomputes(inputs):
    assume(run("roi", inputs)["ok"])
    i = CALCULATORS["roi"].Inputs.from_strings(inputs)
    r = CALCULATORS["roi"].compute(i)
    bounds = specs(CALCULATORS["roi"].Inputs)
    for s in r.sensitivity:
        value, spec = getattr(i, s.field), bounds[s.field]
        assert s.field not in ROI_SETTINGS  # the plan's settings are not estimates
        # ±20 %, inside the form's own bounds (issue 19)
        assert (s.low, s.high) == (max(value * 0.8, spec.min), min(value * 1.2, spec.max))
        low = CALCULATORS["roi"].compute(dataclasses.replace(i, **{s.field: s.low}))
        high = CALCULATORS["roi"].compute(dataclasses.replace(i, **{s.field: s.high}))
        assert (s.roi_low, s.roi_high) == (low.roi, high.roi)
        assert s.swing == abs(high.roi - low.roi)
    swings = [s.swing for s in r.sensitivity]
    assert swings == sorted(swings, reverse=True)
    for f in r.at_zero:
        assert getattr(i, f) == 0


# Round numbers as people type them ("$27,900", "0.03"): break-even is then often a whole number
# in exact arithmetic, where float division can land a hair above it.
prices = st.decimals(min_value=0, max_value=1, places=3).map(str)
hundreds = st.integers(min_value=0, max_value=1000).map(lambda n: str(n * 100))


@SETTINGS
@given(
    inputs=_roi_inputs(
        pairs=st.sampled_from(["0", "1000", "5000", "20000"]),
        cost_per_pair=st.sampled_from(["0", "1", "2", "5"]),
        gpu_cost=hundreds,
        monthly_ops=hundreds,
        large_cost_per_call=prices,
        small_cost_per_call=st.one_of(st.just("0"), prices),
        price_basis=st.just("call"),
    )
)
def test_break_even_agrees_with_the_verdict_for_typed_prices(inputs):
    r = _roi(inputs)
    be = r["break_even_calls"]
    assume(be is not None and be <= 10**12)
    assert _roi({**inputs, "calls_per_year": str(be)})["verdict"] != "dont"
    if be > 0:
        assert _roi({**inputs, "calls_per_year": str(be - 1)})["verdict"] == "dont"


@SETTINGS
@given(inputs=_valid("labeling"))
def test_labeling_days_are_enough_and_not_more(inputs):
    answer = run("labeling", inputs)
    assume(answer["ok"])
    i, r = answer["inputs"], answer["result"]
    per_day = i["labelers"] * i["pairs_per_day"]
    assert r["working_days"] * per_day >= i["pairs"] * (1 - 1e-12)
    assert (r["working_days"] - 1) * per_day < i["pairs"]
    assert r["cost_low"] <= r["cost_high"]


@SETTINGS
@given(inputs=_valid("gates"))
def test_gates_verdict_follows_the_first_gate_that_does_not_pass(inputs):
    answer = run("gates", inputs)
    assume(answer["ok"])
    r = answer["result"]
    statuses = [g["status"] for g in r["gates"]]
    if all(s == "pass" for s in statuses):
        assert r["verdict"] == "poc"
        assert r["blocking_gate"] is None
    else:
        assert r["verdict"] == "hold"
        assert r["blocking_gate"] == 1 + next(k for k, s in enumerate(statuses) if s != "pass")


@SETTINGS
@given(title=st.text(max_size=200), deciders=st.text(max_size=200))
def test_record_free_text_never_adds_lines(title, deciders):
    answer = run("record", {"title": title, "deciders": deciders})
    assume(answer["ok"])
    plain = run(
        "record",
        {"title": "t" if title.strip() else "", "deciders": "d" if deciders.strip() else ""},
    )
    md = answer["display"]["record"]
    assert md.count("\n") == plain["display"]["record"].count("\n")
    assert len(md.splitlines()) == len(plain["display"]["record"].splitlines())
