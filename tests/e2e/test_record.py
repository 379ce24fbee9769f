"""The decision record on gates/: made from the gate answers, copied, downloaded as Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from widgets import Widget, expected

pytestmark = pytest.mark.e2e

ALL_GATES_PASS = {
    "prompt_rag": "fails-on-eval",
    "eval_pairs": "1500",
    # gate 3 starts unanswered: the team's own money figures (ROI ≈ 4.7)
    "pairs": "4000",
    "cost_per_pair": "1",
    "gpu_cost": "500",
    "monthly_ops": "200",
    "calls_per_year": "1200000",
    "large_cost_per_call": "0.03",
    "small_cost_per_call": "0.001",
    "pipeline": "yes",
    "gpu_budget": "yes",
    "owner": "yes",
    "title": "Fine-tune the support classifier",
    "date": "2025-02-03",
    "deciders": "Platform team",
}


@pytest.fixture
def record(live: Callable[[str], Widget]) -> Widget:
    widget = live("record")
    for field, value in ALL_GATES_PASS.items():
        widget.set(field, value)
    return widget


def test_record_follows_the_gate_answers(record: Widget) -> None:
    answer = expected("record", ALL_GATES_PASS)
    text = answer["display"]["record"]
    assert text.startswith("# Fine-tune the support classifier\n")
    assert "Go to a proof of concept" in text
    assert "* Deciders: Platform team" in text
    assert "* Date: 2025-02-03" in text
    assert "illustration" not in text  # the team's own figures
    record.expect_outputs(answer["display"])
    gates = Widget(record.page, "gates")
    gates.expect_outputs(expected("gates", ALL_GATES_PASS)["display"])
    expect(gates.output("verdict")).to_contain_text("Go to a PoC")

    record.fill("calls_per_year", "")  # a money figure taken back: gate 3 is unanswered again
    unanswered = expected("record", {**ALL_GATES_PASS, "calls_per_year": ""})["display"]
    assert "Numbers behind gate 3: none yet." in unanswered["record"]
    record.expect_outputs(unanswered)
    record.fill("calls_per_year", "1200000")

    record.choose("owner", "no")  # one gate blocks: the record says hold
    blocked = expected("record", {**ALL_GATES_PASS, "owner": "no"})["display"]
    assert "Hold: we do not fine-tune yet." in blocked["record"]
    record.expect_outputs(blocked)


def test_download_saves_the_record_as_markdown(record: Widget, tmp_path: Path) -> None:
    text = expected("record", ALL_GATES_PASS)["display"]["record"]
    record.expect_outputs({"record": text})
    with record.page.expect_download() as info:
        record.button("download").click()
    download = info.value
    assert download.suggested_filename == "decision-record.md"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == text


def test_copy_puts_the_record_on_the_clipboard(record: Widget) -> None:
    text = expected("record", ALL_GATES_PASS)["display"]["record"]
    record.expect_outputs({"record": text})
    record.button("copy").click()
    expect(record.note).to_have_text("Copied to the clipboard.")
    assert record.page.evaluate("navigator.clipboard.readText()") == text
