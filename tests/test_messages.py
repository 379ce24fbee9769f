"""The message catalogues (issue 20): every message has its Korean, nothing is left over, the
reader calc uses agrees with Babel's, and Korean answers carry the same numbers as English ones."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po as babel_read_po

import calc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import messages  # noqa: E402

CATALOGUES = sorted([*messages.CALC_PO.glob("*.po"), *messages.PAGE_PO.glob("*.po")])
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_message_is_translated_once_with_its_placeholders() -> None:
    # Missing, unused, left in English, or with other {placeholders}: each is one line here.
    assert messages.problems() == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_calcs_reader_reads_what_babel_reads(po: Path) -> None:
    with po.open("rb") as f:
        babel = babel_read_po(f)
    expected = {
        m.id if isinstance(m.id, str) else m.id[0]: (
            m.string if isinstance(m.string, str) else tuple(m.string)
        )
        for m in babel
        if m.id and not m.fuzzy
    }
    assert calc.read_po(po.read_text(encoding="utf-8")) == expected
    assert babel.plural_forms == "nplurals=1; plural=0;"  # Korean: ngettext's one form


def test_the_reader_skips_untranslated_and_fuzzy_entries_and_joins_lines() -> None:
    text = """
# a comment
msgid ""
msgstr "Language: ko\\n"

msgid "Kept"
msgstr "저장"

#, fuzzy
msgid "Guessed"
msgstr "추측"

msgid "Not yet"
msgstr ""

msgid "A long "
"one with \\"quotes\\""
msgstr "긴 "
"문장"

msgid "{n} month"
msgid_plural "{n} months"
msgstr[0] "{n}개월"
"""
    assert calc.read_po(text) == {
        "Kept": "저장",
        'A long one with "quotes"': "긴 문장",
        "{n} month": ("{n}개월",),
    }


def _numbers(value: Any) -> Any:
    """The numbers of an answer, its words left out."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_numbers(v) for v in value]
    if isinstance(value, str):
        return sorted(NUMBER.findall(value.translate(_CIRCLED)))
    return value


# Gate ③ and 게이트 ③ name the same gate; the Korean writes circled numbers more often.
_CIRCLED = str.maketrans("①②③④", "1234")


YES = dict.fromkeys(calc.defaults("readiness"), "yes")
ANSWERS = [
    *((name, calc.defaults(name)) for name in calc.CALCULATORS),
    ("roi", {"price_basis": "tokens", "delay_months": "3", "months": "24", "hosting_monthly": "0"}),
    ("roi", {"calls_per_year": "100000", "label_source": "model", "batch_share": "50"}),
    ("roi", {"large_cost_per_call": "0.001", "small_cost_per_call": "0.002"}),
    ("readiness", YES),
    ("readiness", {**YES, "eval_set": "no", "tried_rag": "no", "facts_root_cause": "no"}),
    (
        "gates",
        {
            "prompt_rag": "fails-on-eval",
            "eval_pairs": "1200",
            **calc.gates.EXAMPLE,
            "pipeline": "yes",
            "gpu_budget": "yes",
            "owner": "yes",
            "months": "24",
        },
    ),
    (
        "record",
        {
            "prompt_rag": "untested",
            "eval_pairs": "10",
            **calc.gates.EXAMPLE,
            "calls_per_year": "200000",
            "owner": "no",
            "deciders": "ML팀",
            "date": "2026-12-04",
        },
    ),
    ("poc", {"poc_score": "76", "only_poc": "80", "only_baseline": "20"}),
    ("poc", {"poc_score": "75.5", "eval_size": "200"}),
    ("data_volume", {"task": "unsure", "examples": "1000"}),
    ("data_volume", {"task": "classification", "examples": "9000"}),
    ("labeling", {"labelers": "3", "cost_low": "2", "cost_high": "2"}),
    *(("approach", {"problem": p}) for p in calc.approach.PROBLEMS),
]


@pytest.mark.parametrize(("name", "inputs"), ANSWERS, ids=[a[0] for a in ANSWERS])
def test_each_answer_in_korean_has_the_same_numbers(name: str, inputs: dict[str, str]) -> None:
    english = calc.run(name, inputs)
    korean = calc.run(name, inputs, "ko")
    assert (korean["ok"], korean["inputs"]) == (True, english["inputs"])
    assert _numbers(korean["result"]) == _numbers(english["result"])
    for key, shown in english["display"].items():
        said = korean["display"][key]
        assert _numbers(said) == _numbers(shown), key
        assert bool(said) == bool(shown)
        if re.search("[a-z]{3}", shown) and key != "profile":
            assert HANGUL.search(said), (key, said)


def test_a_problem_in_korean_names_the_field_its_own_way() -> None:
    said = calc.run("roi", {"pairs": "", "months": "0", "cost_per_pair": "abc"}, "ko")
    assert said["problems"] == [
        {"field": "pairs", "message": "라벨링할 쌍 수를 입력하세요."},
        {"field": "cost_per_pair", "message": "“abc”: 숫자가 아닙니다."},
        {"field": "months", "message": "1개월 이상이어야 합니다."},
    ]


def test_every_required_field_has_its_own_korean_request() -> None:
    for name in calc.CALCULATORS:
        for field in calc.fields(name):
            if field.spec.optional:
                continue
            said = calc.run(name, {field.name: ""}, "ko")["problems"][0]["message"]
            assert HANGUL.search(said) and said.endswith("하세요."), (name, field.name, said)


def test_the_language_is_chosen_per_call_and_english_stays_english() -> None:
    assert calc.run("roi", {}, "ko")["display"]["verdict_short"] == "진행"
    assert calc.run("roi", {})["display"]["verdict_short"] == "Go"
    assert calc.run("roi", {}, "xx")["display"]["verdict_short"] == "Go"  # unknown: English
    bad = calc.run("nope", {}, "ko")  # an answer that is not a result still speaks Korean
    assert HANGUL.search(bad["problems"][0]["message"])
    assert calc.run("roi", {})["display"]["verdict_short"] == "Go"


def test_fields_are_worded_in_the_language_asked_for() -> None:
    (labeling,) = [f for f in calc.fields("roi", "ko") if f.name == "label_source"]
    assert labeling.legend == "라벨링"
    assert labeling.spec.label == "답변 작성 주체"
    assert [v for v, _text in labeling.spec.choices] == ["people", "model"]  # values: links
    assert calc.fields("roi")[0].spec.label == "Labeled pairs"
