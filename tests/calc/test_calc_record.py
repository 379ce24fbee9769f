"""calc.record: section 7, "Documented decision for all four gates (passed or blocked)"."""

from __future__ import annotations

import pytest

from calc import gates, record, run

NO_MONEY = {
    "prompt_rag": "fails-on-eval",
    "eval_pairs": "1000",
    "pipeline": "yes",
    "gpu_budget": "yes",
    "owner": "yes",
}
ALL_PASS = {**NO_MONEY, **record.EXAMPLE}
# A team's own figures: $2 a pair, 1.2M calls a year
OWN = {**record.EXAMPLE, "cost_per_pair": "2", "calls_per_year": "1200000"}
ILLUSTRATION = (
    "These are the chapter's illustrative figures, not this team's: replace them with your own "
    "costs, prices and call volume before you rely on this record."
)

# The headings every record has, in order; free text must never add to these.
HEADINGS = [
    "## Context and problem statement",
    "## Decision drivers: the four gates",
    "## Decision outcome",
    "## Next step",
]


def markdown(inputs: dict[str, str]) -> str:
    answer = run("record", inputs)
    assert answer["ok"] is True, answer
    assert set(answer["display"]) == {"record"}
    return answer["display"]["record"]


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.lstrip().startswith("#")]


def test_default_record():
    md = markdown({})
    lines = md.split("\n")
    assert lines[0] == "# Fine-tune or not"
    assert headings(md) == ["# Fine-tune or not", *HEADINGS]
    assert "* Status: rejected (for now)" in lines
    assert "| 1 | Does Prompt + RAG solve it? | Unanswered | not answered |" in md
    assert "| 2 | Do you have a solid eval set? | Unanswered | not answered |" in md
    assert "| 3 | Is labeling cost below the savings? | Unanswered | not answered: Labeled" in md
    assert "| 4 | Can you retrain every quarter? | Unanswered | not fully answered |" in md
    assert "Hold: we do not fine-tune yet." in lines
    # Before: gate 3 passed on the chapter's numbers and the record printed them as ours
    assert (
        "Numbers behind gate 3: none yet. Gate 3 stays unanswered until the team gives its "
        "own costs, prices and call volume."
    ) in lines
    assert "$7,900" not in md
    assert lines[lines.index("## Next step") + 2] == "Answer gate 1: Does Prompt + RAG solve it?"
    assert md.endswith("\n")


def test_record_on_the_chapters_example_says_so():
    md = markdown(ALL_PASS)
    lines = md.split("\n")
    # Section 5's cost model, as the numbers behind gate 3, flagged as the chapter's
    assert (
        "Numbers behind gate 3: SFT cost $7,900 (labeling $5,000 + GPU $500 + operations "
        "$2,400 + hosting $0); savings $29,000 over the first 12 months; ROI 3.7, the chapter's "
        "savings ÷ cost, a benefit–cost ratio (gate 3 needs ROI ≥ 1.0). As conventional ROI, "
        "(savings − cost) ÷ cost, that is 2.7 (267%)."
    ) in lines
    assert ILLUSTRATION in lines
    assert "* Gate 3 figures: the chapter's illustration, not ours" in lines


def test_record_on_the_teams_own_numbers():
    md = markdown({**NO_MONEY, **OWN})
    assert ILLUSTRATION not in md
    assert "illustration" not in md
    # 5,000 × $2 + $500 + $2,400; ($0.029 × 1.2M)
    assert (
        "Numbers behind gate 3: SFT cost $12,900 (labeling $10,000 + GPU $500 + operations "
        "$2,400 + hosting $0); savings $34,800 over the first 12 months; ROI 2.7, the chapter's "
        "savings ÷ cost, a benefit–cost ratio (gate 3 needs ROI ≥ 1.0). As conventional ROI, "
        "(savings − cost) ÷ cost, that is 1.7 (170%)."
    ) in md.split("\n")


def test_a_longer_horizon_cannot_accept_the_record():
    # Issue 19, defect 1. Before: 150,000 calls over 36 months passed gate 3 with ROI 1.0 and
    # the record said "Status: accepted".
    md = markdown({**ALL_PASS, "calls_per_year": "150000", "months": "36"})
    assert "* Status: rejected (for now)" in md.split("\n")
    assert (
        "Over our horizon of 36 months the ROI would be 1.0; gate 3 reads the first year only."
    ) in md


def test_every_gate_row_carries_its_criterion():
    md = markdown({})
    rows = [line for line in md.split("\n") if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 4
    for row, g in zip(rows, gates.GATES, strict=True):
        assert row.startswith(f"| {g.number} | {g.question} |")
        assert row.endswith(f"| {g.criterion} |")


def test_all_pass_record():
    md = markdown({**ALL_PASS, "title": "Fine-tune Haiku for ticket routing"})
    lines = md.split("\n")
    assert lines[0] == "# Fine-tune Haiku for ticket routing"
    assert "* Status: accepted: PoC first" in lines
    assert md.count("| Pass |") == 4
    assert "Go to a proof of concept: all four gates pass." in lines
    assert lines[lines.index("## Next step") + 2] == gates.POC_STEP


def test_blocked_record_names_the_gate_and_move():
    # Exercise 3: 100K calls, ROI 0.37 → blocked at gate 3
    md = markdown({**ALL_PASS, "calls_per_year": "100000"})
    row = "| 3 | Is labeling cost below the savings? | Blocked | ROI 0.37 over 12 months, short of "
    assert row + "ROI ≥ 1.0 | ROI ≥ 1.0 |" in md
    assert "Blocked at gate 3: Rebuild the cost model with honest inputs." in md.split("\n")
    assert "* Status: rejected (for now)" in md


def test_deciders_and_date():
    md = markdown({"deciders": "Ana, Bo", "date": "2026-11-25"})
    lines = md.split("\n")
    assert lines[2:5] == [
        "* Status: rejected (for now)",
        "* Deciders: Ana, Bo",
        "* Date: 2026-11-25",
    ]


def test_no_deciders_or_date_lines_when_blank():
    md = markdown({"deciders": "  ", "date": ""})
    assert "Deciders" not in md
    assert "* Date" not in md


@pytest.mark.parametrize("date", ["2026-11-25", "2024-02-29", " 2026-01-01 "])
def test_valid_dates(date):
    assert f"* Date: {date.strip()}" in markdown({"date": date})


@pytest.mark.parametrize(
    ("date", "why"),
    [
        pytest.param("2026-02-30", "is not a date written as YYYY-MM-DD", id="no-feb-30"),
        pytest.param("2025-02-29", "is not a date written as YYYY-MM-DD", id="not-a-leap-year"),
        pytest.param("2026-13-01", "is not a date written as YYYY-MM-DD", id="month-13"),
        pytest.param("2026-1-5", "is not a date written as YYYY-MM-DD", id="not-zero-padded"),
        pytest.param("25/11/2026", "is not a date written as YYYY-MM-DD", id="day-first"),
        pytest.param("20261125", "is not a date written as YYYY-MM-DD", id="basic-iso"),
        pytest.param("２０２６-11-25", "is not a date written as YYYY-MM-DD", id="fullwidth"),
        pytest.param("tomorrow", "is not a date written as YYYY-MM-DD", id="words"),
        pytest.param("2026-11-25T10:00", "is longer than 10 characters", id="with-time"),
    ],
)
def test_invalid_dates(date, why):
    answer = run("record", {"date": date})
    assert answer["ok"] is False
    assert answer["problems"] == [{"field": "date", "message": f"“{date}” {why}."}]


@pytest.mark.parametrize(
    "hostile",
    [
        "Ship it\n# Pwned",
        "Ship it\r\n## Decision outcome\r\nAccepted!",
        "Ship it\n\n# Pwned\n",
        "Ship it\u2028# Pwned",
        "Ship it\u2029# Pwned",
        "Ship it\x85# Pwned",
        "Ship it\x0b# Pwned\x0c## More",
        "Ship it\r# Pwned",
        "\n# Pwned",
        "   \t# Pwned",
    ],
)
@pytest.mark.parametrize("field", ["title", "deciders"])
def test_free_text_cannot_add_lines_or_headings(field, hostile):
    plain = markdown({field: "Ship it"})
    md = markdown({field: hostile})
    assert md.count("\n") == plain.count("\n")
    assert not any(ch in md for ch in "\r\x0b\x0c\x85\u2028\u2029")
    # The only headings are the record's own: the title line and the four sections.
    found = headings(md)
    assert found[1:] == HEADINGS
    assert len(found) == 5
    if field == "deciders":
        assert found[0] == "# Fine-tune or not"


def test_title_injection_stays_inside_the_title_line():
    md = markdown({"title": "Ship it\n# Pwned"})
    assert md.split("\n")[0] == "# Ship it # Pwned"


def test_html_in_free_text_is_escaped():
    md = markdown({"title": "<script>alert(1)</script>", "deciders": "<b>Ana</b>"})
    assert "<script>" not in md
    assert "<b>" not in md
    assert md.split("\n")[0] == "# &lt;script>alert(1)&lt;/script>"


def test_title_longer_than_200_characters_is_a_problem():
    answer = run("record", {"title": "x" * 201})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["title"]
    assert markdown({"title": "x" * 200}).split("\n")[0] == "# " + "x" * 200


def test_gate_problems_surface_through_record():
    answer = run("record", {"eval_pairs": "many", "date": "2026-02-30"})
    assert answer["ok"] is False
    assert [p["field"] for p in answer["problems"]] == ["eval_pairs", "date"]


def test_record_result_embeds_the_gates_result():
    answer = run("record", ALL_PASS)
    assert answer["result"]["gates"] == run("gates", ALL_PASS)["result"]
    assert answer["result"]["markdown"] == answer["display"]["record"]


def test_record_reuses_the_gates_example():
    assert record.EXAMPLE is gates.EXAMPLE
