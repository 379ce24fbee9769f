"""calc.run and friends: the JSON contract shared by the hook, the worker and the CLI."""

from __future__ import annotations

import dataclasses
import json

import pytest
from contract import READINESS_FIELDS, ROI_ADDED_FIELDS, ROI_FIELDS

import calc
from calc import CALCULATORS, charts, defaults, fields, numbers, poc, roi, run

NAMES = ["roi", "readiness", "gates", "data_volume", "labeling", "poc", "approach", "record"]


def test_public_api():
    assert sorted(calc.__all__) == [
        "CALCULATORS",
        "InputError",
        "LANGUAGES",
        "Problem",
        "charts",
        "defaults",
        "fields",
        "numbers",
        "read_po",
        "run",
        "translate",
    ]


def test_calculator_names():
    assert list(CALCULATORS) == NAMES


@pytest.mark.parametrize(
    ("name", "pinned"),
    [
        ("roi", ROI_FIELDS + ROI_ADDED_FIELDS),
        ("readiness", READINESS_FIELDS),
        (
            "gates",
            [
                "prompt_rag",
                "eval_pairs",
                *ROI_FIELDS,
                *ROI_ADDED_FIELDS,
                "pipeline",
                "gpu_budget",
                "owner",
            ],
        ),
    ],
)
def test_pinned_field_names(name, pinned):
    assert set(pinned) <= {f.name for f in fields(name)}
    assert set(pinned) <= set(run(name, {})["inputs"])


@pytest.mark.parametrize("name", NAMES)
def test_success_shape(name):
    answer = run(name, {})
    expected = {"ok", "calculator", "inputs", "result", "display", "summary"}
    if name == "roi":
        expected.add("html")
    assert set(answer) == expected
    assert answer["ok"] is True
    assert answer["calculator"] == name
    assert all(isinstance(v, str) for v in answer["display"].values())
    assert json.loads(json.dumps(answer, allow_nan=False)) == answer


@pytest.mark.parametrize(
    ("name", "edits"),
    [
        *((name, {}) for name in NAMES),
        ("roi", {"calls_per_year": "250000", "price_basis": "tokens"}),
        ("roi", {"months": "36", "delay_months": "3"}),
    ],
)
def test_numbers_first_then_charts_make_the_whole_answer(name, edits):
    """The browser's two steps add up to the answer the build shows, but for the raw values."""
    first, second = numbers(name, edits), charts(name, edits)
    whole = run(name, edits)
    assert set(first) == {"ok", "calculator", "inputs", "display", "summary"}
    assert set(second) == {"ok", "calculator", "html"}
    assert {**first, "result": whole["result"]} == {k: v for k, v in whole.items() if k != "html"}
    assert second["html"] == whole.get("html", {})
    for step in (first, second):
        assert json.loads(json.dumps(step, allow_nan=False)) == step


def test_charts_follow_their_inputs():
    assert charts("roi", {"calls_per_year": "250000"}) != charts("roi", {})


@pytest.mark.parametrize("inputs", [{"pairs": "x"}, {"months": "0", "pairs": "-1"}])
def test_charts_of_bad_input_are_the_same_problems_as_the_numbers(inputs):
    assert charts("roi", inputs) == numbers("roi", inputs) == run("roi", inputs)
    assert charts("roi", inputs)["ok"] is False


@pytest.mark.parametrize("step", [numbers, charts])
def test_either_step_of_an_unknown_calculator_or_non_mapping_is_a_problem(step):
    assert step("nope", {})["problems"][0]["field"] is None
    assert step("roi", ["pairs"])["ok"] is False


def test_a_failing_chart_is_a_problem_not_a_crash(monkeypatch):
    def broken(_result, _inputs):
        raise ValueError("no room for the axis")

    monkeypatch.setattr(roi, "html", broken)
    assert numbers("roi", {})["ok"] is True  # the numbers do not wait for the charts
    failed = charts("roi", {})
    assert failed["ok"] is False
    assert failed["problems"][0]["message"] == "Could not compute: no room for the axis."


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
        "hosting_monthly": "0",
        "months": "12",
        "calls_per_year": "1000000",
        "price_basis": "call",
        "large_cost_per_call": "0.03",
        "small_cost_per_call": "0.001",
        # this site's illustrative token prices: they derive the chapter's $0.030 and $0.001
        "tokens_in": "1000",
        "tokens_out": "200",
        "large_price_in": "15",
        "large_price_out": "75",
        "small_price_in": "0.5",
        "small_price_out": "2.5",
        # issue 19's additions, at values that keep the chapter's example
        "label_source": "people",
        "model_cost_per_pair": "0.03",
        "delay_months": "0",
        "batch_share": "0",
        "cached_share": "0",
    }


def test_unanswered_defaults_are_empty_strings():
    assert defaults("readiness") == dict.fromkeys(READINESS_FIELDS, "")
    d = defaults("gates")
    assert [d[k] for k in ("prompt_rag", "eval_pairs", "pipeline", "gpu_budget", "owner")] == [
        ""
    ] * 5


ROI_FORM_ORDER = [
    "pairs",
    "label_source",
    "cost_per_pair",
    "model_cost_per_pair",
    "gpu_cost",
    "monthly_ops",
    "hosting_monthly",
    "months",
    "delay_months",
    "calls_per_year",
    "batch_share",
    "price_basis",
    "large_cost_per_call",
    "small_cost_per_call",
    "tokens_in",
    "tokens_out",
    "large_price_in",
    "large_price_out",
    "small_price_in",
    "small_price_out",
    "cached_share",
]


def test_fields_follow_declared_groups():
    order = [f.name for f in fields("gates")]
    assert order[0] == "prompt_rag"
    assert order[1] == "eval_pairs"
    assert order[2:23] == ROI_FORM_ORDER
    assert order[23:] == ["pipeline", "gpu_budget", "owner"]
    assert all(f.legend for f in fields("gates"))
    assert [f.name for f in fields("roi")] == ROI_FORM_ORDER
    assert [f.name for f in fields("record")][-3:] == ["title", "date", "deciders"]


def test_fields_carry_their_group_and_when_it_applies():
    found = {f.name: f for f in fields("gates")}
    assert found["prompt_rag"].legend == "Gate 1: Prompt + RAG"
    assert found["prompt_rag"].when is None
    assert found["pairs"].legend == "Gate 3: labeling"
    assert found["cost_per_pair"].when == ("label_source", "people")
    assert found["model_cost_per_pair"].when == ("label_source", "model")
    assert found["large_cost_per_call"].legend == "Gate 3: prices per call"
    assert found["large_cost_per_call"].when == ("price_basis", "call")
    assert found["tokens_in"].legend == "Gate 3: token prices"
    assert found["tokens_in"].when == ("price_basis", "tokens")
    # a field, its legend, its spec and its condition, as a plain 4-tuple
    legend, name, spec, when = found["tokens_out"]
    assert (legend, name, spec.label, when) == (
        "Gate 3: token prices",
        "tokens_out",
        "Output tokens per call",
        ("price_basis", "tokens"),
    )
    # every condition names an input of the same calculator and one of its values
    for name in CALCULATORS:
        specs_ = {f.name: f.spec for f in fields(name)}
        for f in fields(name):
            if f.when:
                assert f.when[1] in [v for v, _ in specs_[f.when[0]].choices], (name, f)


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
    assert answer["problems"] == [{"field": "pairs", "message": "“lots” is not a number."}]


def test_non_string_values_are_problems_not_crashes():
    answer = run("roi", {"pairs": 5000, "months": None})  # type: ignore[dict-item]
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["pairs", "months"]
    assert all("text" in p["message"] for p in answer["problems"])


def test_non_string_keys_are_problems_not_crashes():
    answer = run("roi", {1: "2"})  # type: ignore[dict-item]
    assert answer["ok"] is False
    assert answer["problems"] == [
        {"field": "1", "message": "“1” is not an input of this calculator."}
    ]
    json.dumps(answer, allow_nan=False)


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("compute", ZeroDivisionError("division by zero")),
        ("compute", KeyError("division by zero")),
        ("display", AttributeError("division by zero")),
        ("display", RecursionError("division by zero")),
    ],
)
def test_run_never_raises_a_failing_calculation_becomes_a_problem(monkeypatch, step, error):
    """Whatever a bug raises: the worker, the build and the CLI still get an answer."""

    def broken(_value):
        raise error

    monkeypatch.setattr(poc, step, broken)
    answer = run("poc", {})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == [None]
    assert answer["problems"][0]["message"].startswith("Could not compute: ")
    assert "division by zero" in answer["problems"][0]["message"]


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


@pytest.mark.parametrize(
    ("name", "inputs", "said"),
    [
        ("roi", {"calls_per_year": "100000"}, "ROI: 0.37. Verdict: Don't ship."),  # exercise 3
        ("roi", {}, "ROI: 3.7. Verdict: Go."),  # the chapter's example
        (
            "gates",
            {},
            "Verdict: Hold: do not fine-tune yet. "
            "Next step: Answer gate 1: Does Prompt + RAG solve it?",
        ),
        ("record", {}, ""),  # a whole Markdown document is never read out
    ],
)
def test_summary_is_what_a_screen_reader_hears(name, inputs, said):
    assert run(name, inputs)["summary"] == said


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_every_calculator_has_a_title_and_a_short_summary(name):
    module = CALCULATORS[name]
    assert module.TITLE and module.TITLE[0].isupper()
    summary = run(name, defaults(name))["summary"]
    assert len(summary) < 300
    assert all(o.key in run(name, defaults(name))["display"] for o in module.SUMMARY)
