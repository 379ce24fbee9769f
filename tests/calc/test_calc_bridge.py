"""calc.run and friends: the JSON contract shared by the hook, the worker and the CLI."""

from __future__ import annotations

import dataclasses
import json

import pytest
from contract import READINESS_FIELDS, ROI_FIELDS

import calc
from calc import CALCULATORS, defaults, fields, poc, run

NAMES = ["roi", "readiness", "gates", "data_volume", "labeling", "poc", "approach", "record"]


def test_public_api():
    assert sorted(calc.__all__) == [
        "CALCULATORS",
        "InputError",
        "Problem",
        "defaults",
        "fields",
        "run",
    ]


def test_calculator_names():
    assert list(CALCULATORS) == NAMES


@pytest.mark.parametrize(
    ("name", "pinned"),
    [
        ("roi", ROI_FIELDS),
        ("readiness", READINESS_FIELDS),
        ("gates", ["prompt_rag", "eval_pairs", *ROI_FIELDS, "pipeline", "gpu_budget", "owner"]),
    ],
)
def test_pinned_field_names(name, pinned):
    assert set(pinned) <= {f for _, f, _ in fields(name)}
    assert set(pinned) <= set(run(name, {})["inputs"])


@pytest.mark.parametrize("name", NAMES)
def test_success_shape(name):
    answer = run(name, {})
    expected = {"ok", "calculator", "inputs", "result", "display"}
    if name == "roi":
        expected.add("html")
    assert set(answer) == expected
    assert answer["ok"] is True
    assert answer["calculator"] == name
    assert all(isinstance(v, str) for v in answer["display"].values())
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_output_is_filled(name):
    answer = run(name, {})
    module = CALCULATORS[name]
    for output in module.OUTPUTS:
        where = answer["html"] if output.kind == "html" else answer["display"]
        assert output.key in where, output


@pytest.mark.parametrize("name", NAMES)
def test_defaults_round_trip(name):
    # The widget starts from defaults(name); sending those strings back gives the default answer.
    assert run(name, defaults(name)) == run(name, {})


def test_roi_defaults_are_the_chapter_numbers():
    assert defaults("roi") == {
        "pairs": "5000",
        "cost_per_pair": "1",
        "gpu_cost": "500",
        "monthly_ops": "200",
        "months": "12",
        "large_cost_per_call": "0.03",
        "small_cost_per_call": "0.001",
        "calls_per_year": "1000000",
    }


def test_unanswered_defaults_are_empty_strings():
    assert defaults("readiness") == dict.fromkeys(READINESS_FIELDS, "")
    d = defaults("gates")
    assert [d[k] for k in ("prompt_rag", "eval_pairs", "pipeline", "gpu_budget", "owner")] == [
        ""
    ] * 5


def test_fields_follow_declared_groups():
    legends = [legend for legend, _, _ in fields("gates")]
    order = [f for _, f, _ in fields("gates")]
    assert order[0] == "prompt_rag"
    assert order[1] == "eval_pairs"
    assert order[2:10] == ROI_FIELDS
    assert order[10:] == ["pipeline", "gpu_budget", "owner"]
    assert all(legends)
    assert [f for _, f, _ in fields("roi")] == ROI_FIELDS


def test_inputs_are_normalised():
    answer = run("roi", {"pairs": " 5,000 ", "cost_per_pair": "$1", "months": "12.0"})
    assert answer["ok"] is True
    assert answer["inputs"]["pairs"] == 5000
    assert answer["inputs"]["months"] == 12
    assert isinstance(answer["inputs"]["months"], int)
    assert answer["inputs"]["cost_per_pair"] == 1.0


@pytest.mark.parametrize("name", ["nope", "ROI", "", " roi", "roi\n"])
def test_unknown_calculator(name):
    answer = run(name, {})
    assert answer["ok"] is False
    assert answer["calculator"] == name
    assert len(answer["problems"]) == 1
    problem = answer["problems"][0]
    assert problem["field"] is None
    assert repr(name) in problem["message"]
    assert "roi, readiness, gates" in problem["message"]
    json.dumps(answer, allow_nan=False)


@pytest.mark.parametrize("name", [None, 3, ["roi"], {"roi": 1}])
def test_non_string_calculator_name(name):
    answer = run(name, {})  # type: ignore[arg-type]
    assert answer["ok"] is False
    assert answer["calculator"] is None
    assert [p["field"] for p in answer["problems"]] == [None]
    json.dumps(answer, allow_nan=False)


def test_unknown_calculator_name_is_shortened():
    answer = run("x" * 10_000, {})
    assert answer["ok"] is False
    assert len(answer["problems"][0]["message"]) < 200


@pytest.mark.parametrize("inputs", [None, "pairs=1", ["pairs", "1"], [("pairs", "1")], 5])
def test_non_mapping_inputs(inputs):
    answer = run("roi", inputs)  # type: ignore[arg-type]
    assert answer == {
        "ok": False,
        "calculator": "roi",
        "problems": [
            {"field": None, "message": "Inputs must be a mapping of names to text values."}
        ],
    }


def test_failure_shape():
    answer = run("roi", {"pairs": "lots"})
    assert set(answer) == {"ok", "calculator", "problems"}
    assert answer["ok"] is False
    assert answer["problems"] == [
        {"field": "pairs", "message": "Labeled pairs: “lots” is not a number."}
    ]


def test_non_string_values_are_problems_not_crashes():
    answer = run("roi", {"pairs": 5000, "months": None})  # type: ignore[dict-item]
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["pairs", "months"]
    assert all("text" in p["message"] for p in answer["problems"])


def test_non_string_keys_are_problems_not_crashes():
    answer = run("roi", {1: "2"})  # type: ignore[dict-item]
    assert answer["ok"] is False
    assert answer["problems"] == [
        {"field": "1", "message": "“1” is not an input of this calculator"}
    ]
    json.dumps(answer, allow_nan=False)


def test_a_failing_calculation_becomes_a_problem(monkeypatch):
    def broken(_inputs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(poc, "compute", broken)
    answer = run("poc", {})
    assert answer["ok"] is False
    assert answer["problems"] == [
        {"field": None, "message": "Could not compute: division by zero."}
    ]


def test_a_non_finite_result_is_refused(monkeypatch):
    real = poc.compute

    def nan_delta(inputs):
        return dataclasses.replace(real(inputs), delta=float("nan"))

    monkeypatch.setattr(poc, "compute", nan_delta)
    answer = run("poc", {})
    assert answer["ok"] is False
    assert answer["problems"][0]["field"] is None
    json.dumps(answer, allow_nan=False)


def test_input_error_carries_every_problem():
    with pytest.raises(calc.InputError) as caught:
        CALCULATORS["roi"].Inputs.from_strings({"pairs": "x", "months": "0"})
    err = caught.value
    assert isinstance(err, ValueError)
    assert [p.field for p in err.problems] == ["pairs", "months"]
    assert all(isinstance(p, calc.Problem) for p in err.problems)
    assert str(err) == "; ".join(p.message for p in err.problems)
