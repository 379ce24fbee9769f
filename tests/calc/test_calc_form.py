"""calc._form: field metadata and the string → typed-value parser every calculator shares."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import pytest

from calc import CALCULATORS, InputError, run
from calc._form import YES_NO, Form, Spec, choice, echo, format_plain, number, specs

LONG = "9" * 10_001


def problems(name: str, inputs: dict[str, str]) -> list[dict]:
    answer = run(name, inputs)
    assert answer["ok"] is False, answer
    return answer["problems"]


def parsed(name: str, inputs: dict[str, str]) -> dict:
    answer = run(name, inputs)
    assert answer["ok"] is True, answer
    return answer["inputs"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample(Form):
    """One field of each kind a message depends on, independent of any calculator's labels."""

    pairs: int = number(
        "Labeled pairs", 5000, unit="pairs", min=0, max=100_000_000, step=100, integer=True
    )
    gpu_cost: float = number("GPU cost", 500, unit="$", min=0, max=1_000_000_000)
    months: int = number("Months of operation", 12, unit="months", min=1, max=120, integer=True)
    pace: float = number("Pairs per labeler per day", 50, unit="pairs/day", min=1, max=100_000)
    score: float = number("PoC score", 71, unit="points", min=0, max=100, step=0.1)
    ops: float = number(
        "Eval and retraining per month",
        200,
        unit="$",
        min=0,
        max=100,
        noun="the monthly cost of eval and retraining",
    )
    task: str = choice("Task type", "a", (("a", "A"), ("b_c", "B C")))
    answer: str = choice("Is it ready?", "yes", YES_NO, widget="radio")


def sample_problems(raw: dict[str, str]) -> list[tuple[str | None, str]]:
    with pytest.raises(InputError) as caught:
        Sample.from_strings(raw)
    return [(p.field, p.message) for p in caught.value.problems]


# (field, raw text, the whole message). Shown under the field, whose label is right above it,
# so the message is a sentence on its own: what to do, or why the text was refused.
@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        pytest.param("pairs", "", "Enter the number of labeled pairs.", id="empty-count"),
        pytest.param("pairs", "   ", "Enter the number of labeled pairs.", id="whitespace"),
        pytest.param("gpu_cost", "", "Enter the GPU cost.", id="empty-acronym-kept"),
        pytest.param("score", "", "Enter the PoC score.", id="empty-amount"),
        pytest.param("ops", "", "Enter the monthly cost of eval and retraining.", id="noun"),
        pytest.param("task", "", "Choose the task type.", id="empty-choice"),
        pytest.param("answer", "", "Choose an answer.", id="empty-question"),
        pytest.param("pairs", "five", "“five” is not a number.", id="text"),
        pytest.param("pairs", "0x10", "“0x10” is not a number.", id="hex"),
        pytest.param("pairs", "1,00", "“1,00” is not a number.", id="bad-commas"),
        pytest.param("pairs", "-1", "Must be at least 0 pairs.", id="negative"),
        pytest.param("gpu_cost", "-500", "Must be at least $0.", id="negative-money"),
        pytest.param("ops", "101", "Must be at most $100.", id="money-max"),
        pytest.param("gpu_cost", "2e9", "Must be at most $1,000,000,000.", id="money-thousands"),
        pytest.param("pairs", "nan", "“nan” is not a number.", id="nan"),
        pytest.param("pairs", "NaN", "“NaN” is not a number.", id="NaN"),
        pytest.param("pairs", "-nan", "“-nan” is not a number.", id="-nan"),
        pytest.param("pairs", "inf", "“inf” is not a number.", id="inf"),
        pytest.param("pairs", "Infinity", "“Infinity” is not a number.", id="Infinity"),
        pytest.param("pairs", "-inf", "“-inf” is not a number.", id="-inf"),
        pytest.param("pairs", "1e308", "Must be at most 100,000,000 pairs.", id="1e308"),
        # Digits that overflow a float are a number, just far too large (or small).
        pytest.param("pairs", "1e309", "Must be at most 100,000,000 pairs.", id="1e309"),
        pytest.param("pairs", "9" * 10_000, "Must be at most 100,000,000 pairs.", id="10K-digits"),
        pytest.param("pairs", "-" + "9" * 400, "Must be at least 0 pairs.", id="huge-negative"),
        pytest.param("pairs", "5000.5", "Must be a whole number.", id="fraction"),
        pytest.param("pairs", "1,000.5", "Must be a whole number.", id="comma-frac"),
        pytest.param("months", "0", "Must be at least 1 month.", id="months-0"),
        pytest.param("months", "121", "Must be at most 120 months.", id="months-121"),
        pytest.param("pace", "0.5", "Must be at least 1 pair/day.", id="singular-rate"),
        pytest.param("score", "100.5", "Must be at most 100 points.", id="points"),
        pytest.param("task", "d", "“d” is not one of the choices: a or b_c.", id="choice"),
        pytest.param(
            "answer", "maybe", "“maybe” is not one of the choices: yes or no.", id="yes-no"
        ),
        pytest.param("pairs", LONG, f"“{'9' * 40}…” is far too long.", id="10001-chars"),
    ],
)
def test_bad_values_read_as_sentences(field, raw, message):
    assert sample_problems({field: raw}) == [(field, message)]


@pytest.mark.parametrize(
    ("label", "integer", "unit", "noun"),
    [
        ("Labeled pairs", True, "pairs", "the number of labeled pairs"),
        ("Months of operation", True, "months", "the number of months of operation"),
        ("GPU cost", False, "$", "the GPU cost"),
        ("PoC training samples", True, "samples", "the number of PoC training samples"),
        ("Baseline score", False, "points", "the baseline score"),
        ("Fine-tuned model cost per call", False, "$", "the fine-tuned model cost per call"),
        ("Do you need new safety or refusal policies?", False, "", "an answer"),
    ],
)
def test_default_noun_is_derived_from_the_label(label, integer, unit, noun):
    spec = Spec(kind="number", label=label, default=0, unit=unit, integer=integer)
    assert spec.what == noun


def test_given_noun_wins():
    spec = Spec(kind="number", label="Pairs per labeler per day", default=1, noun="the pace")
    assert spec.what == "the pace"


# The calculators owned here, through `run`: the JSON carries the field, the message the sentence.
@pytest.mark.parametrize(
    ("name", "field", "raw", "message"),
    [
        ("labeling", "pairs", "", "Enter the number of pairs to label."),
        ("labeling", "labelers", "0", "Must be at least 1 person."),
        ("labeling", "labelers", "2.5", "Must be a whole number."),
        ("labeling", "cost_low", "-1", "Must be at least $0."),
        ("labeling", "cost_high", "20000", "Must be at most $10,000."),
        ("labeling", "pairs_per_day", "", "Enter how many pairs one labeler finishes a day."),
        ("labeling", "pairs_per_day", "abc", "“abc” is not a number."),
        ("poc", "baseline", "101", "Must be at most 100 points."),
        ("poc", "samples", "0", "Must be at least 1 sample."),
        ("data_volume", "examples", "-3", "Must be at least 0 examples."),
        ("data_volume", "examples", "", "Enter the number of training examples."),
        ("data_volume", "task", "", "Choose the task type."),
        ("approach", "problem", "", "Choose your problem."),
    ],
)
def test_messages_of_the_small_calculators(name, field, raw, message):
    assert problems(name, {field: raw}) == [{"field": field, "message": message}]


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
    assert sample_problems({"pairs": raw}) == [("pairs", f"“{raw[:40]}…” is not a number.")]


def test_unknown_key_names_that_key():
    assert problems("poc", {"pairz": "5000"}) == [
        {"field": "pairz", "message": "“pairz” is not an input of this calculator."}
    ]


def test_unknown_key_is_shortened():
    key = "k" * 1000
    found = problems("roi", {key: "1"})
    assert found[0]["field"] == key
    assert len(found[0]["message"]) < 100


def test_several_bad_fields_give_one_problem_each():
    found = sample_problems(
        {"pairs": "x", "gpu_cost": "-5", "months": "1.5", "score": "nan", "extra": "1"}
    )
    assert [field for field, _ in found] == ["extra", "pairs", "gpu_cost", "months", "score"]


def _bad_text(spec: Spec) -> str:
    return "x" * (spec.max_length + 1) if spec.kind in ("text", "date") else "not a valid value"


def test_every_field_problem_is_a_sentence_at_its_field():
    # The label is shown above the problem, so the message does not repeat it.
    for name, module in CALCULATORS.items():
        for field, spec in specs(module.Inputs).items():
            found = problems(name, {field: _bad_text(spec)})
            assert [p["field"] for p in found] == [field], (name, field)
            message = found[0]["message"]
            assert message[0] in "“ABCDEFGHIJKLMNOPQRSTUVWXYZ", (name, field, message)
            assert message.endswith("."), (name, field, message)
            assert not message.startswith(spec.label), (name, field, message)


@pytest.mark.parametrize("value", [5000, 5000.0, None, True, b"5000", ["5000"]])
def test_values_must_be_text(value):
    assert problems("roi", {"pairs": value}) == [
        {"field": "pairs", "message": "Must be given as text."}
    ]


def test_optional_fields_read_empty_as_unanswered():
    got = parsed("gates", {"eval_pairs": "", "prompt_rag": " ", "owner": ""})
    assert got["eval_pairs"] is None
    assert got["prompt_rag"] is None
    assert got["owner"] is None


def test_choices_are_case_insensitive_and_list_the_options():
    assert parsed("gates", {"prompt_rag": " Solves "})["prompt_rag"] == "solves"
    assert problems("gates", {"prompt_rag": "yes"})[0]["message"] == (
        "“yes” is not one of the choices: fails-on-eval, solves or untested."
    )


def _cased(value: str) -> list[str]:
    return [value.upper(), value.title(), f" {value.capitalize()} "]


# Python's parser is the one authority on choice values: any letter case in, the canonical
# lowercase value out in `inputs`, for every choice field (selects and radios) of every calculator.
CHOICES = [
    (name, field, value)
    for name, module in CALCULATORS.items()
    for field, spec in specs(module.Inputs).items()
    if spec.kind == "choice"
    for value, _ in spec.choices
]


@pytest.mark.parametrize(("name", "field", "value"), CHOICES)
def test_every_choice_value_is_matched_in_any_case(name, field, value):
    for raw in _cased(value):
        assert parsed(name, {field: raw})[field] == value, raw


@pytest.mark.parametrize(
    ("name", "field", "raw", "value"),
    [
        ("readiness", "eval_set", "YES", "yes"),
        ("readiness", "safety_policy", "No", "no"),
        ("data_volume", "task", "Instruction_Tuning", "instruction_tuning"),
        ("approach", "problem", "STOCK_PRICES", "stock_prices"),
        ("gates", "prompt_rag", "Fails-On-Eval", "fails-on-eval"),
    ],
)
def test_case_variants_from_links(name, field, raw, value):
    assert parsed(name, {field: raw})[field] == value


def test_text_fields_are_stripped_and_limited():
    assert parsed("record", {"title": "  Go  "})["title"] == "Go"
    assert parsed("record", {"title": "x" * 200})["title"] == "x" * 200
    found = problems("record", {"title": "x" * 201})
    assert found[0]["message"] == f"“{'x' * 40}…” is longer than 200 characters."


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
