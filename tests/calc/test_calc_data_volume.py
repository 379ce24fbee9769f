"""calc.data_volume: section 5's "Data volume intuition" table and the 5K baseline."""

from __future__ import annotations

import pytest
from contract import succeeds
from hypothesis import given
from hypothesis import strategies as st

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

# "When in doubt, start at 5K": the fallback for a task the table has no row for.
UNPLACED = "unsure"


ok = succeeds("data_volume")


def test_every_task_of_the_chapter_is_offered_and_the_fallback_last():
    # Task keys are URL values: the chapter's five stay as they are.
    assert list(data_volume.TASKS) == [*CHAPTER_TABLE, UNPLACED]


@pytest.mark.parametrize(("task", "levels"), CHAPTER_TABLE.items())
def test_thresholds_match_the_chapter(task, levels):
    result = ok({"task": task, "examples": "1"})["result"]
    assert result["thresholds"] == dict(zip(TIERS, levels, strict=True))
    assert result["fallback"] is False


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


@pytest.mark.parametrize(
    ("task", "examples", "tier", "next_shown"),
    [
        pytest.param("classification", "1999", "Minimum", "1 more example for “Recommended”"),
        pytest.param("dpo", "4999", "Minimum", "1 more example for “Recommended”"),
        pytest.param(
            "instruction_tuning", "49999", "Below the minimum", "1 more example for “Minimum”"
        ),
        pytest.param("tone_style", "19998", "Recommended", "2 more examples for “Good results”"),
    ],
)
def test_one_more_example_is_singular(task, examples, tier, next_shown):
    shown = ok({"task": task, "examples": examples})["display"]
    assert (shown["tier"], shown["next"]) == (tier, next_shown)


def test_thresholds_display():
    shown = ok({"task": "classification"})["display"]
    assert shown["thresholds"] == "minimum 500 · recommended 2,000 · good results 5,000"
    shown = ok({"task": "instruction_tuning"})["display"]
    assert shown["thresholds"] == "minimum 50,000 · recommended 200,000 · good results 1,000,000"
    shown = ok({"task": UNPLACED})["display"]
    assert shown["thresholds"] == "5K baseline 5,000 (no row in the table)"


# "When in doubt, start at 5K" is your safety baseline. Less than that, noise drowns signal.
# It is the fallback for a reader who cannot place the task in the table: a table row decides
# on its own, and the display never prints a second verdict beside it.
@pytest.mark.parametrize(
    ("examples", "tier", "next_tier", "shortfall", "tier_shown", "next_shown", "baseline_start"),
    [
        pytest.param(
            "0",
            "below_baseline",
            "baseline",
            5000,
            "Below the 5K baseline",
            "5,000 more examples to reach the 5K baseline",
            "Below 5,000 examples, noise can drown the signal",
            id="0",
        ),
        pytest.param(
            "4999",
            "below_baseline",
            "baseline",
            1,
            "Below the 5K baseline",
            "1 more example to reach the 5K baseline",
            "Below 5,000 examples, noise can drown the signal",
            id="4999",
        ),
        pytest.param(
            "5000",
            "baseline",
            None,
            None,
            "At or above the 5K baseline",
            "already at the 5K baseline; place your task in the table to aim higher",
            "5,000 or more",
            id="5000",
        ),
        pytest.param(
            "1,000,000",
            "baseline",
            None,
            None,
            "At or above the 5K baseline",
            "already at the 5K baseline; place your task in the table to aim higher",
            "5,000 or more",
            id="1M",
        ),
    ],
)
def test_unplaced_task_uses_the_5k_baseline(
    examples, tier, next_tier, shortfall, tier_shown, next_shown, baseline_start
):
    answer = ok({"task": UNPLACED, "examples": examples})
    result, shown = answer["result"], answer["display"]
    assert result["fallback"] is True
    assert result["thresholds"] == {"baseline": 5000}
    assert (result["tier"], result["next_tier"], result["shortfall"]) == (
        tier,
        next_tier,
        shortfall,
    )
    assert shown["tier"] == tier_shown
    assert shown["next"] == next_shown
    assert shown["baseline"].startswith(baseline_start)
    assert "cannot place" in shown["baseline"]


# The two contradictions the display used to print side by side.
@pytest.mark.parametrize(
    ("task", "examples", "tier"),
    [
        pytest.param("classification", "2000", "Recommended", id="classification-2K"),
        pytest.param("instruction_tuning", "49999", "Below the minimum", id="instruction-49999"),
    ],
)
def test_a_table_row_decides_alone(task, examples, tier):
    shown = ok({"task": task, "examples": examples})["display"]
    assert shown["tier"] == tier
    assert shown["baseline"] == (
        "Does not apply: the table has a row for your task, so its thresholds decide. "
        "The 5K baseline is for a task you cannot place in the table."
    )


WORDS_BY_TIER = {
    "below_minimum": "Below the minimum",
    "minimum": "Minimum",
    "recommended": "Recommended",
    "good": "Good results",
    "below_baseline": "Below the 5K baseline",
    "baseline": "At or above the 5K baseline",
}


@given(task=st.sampled_from(list(data_volume.TASKS)), examples=st.integers(0, 10**9))
def test_display_never_contradicts_the_tier(task, examples):
    answer = ok({"task": task, "examples": str(examples)})
    result, shown = answer["result"], answer["display"]
    thresholds = result["thresholds"]
    # The tier is the highest threshold reached, and the next one is the lowest not reached.
    reached = [t for t, at in thresholds.items() if examples >= at]
    missing = [t for t, at in thresholds.items() if examples < at]
    below = "below_baseline" if result["fallback"] else "below_minimum"
    assert result["tier"] == (reached[-1] if reached else below)
    assert result["next_tier"] == (missing[0] if missing else None)
    if missing:
        assert result["shortfall"] == thresholds[missing[0]] - examples
    assert shown["tier"] == WORDS_BY_TIER[result["tier"]]
    # Only one verdict: a table row never hears about the baseline's "below", and the baseline
    # line agrees with the tier of an unplaced task.
    others = [shown["next"], shown["baseline"], shown["thresholds"]]
    if result["fallback"]:
        assert shown["baseline"].startswith("Below") is (result["tier"] == "below_baseline")
    else:
        assert not any("noise" in text or "5,000 or more" in text for text in others)
    assert " 1 more examples" not in " " + shown["next"]


def test_defaults():
    answer = ok({})
    assert answer["inputs"] == {"task": "tone_style", "examples": 5000}
    assert answer["result"]["tier"] == "recommended"
    assert answer["result"]["fallback"] is False


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
