"""calc.approach: section 3, "Four approaches compared" and "By problem type"."""

from __future__ import annotations

import pytest
from contract import succeeds

from calc import approach, run

ok = succeeds("approach")


# "By problem type": Problem | First try | Then
@pytest.mark.parametrize(
    ("problem", "key", "first", "then"),
    [
        pytest.param(
            "company_voice",
            "prompt",
            "① Prompt with few-shot examples",
            "③ SFT if prompting stalls",
            id="company-voice",  # ① Prompt + few-shot → ③ SFT if that stalls
        ),
        pytest.param(
            "internal_wiki",
            "rag",
            "② RAG",
            "③ SFT once citation precision stops improving",
            id="internal-wiki",  # ② RAG → ③ SFT when citation precision tops out
        ),
        pytest.param(
            "legal_classes",
            "prompt",
            "① Prompt, then ③ SFT on a small model (Haiku)",
            "A cost-optimisation play",
            id="legal-5-buckets",  # ① Prompt → ③ SFT (Haiku) · cost optimization play
        ),
        pytest.param(
            "refusal_policy",
            "dpo",
            "④ DPO on a small batch",
            "SFT will not make it stable",
            id="refusal-tone",  # ④ DPO (small batch) · SFT won't stabilize it
        ),
        pytest.param(
            "stock_prices",
            "rag",
            "② RAG with tool calls",
            "Never ③: the facts age too fast",
            id="stock-prices",  # ② RAG (with tool calls) · Never ③—facts age too fast
        ),
        pytest.param(
            "json_format",
            "prompt",
            "① Prompt plus tool use (Ch 6)",
            "③ SFT if that does not hold",
            id="json-format",  # ① + tool-use (Ch 6) → ③ SFT if that doesn't land
        ),
    ],
)
def test_problem_table(problem, key, first, then):
    answer = ok({"problem": problem})
    shown = answer["display"]
    assert shown["first"] == first
    assert shown["then"] == then
    assert shown["why"]
    assert answer["result"]["problem"]["first"] == key
    assert shown["profile"].startswith(approach.APPROACHES[key].name + ": good for ")


def test_all_six_problems_are_offered():
    assert list(approach.PROBLEMS) == [
        "company_voice",
        "internal_wiki",
        "legal_classes",
        "refusal_policy",
        "stock_prices",
        "json_format",
    ]


# "Four approaches compared": Approach | Strengths | Weaknesses | Cost | Time
@pytest.mark.parametrize(
    ("key", "name", "cost", "time", "strength"),
    [
        pytest.param("prompt", "① Prompt", "$", "minutes", "format tweaks", id="prompt-$-mins"),
        pytest.param("rag", "② RAG", "$$", "days", "domain facts", id="rag-$$-days"),
        pytest.param("sft", "③ SFT (LoRA)", "$$$", "weeks", "tone", id="sft-$$$-weeks"),
        pytest.param("dpo", "④ DPO/RLHF", "$$$$", "months", "refusal policy", id="dpo-$$$$-months"),
    ],
)
def test_approach_table(key, name, cost, time, strength):
    a = approach.APPROACHES[key]
    # "time months": the time words are messages apart from the unit "months" (calc/locale).
    assert (a.name, a.cost, a.time) == (name, cost, f"time {time}")
    assert strength in a.strengths


def test_default_profile_display():
    shown = ok({})["display"]
    assert shown["profile"] == (
        "① Prompt: good for format tweaks, a single task; weak at domain facts, large tone "
        "shifts; cost $, time minutes"
    )


def test_sft_is_never_first_for_facts():
    # "Fine-tuning teaches how, RAG provides what."
    for key in ("internal_wiki", "stock_prices"):
        assert ok({"problem": key})["result"]["problem"]["first"] == "rag"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose your problem."),
        ("poetry", "“poetry” is not one of the choices: company_voice, internal_wiki, "),
        ("Answer in our company voice", "“Answer in our company voice” is not one of the choices"),
    ],
)
def test_unknown_problem_is_a_problem(value, message):
    answer = run("approach", {"problem": value})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["problem"]
    assert answer["problems"][0]["message"].startswith(message)
