"""calc._form: field metadata and the string → typed-value parser every calculator shares."""

from __future__ import annotations

import dataclasses
import math

import pytest

from calc import CALCULATORS, InputError, run
from calc._form import Spec, echo, format_plain, specs

LONG = "9" * 10_001


def problems(name: str, inputs: dict[str, str]) -> list[dict]:
    answer = run(name, inputs)
    assert answer["ok"] is False, answer
    return answer["problems"]


def parsed(name: str, inputs: dict[str, str]) -> dict:
    answer = run(name, inputs)
    assert answer["ok"] is True, answer
    return answer["inputs"]


# (field of roi, raw text, the whole message) — the reader sees the label, the value and why.
@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        pytest.param("pairs", "", "Labeled pairs: is required.", id="empty"),
        pytest.param("pairs", "   ", "Labeled pairs: is required.", id="whitespace"),
        pytest.param("pairs", "five", "Labeled pairs: “five” is not a number.", id="text"),
        pytest.param("pairs", "0x10", "Labeled pairs: “0x10” is not a number.", id="hex"),
        pytest.param("pairs", "1,00", "Labeled pairs: “1,00” is not a number.", id="bad-commas"),
        pytest.param(
            "pairs", "-1", "Labeled pairs: “-1” is below the minimum of 0 pairs.", id="negative"
        ),
        pytest.param(
            "gpu_cost", "-500", "GPU cost: “-500” is below the minimum of 0 $.", id="negative-money"
        ),
        pytest.param("pairs", "nan", "Labeled pairs: “nan” is not a finite number.", id="nan"),
        pytest.param("pairs", "NaN", "Labeled pairs: “NaN” is not a finite number.", id="NaN"),
        pytest.param("pairs", "inf", "Labeled pairs: “inf” is not a finite number.", id="inf"),
        pytest.param(
            "pairs", "Infinity", "Labeled pairs: “Infinity” is not a finite number.", id="Infinity"
        ),
        pytest.param("pairs", "-inf", "Labeled pairs: “-inf” is not a finite number.", id="-inf"),
        pytest.param(
            "pairs",
            "1e308",
            "Labeled pairs: “1e308” is above the maximum of 100000000 pairs.",
            id="1e308",
        ),
        pytest.param(
            "pairs",
            "1e309",
            "Labeled pairs: “1e309” is not a finite number.",
            id="1e309-overflows",
        ),
        pytest.param(
            "pairs", "5000.5", "Labeled pairs: “5000.5” must be a whole number.", id="fraction"
        ),
        pytest.param(
            "pairs", "1,000.5", "Labeled pairs: “1,000.5” must be a whole number.", id="comma-frac"
        ),
        pytest.param(
            "months",
            "0",
            "Months of operation: “0” is below the minimum of 1 months.",
            id="months-0",
        ),
        pytest.param(
            "months",
            "121",
            "Months of operation: “121” is above the maximum of 120 months.",
            id="months-121",
        ),
        pytest.param(
            "pairs",
            LONG,
            f"Labeled pairs: “{'9' * 40}…” is far too long.",
            id="10001-chars",
        ),
    ],
)
def test_bad_numbers(field, raw, message):
    assert problems("roi", {field: raw}) == [{"field": field, "message": message}]


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        pytest.param("pairs", "5000", 5000, id="plain"),
        pytest.param("pairs", "5,000", 5000, id="thousands-comma"),
        pytest.param("pairs", " 5,000 ", 5000, id="padded"),
        pytest.param("calls_per_year", "1,000,000", 1_000_000, id="millions"),
        pytest.param("pairs", "5e3", 5000, id="exponent"),
        pytest.param("pairs", "5000.0", 5000, id="whole-float"),
        pytest.param("pairs", "+5000", 5000, id="plus-sign"),
        pytest.param("cost_per_pair", "$1", 1.0, id="dollar"),
        pytest.param("cost_per_pair", "$ 1.50", 1.5, id="dollar-space"),
        pytest.param("gpu_cost", "$1,500.25", 1500.25, id="dollar-thousands-cents"),
        pytest.param("large_cost_per_call", ".03", 0.03, id="leading-dot"),
        pytest.param("months", "12", 12, id="months"),
        pytest.param("pairs", "0", 0, id="zero-allowed"),
        pytest.param("pairs", "100000000", 100_000_000, id="max-allowed"),
    ],
)
def test_accepted_numbers(field, raw, value):
    got = parsed("roi", {field: raw})[field]
    assert got == value
    assert type(got) is type(value)


def test_10001_characters_are_refused_before_parsing_even_when_numeric():
    # 10,000 characters is the limit: one more is refused without echoing it all back.
    message = problems("roi", {"pairs": LONG})[0]["message"]
    assert len(message) < 100
    assert parsed("roi", {"pairs": " " * 9_996 + "5000"})["pairs"] == 5000  # 10,000: fine
    assert problems("roi", {"pairs": " " * 9_997 + "5000"})[0]["message"].endswith("far too long.")


def test_echo_is_shortened():
    raw = "abcdefghij" * 5  # 50 characters, not a number
    message = problems("roi", {"pairs": raw})[0]["message"]
    assert message == f"Labeled pairs: “{raw[:40]}…” is not a number."


def test_unknown_key_names_that_key():
    assert problems("roi", {"pairz": "5000"}) == [
        {"field": "pairz", "message": "“pairz” is not an input of this calculator"}
    ]


def test_unknown_key_is_shortened():
    key = "k" * 1000
    found = problems("roi", {key: "1"})
    assert found[0]["field"] == key
    assert len(found[0]["message"]) < 100


def test_several_bad_fields_give_one_problem_each():
    found = problems(
        "roi",
        {"pairs": "x", "gpu_cost": "-5", "months": "1.5", "calls_per_year": "nan", "extra": "1"},
    )
    assert [p["field"] for p in found] == ["extra", "pairs", "gpu_cost", "months", "calls_per_year"]
    labels = ["Labeled pairs:", "GPU cost:", "Months of operation:", "Calls per year:"]
    for problem, label in zip(found[1:], labels, strict=True):
        assert problem["message"].startswith(label)


def test_every_field_problem_names_its_label():
    for name, module in CALCULATORS.items():
        for field, spec in specs(module.Inputs).items():
            if spec.kind == "text" or (spec.kind == "date"):
                bad = "x" * (spec.max_length + 1)
            else:
                bad = "not a valid value"
            found = problems(name, {field: bad})
            assert [p["field"] for p in found] == [field], (name, field)
            assert found[0]["message"].startswith(f"{spec.label}: "), (name, field)


@pytest.mark.parametrize("value", [5000, 5000.0, None, True, b"5000", ["5000"]])
def test_values_must_be_text(value):
    assert problems("roi", {"pairs": value}) == [
        {"field": "pairs", "message": "Labeled pairs: must be given as text."}
    ]


def test_optional_fields_read_empty_as_unanswered():
    got = parsed("gates", {"eval_pairs": "", "prompt_rag": " ", "owner": ""})
    assert got["eval_pairs"] is None
    assert got["prompt_rag"] is None
    assert got["owner"] is None


def test_choices_are_case_insensitive_and_list_the_options():
    assert parsed("gates", {"prompt_rag": " Solves "})["prompt_rag"] == "solves"
    assert problems("gates", {"prompt_rag": "yes"})[0]["message"].endswith(
        "“yes” is not one of: fails-on-eval, solves, untested."
    )


def test_text_fields_are_stripped_and_limited():
    assert parsed("record", {"title": "  Go  "})["title"] == "Go"
    assert parsed("record", {"title": "x" * 200})["title"] == "x" * 200
    found = problems("record", {"title": "x" * 201})
    assert found[0]["message"] == f"Decision title: “{'x' * 40}…” is longer than 200 characters."


def test_from_strings_builds_typed_frozen_inputs():
    roi = CALCULATORS["roi"]
    inputs = roi.Inputs.from_strings({"pairs": "2,000", "cost_per_pair": "$2"})
    assert isinstance(inputs, roi.Inputs)
    assert inputs.pairs == 2000
    assert inputs.cost_per_pair == 2.0
    assert inputs.months == 12
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.pairs = 1  # type: ignore[misc]


def test_from_strings_raises_input_error():
    roi = CALCULATORS["roi"]
    with pytest.raises(InputError) as caught:
        roi.Inputs.from_strings({"pairs": "nan"})
    assert caught.value.problems[0].field == "pairs"


# Field metadata the site renders a form from, for every calculator.
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_field_metadata_is_complete_and_consistent(name):
    module = CALCULATORS[name]
    assert dataclasses.is_dataclass(module.Inputs)
    assert module.Inputs.__dataclass_params__.frozen
    assert hasattr(module.Inputs, "__slots__")
    for field, spec in specs(module.Inputs).items():
        assert isinstance(spec, Spec)
        assert spec.label, field
        assert spec.kind in {"number", "choice", "text", "date"}, field
        if spec.kind == "number":
            assert spec.min is not None and spec.max is not None and spec.min < spec.max
            assert spec.step and spec.step > 0
            if spec.default is not None:
                assert spec.min <= spec.default <= spec.max, field
                if spec.integer:
                    assert float(spec.default).is_integer()
            else:
                assert spec.optional
        if spec.kind == "choice":
            assert spec.choices
            values = [v for v, _ in spec.choices]
            assert spec.default is None or spec.default in values
            assert all(v == v.lower() for v in values)
        if spec.default is None:
            assert spec.optional, field


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (5000, "5000"),
        (5000.0, "5000"),
        (0.03, "0.03"),
        (0.001, "0.001"),
        (1.5, "1.5"),
        (100_000_000, "100000000"),
        (-2, "-2"),
        (0, "0"),
    ],
)
def test_format_plain(value, text):
    assert format_plain(value) == text
    assert float(text) == value


def test_echo():
    assert echo("abc") == "“abc”"
    assert echo("a" * 40) == f"“{'a' * 40}”"
    assert echo("a" * 41) == f"“{'a' * 40}…”"


def test_form_value_inverts_parsing():
    spec = specs(CALCULATORS["roi"].Inputs)["large_cost_per_call"]
    assert spec.form_value(0.03) == "0.03"
    assert spec.form_value(None) == ""
    choice = specs(CALCULATORS["gates"].Inputs)["prompt_rag"]
    assert choice.form_value("solves") == "solves"
    assert math.isclose(float(spec.form_value(0.125)), 0.125)
