"""A MADR-style decision record of the four gates, ready to paste into a repository."""

from __future__ import annotations

from dataclasses import dataclass

from . import gates, roi
from ._form import FieldGroup, text
from ._format import Output, money, plural, ratio

MADR_STATUS = {gates.Verdict.HOLD: "rejected (for now)", gates.Verdict.POC: "accepted: PoC first"}
EXAMPLE = gates.EXAMPLE
ILLUSTRATION = (
    "These are the chapter's illustrative figures, not this team's: replace them with your own "
    "costs, prices and call volume before you rely on this record."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(gates.Inputs):
    title: str | None = text("Decision title", help="Defaults to “Fine-tune or not”.")
    date: str | None = text("Date", kind="date", max_length=10, help="Written as YYYY-MM-DD.")
    deciders: str | None = text("Deciders", help="Who took the decision.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    gates: gates.Result
    markdown: str


def _one_line(value: str) -> str:
    """Free text stays on its line so it cannot add headings or break the record's structure."""
    return " ".join(value.split()).replace("<", "&lt;")


def _numbers(m: roi.Result | None, horizon: roi.Result | None, months: int) -> str:
    if m is None:
        return (
            "Numbers behind gate 3: none yet. Gate 3 stays unanswered until the team gives its "
            "own costs, prices and call volume."
        )
    return (
        f"Numbers behind gate 3: SFT cost {money(m.cost)} ({roi.display(m)['breakdown']}); "
        f"savings {money(m.savings)} over the first {plural(roi.FIRST_YEAR, 'month')}; "
        f"ROI {ratio(m.roi)}, the chapter's savings ÷ cost, a benefit–cost ratio (gate 3 needs "
        f"{gates.GATES[2].criterion}). As conventional ROI, (savings − cost) ÷ cost, that is "
        f"{roi.net_roi(m.net_roi)}."
    ) + (
        ""
        if horizon is None
        else f" Over our horizon of {plural(months, 'month')} the ROI would be "
        f"{ratio(horizon.roi)}; gate 3 reads the first year only."
    )


def compute(i: Inputs) -> Result:
    g = gates.compute(i)
    title = _one_line(i.title or "Fine-tune or not")
    rows = "\n".join(
        f"| {r.number} | {gate.question} | {gates.STATUS_TEXT[r.status]} | {r.detail} | "
        f"{gate.criterion} |"
        for r, gate in zip(g.gates, gates.GATES, strict=True)
    )
    meta = [f"* Status: {MADR_STATUS[g.verdict]}"]
    if i.deciders:
        meta.append(f"* Deciders: {_one_line(i.deciders)}")
    if i.date:
        meta.append(f"* Date: {i.date}")
    numbers = _numbers(g.money, g.horizon, i.months)
    if g.example:
        meta.append("* Gate 3 figures: the chapter's illustration, not ours")
        numbers += f"\n\n{ILLUSTRATION}"
    markdown = "\n".join(
        [
            f"# {title}",
            "",
            *meta,
            "",
            "## Context and problem statement",
            "",
            "Should we fine-tune a model (SFT) for this task, or stay with prompting and RAG? "
            "Fine-tuning is only on the table when all four gates pass; a blocked gate means hold.",
            "",
            "## Decision drivers: the four gates",
            "",
            "| Gate | Question | Status | Our numbers | Pass criterion |",
            "| --- | --- | --- | --- | --- |",
            rows,
            "",
            "## Decision outcome",
            "",
            (
                "Hold: we do not fine-tune yet."
                if g.verdict is gates.Verdict.HOLD
                else "Go to a proof of concept: all four gates pass."
            ),
            "",
            numbers,
            "",
            "## Next step",
            "",
            g.next_step,
            "",
        ]
    )
    return Result(gates=g, markdown=markdown)


TITLE = "Decision record"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = ()  # the record is long: it is never read out

OUTPUTS = (
    Output("record", "Decision record (Markdown)", kind="block", download="decision-record.md"),
)

GROUPS = (*gates.GROUPS, FieldGroup("Decision record", ("title", "date", "deciders")))


def display(r: Result) -> dict[str, str]:
    return {"record": r.markdown}
