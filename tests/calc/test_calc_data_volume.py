"""calc.data_volume: section 5's "Data volume intuition" table and the 5K baseline."""

from __future__ import annotations

import pytest
from contract import succeeds

from calc import data_volume, run

# Section 5 table: Task type | Minimum | Recommended | Good results
CHAPTER_TABLE = {
    "classification": (500, 2000, 5000),  # Classification (10 classes) 500 / 2K / 5K
    "tone_style": (1000, 5000, 20000),  # Tone/style transfer 1K / 5K / 20K
    "domain_chat": (5000, 20000, 100000),  # Domain-specific chat SFT 5K / 20K / 100K
    "instruction_tuning": (50000, 200000, 1000000),  # General instruction tuning 50K/200K/1M+
    "dpo": (1000, 5000, 20000),  # DPO (preferences) 1K / 5K / 20K
}

TIERS = ("minimum", "recommended", "good")


ok = succeeds("data_volume")


def test_every_task_of_the_chapter_is_offered():
    assert set(data_volume.TASKS) == set(CHAPTER_TABLE)


@pytest.mark.parametrize(("task", "levels"), CHAPTER_TABLE.items())
def test_thresholds_match_the_chapter(task, levels):
    t = data_volume.TASKS[task]
    assert (t.minimum, t.recommended, t.good) == levels
    result = ok({"task": task, "examples": "1"})["result"]
    assert result["thresholds"]["minimum"] == levels[0]
    assert result["thresholds"]["recommended"] == levels[1]
    assert result["thresholds"]["good"] == levels[2]


def _boundary_cases():
    """Each threshold of each task, and one example below it."""
    for task, levels in CHAPTER_TABLE.items():
        for k, at in enumerate(levels):
            below_tier = TIERS[k - 1] if k else "below_minimum"
            # at the boundary: this tier; the next tier is the next threshold (or none)
            nxt = (TIERS[k + 1], levels[k + 1] - at) if k + 1 < len(levels) else (None, None)
            yield pytest.param(task, at, TIERS[k], *nxt, id=f"{task}-{at}")
            # one below: the lower tier, one example short of this one
            yield pytest.param(task, at - 1, below_tier, TIERS[k], 1, id=f"{task}-{at - 1}")


@pytest.mark.parametrize(
    ("task", "examples", "tier", "next_tier", "shortfall"), list(_boundary_cases())
)
def test_tier_at_and_below_each_threshold(task, examples, tier, next_tier, shortfall):
    result = ok({"task": task, "examples": str(examples)})["result"]
    assert result["tier"] == tier
    assert result["next_tier"] == next_tier
    assert result["shortfall"] == shortfall


@pytest.mark.parametrize(
    ("task", "examples", "tier", "next_shown"),
    [
        pytest.param(
            "tone_style",
            "5000",
            "Recommended",
            "15,000 more examples for “Good results”",
            id="default-5K-tone",
        ),
        pytest.param(
            "classification", "0", "Below the minimum", "500 more examples for “Minimum”", id="zero"
        ),
        pytest.param(
            "domain_chat",
            "12000",
            "Minimum",
            "8,000 more examples for “Recommended”",
            id="domain-chat-12K",
        ),
        pytest.param(
            "instruction_tuning",
            "2000000",
            "Good results",
            "already at the top tier",
            id="instruction-1M-plus",
        ),
    ],
)
def test_display(task, examples, tier, next_shown):
    shown = ok({"task": task, "examples": examples})["display"]
    assert shown["tier"] == tier
    assert shown["next"] == next_shown


def test_thresholds_display():
    shown = ok({"task": "classification"})["display"]
    assert shown["thresholds"] == "minimum 500 · recommended 2,000 · good results 5,000"
    shown = ok({"task": "instruction_tuning"})["display"]
    assert shown["thresholds"] == "minimum 50,000 · recommended 200,000 · good results 1,000,000"


# "When in doubt, start at 5K" is your safety baseline. Less than that, noise drowns signal.
@pytest.mark.parametrize(
    ("examples", "below"),
    [("0", True), ("4999", True), ("5000", False), ("5001", False), ("1000000", False)],
)
def test_5k_baseline_flag(examples, below):
    answer = ok({"task": "classification", "examples": examples})
    assert answer["result"]["below_baseline"] is below
    shown = answer["display"]["baseline"]
    if below:
        assert shown.startswith("Below 5,000 examples")
        assert "start at 5K" in shown
    else:
        assert shown == "At or above the 5K safety baseline."


def test_defaults():
    answer = ok({})
    assert answer["inputs"] == {"task": "tone_style", "examples": 5000}
    assert answer["result"]["tier"] == "recommended"


@pytest.mark.parametrize(
    ("task", "message"),
    [
        ("", "Choose the task type."),
        ("poetry", "“poetry” is not one of the choices: classification, tone_style, "),
        ("Classification (10 classes)", "“Classification (10 classes)” is not one of the choices"),
    ],
)
def test_unknown_task_is_a_problem(task, message):
    answer = run("data_volume", {"task": task})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["task"]
    assert answer["problems"][0]["message"].startswith(message)


@pytest.mark.parametrize("examples", ["-1", "1.5", "many"])
def test_bad_example_count_is_a_problem(examples):
    answer = run("data_volume", {"examples": examples})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["examples"]
