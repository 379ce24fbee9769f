"""calc.readiness: the 10-point fine-tuning readiness checklist (section 4, checklist.py)."""

from __future__ import annotations

import pytest
from contract import READINESS_FIELDS, succeeds
from hypothesis import given
from hypothesis import strategies as st

from calc import readiness, run

FIELDS = READINESS_FIELDS

# checklist.py: every answer "no" except "Is fact accuracy the root cause of failures?" = "yes".
CHAPTER_EXAMPLE = {f: "no" for f in FIELDS} | {"facts_root_cause": "yes"}

# The answer that points towards fine-tuning: "yes", except for fact accuracy (note 3: "If fact
# accuracy is the issue, RAG solves it — not fine-tuning").
TOWARDS = {f: "yes" for f in FIELDS} | {"facts_root_cause": "no"}
AWAY = {f: "no" for f in FIELDS} | {"facts_root_cause": "yes"}

NOTE_EVAL = "Without an eval set you cannot measure any effect"
NOTE_RAG = "Going to SFT before trying RAG"
NOTE_FACTS = "Fact accuracy is a RAG problem"
NOTE_CHEAPER = "Fine-tuning a smaller model for your domain to cut cost"
NOTE_SAFETY = "New safety or refusal policies are DPO territory, not SFT"
GATE_1 = "Gate ①: Prompt + RAG first"
GATE_2 = "Gate ② eval set"


ok = succeeds("readiness")


def explore(inputs: dict[str, str]) -> str:
    """The explore verdict these answers get: a new refusal policy names ④ DPO (issue 19)."""
    return "explore_dpo" if inputs.get("safety_policy", "").strip().lower() == "yes" else "explore"


def pointing(n: int, order: list[str] = FIELDS) -> dict[str, str]:
    """n answers pointing to fine-tuning, the others pointing away."""
    chosen = set(order[:n])
    return {f: (TOWARDS if f in chosen else AWAY)[f] for f in FIELDS}


def test_field_names_are_the_pinned_contract():
    assert list(readiness.Inputs.__dataclass_fields__) == FIELDS


def test_chapter_example():
    # checklist.py prints "YES: 1/10 → not yet"
    answer = ok(CHAPTER_EXAMPLE)
    result, shown = answer["result"], answer["display"]
    assert result["yes"] == 1
    assert result["ready"] == 0
    assert result["answered"] == 10
    assert result["unanswered"] == []
    assert result["verdict"] == "not_yet"
    assert result["warning"] is None
    assert result["blocking_gates"] == []
    assert shown["ready"] == "0/10"
    assert shown["yes"] == "1/10"
    assert shown["unanswered"] == "none"
    assert shown["verdict"].startswith("Not yet")


def test_chapter_example_notes():
    # Notes (1) no eval set, (2) skipping RAG, (3) fact accuracy fire; (4) cheaper model does not.
    notes = ok(CHAPTER_EXAMPLE)["result"]["notes"]
    assert len(notes) == 3
    assert notes[0].startswith(NOTE_EVAL)
    assert "Ch 16" in notes[0]
    assert notes[1].startswith(NOTE_RAG)
    assert "90%" in notes[1]
    assert notes[2].startswith(NOTE_FACTS)
    shown = ok(CHAPTER_EXAMPLE)["display"]["notes"].split("\n")
    assert shown == [f"• {n}" for n in notes]


def test_all_ten_pointing_to_fine_tuning():
    answer = ok(TOWARDS)
    result = answer["result"]
    assert result["ready"] == 10
    assert result["yes"] == 9  # fact accuracy answered "no"
    assert result["verdict"] == "explore_dpo"
    assert result["warning"] is None
    assert result["blocking_gates"] == []
    # Note (4), cost optimisation is a legitimate reason, and the approaches table's pointer for
    # a new refusal policy.
    assert len(result["notes"]) == 2
    assert result["notes"][0].startswith(NOTE_CHEAPER)
    assert result["notes"][1].startswith(NOTE_SAFETY)
    assert answer["display"]["ready"] == "10/10"
    assert answer["display"]["verdict"].startswith("Explore DPO, not SFT")


def test_raw_yes_on_every_question_is_not_ten_ready():
    # The chapter script would print 10/10; fact accuracy = yes points to RAG instead.
    result = ok({f: "yes" for f in FIELDS})["result"]
    assert result["yes"] == 10
    assert result["ready"] == 9
    assert result["verdict"] == "explore_dpo"
    assert any(n.startswith(NOTE_FACTS) for n in result["notes"])


# "# 7+ yes answers = time to explore fine-tuning"; "Starting SFT at 6 risks expensive failure."
@pytest.mark.parametrize(
    ("n", "verdict"),
    [
        pytest.param(0, "not_yet", id="0"),
        pytest.param(5, "not_yet", id="5"),
        pytest.param(6, "not_yet", id="6-is-not-enough"),
        pytest.param(7, "explore", id="7-is-the-bar"),
        pytest.param(8, "explore", id="8"),
        pytest.param(10, "explore", id="10"),
    ],
)
@pytest.mark.parametrize("order", [FIELDS, FIELDS[::-1]], ids=["first-n", "last-n"])
def test_threshold(n, verdict, order):
    inputs = pointing(n, order)
    result = ok(inputs)["result"]
    assert result["ready"] == n
    assert result["verdict"] == (explore(inputs) if verdict == "explore" else verdict)
    if n == 6:
        assert result["warning"].startswith("6 is not enough")
    elif verdict == "not_yet":
        assert result["warning"] is None


def test_six_warning_is_displayed():
    shown = ok(pointing(6))["display"]
    assert shown["ready"] == "6/10"
    assert shown["warning"].startswith("6 is not enough")
    assert ok(pointing(7, OWNED))["display"]["warning"] == ""


# The four gates outrank the score: 7+ ready answers with no eval set, or without having tried
# RAG, still may not go to SFT (Gate ② "Build eval first", Gate ① "Stick with Prompt/RAG").
# Each order answers the retraining question first, so Gate ④ is not the one failing.
OWNED = ["owns_retrain", *(f for f in FIELDS if f != "owns_retrain")]
WITHOUT_EVAL = [f for f in OWNED if f != "eval_set"]
WITHOUT_RAG = [f for f in OWNED if f != "tried_rag"]
WITHOUT_BOTH = [f for f in OWNED if f not in ("eval_set", "tried_rag")]


@pytest.mark.parametrize(
    ("inputs", "gates", "named", "not_named"),
    [
        pytest.param(pointing(7, WITHOUT_EVAL), ["eval-set"], [GATE_2], [GATE_1], id="no-eval"),
        pytest.param(pointing(9, WITHOUT_EVAL), ["eval-set"], [GATE_2], [GATE_1], id="9-no-eval"),
        pytest.param(pointing(7, WITHOUT_RAG), ["prompt-rag"], [GATE_1], [GATE_2], id="no-rag"),
        pytest.param(
            pointing(8, WITHOUT_BOTH), ["prompt-rag", "eval-set"], [GATE_1, GATE_2], [], id="both"
        ),
    ],
)
def test_explore_with_a_failing_gate_names_the_gate(inputs, gates, named, not_named):
    answer = ok(inputs)
    result = answer["result"]
    assert result["verdict"] == explore(inputs)
    assert result["blocking_gates"] == gates
    assert "the four gates outrank the score" in result["warning"]
    for gate in named:
        assert gate in result["warning"]
    for gate in not_named:
        assert gate not in result["warning"]
    assert answer["display"]["warning"] == result["warning"]
    # The verdict line itself does not read as a go-ahead beside the warning.
    assert answer["display"]["verdict"] == (
        "7 or more answers point to fine-tuning, but a gate blocks it: see the warning"
    )


def test_gate_order_in_the_warning():
    warning = ok(pointing(8, WITHOUT_BOTH))["result"]["warning"]
    assert warning.index(GATE_1) < warning.index(GATE_2)


@pytest.mark.parametrize(
    "inputs",
    [
        pytest.param(pointing(7, OWNED), id="both-yes"),
        pytest.param(pointing(9, WITHOUT_EVAL) | {"eval_set": ""}, id="eval-unanswered"),
        pytest.param(pointing(6, WITHOUT_EVAL), id="not-yet-anyway"),
    ],
)
def test_no_gate_warning_unless_explore_and_a_gate_answer_is_no(inputs):
    result = ok(inputs)["result"]
    assert result["blocking_gates"] == []
    assert "Gate" not in (result["warning"] or "")


def test_nothing_answered():
    answer = ok({})
    result = answer["result"]
    assert result["answered"] == 0
    assert result["ready"] == 0
    assert result["yes"] == 0
    assert result["unanswered"] == FIELDS
    assert result["notes"] == []
    assert answer["display"]["unanswered"] == "10 of 10"


def test_unanswered_questions_are_listed_in_order():
    inputs = {"eval_set": "yes", "tried_rag": "yes", "poc_done": "", "owns_retrain": "no"}
    result = ok(inputs)["result"]
    assert result["answered"] == 3
    assert result["ready"] == 2
    assert result["unanswered"] == [
        "few_shot_fails",
        "failure_cluster",
        "facts_root_cause",
        "labeled_budget",
        "cheaper_model",
        "safety_policy",
        "poc_done",
    ]
    assert ok(inputs)["display"]["unanswered"] == "7 of 10"


@pytest.mark.parametrize(
    ("field", "answer", "note"),
    [
        pytest.param("eval_set", "no", NOTE_EVAL, id="note1-no-eval-set"),
        pytest.param("tried_rag", "no", NOTE_RAG, id="note2-skipped-rag"),
        pytest.param("facts_root_cause", "yes", NOTE_FACTS, id="note3-facts"),
        pytest.param("cheaper_model", "yes", NOTE_CHEAPER, id="note4-cheaper-model"),
        # "Rejection tone needs new policy" → "④ DPO (small batch)", "SFT won't stabilize it"
        pytest.param("safety_policy", "yes", NOTE_SAFETY, id="question8-dpo-not-sft"),
    ],
)
def test_each_note_appears_only_for_its_answer(field, answer, note):
    notes = ok({field: answer})["result"]["notes"]
    assert len(notes) == 1
    assert notes[0].startswith(note)
    other = "yes" if answer == "no" else "no"
    assert ok({field: other})["result"]["notes"] == []


@pytest.mark.parametrize("value", ["YES", " Yes ", "yEs"])
def test_answers_are_case_and_space_insensitive(value):
    answer = ok({"eval_set": value})
    assert answer["inputs"]["eval_set"] == "yes"
    assert answer["result"]["ready"] == 1


@pytest.mark.parametrize("value", ["maybe", "y", "1", "true", "yes please"])
def test_bad_answer_names_the_field(value):
    answer = run("readiness", {"facts_root_cause": value})
    assert answer["ok"] is False
    assert len(answer["problems"]) == 1
    assert answer["problems"] == [
        {
            "field": "facts_root_cause",
            "message": f"“{value}” is not one of the choices: yes or no.",
        }
    ]


def test_several_bad_answers_give_one_problem_each():
    answer = run("readiness", {"eval_set": "maybe", "poc_done": "soon", "tried_rag": "yes"})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["eval_set", "poc_done"]


def test_safety_note_points_to_dpo():
    note = ok({"safety_policy": "yes"})["result"]["notes"][0]
    assert "DPO" in note
    assert "SFT" in note


answers = st.fixed_dictionaries(
    {}, optional={f: st.sampled_from(["yes", "no", "", "YES", " No "]) for f in FIELDS}
)


@given(inputs=answers)
def test_counts_verdict_and_warnings_for_any_answers(inputs):
    r = ok(inputs)["result"]
    given_ = {k: v.strip().lower() for k, v in inputs.items() if v.strip()}
    assert r["answered"] == len(given_)
    assert r["ready"] == sum(1 for k, v in given_.items() if v == TOWARDS[k])
    assert r["yes"] == sum(1 for v in given_.values() if v == "yes")
    assert r["answered"] + len(r["unanswered"]) == 10
    ready = r["ready"] >= 7
    assert r["verdict"] == (explore(given_) if ready else "not_yet")
    gate_answers = (
        ("tried_rag", "prompt-rag"),
        ("eval_set", "eval-set"),
        ("owns_retrain", "retraining"),
    )
    failing = [g for f, g in gate_answers if given_.get(f) == "no"]
    assert r["blocking_gates"] == (failing if ready else [])
    assert (r["warning"] is not None) == (r["ready"] == 6 or bool(r["blocking_gates"]))


# --- Issue 19, defect 3: the verdict names DPO; no retraining owner is Gate ④ -----------------

GATE_4 = "Gate ④ retraining"


def test_explore_with_a_new_refusal_policy_names_dpo_in_the_verdict():
    # Before: "Explore SFT" while the note beneath said a refusal policy is DPO territory.
    answer = ok(pointing(10))
    assert answer["result"]["verdict"] == "explore_dpo"
    assert answer["display"]["verdict"].startswith("Explore DPO, not SFT:")


def test_explore_without_a_refusal_policy_stays_sft():
    answer = ok(pointing(9, [f for f in FIELDS if f != "safety_policy"]))
    assert answer["result"]["verdict"] == "explore"
    assert answer["display"]["verdict"].startswith("Explore SFT")


def test_no_retraining_owner_is_gate4():
    # Before: 7+ ready answers and "no" to owning the quarterly retrain raised no warning.
    answer = ok(pointing(9, [f for f in FIELDS if f != "owns_retrain"]))
    result = answer["result"]
    assert result["blocking_gates"] == ["retraining"]
    assert GATE_4 in result["warning"]
    assert "gates/retraining" not in result["warning"]
