"""A MADR-style decision record of the four gates, ready to paste into a repository."""

from __future__ import annotations

from dataclasses import dataclass

from . import gates, roi
from ._form import FieldGroup, text
from ._format import Output, money, months, ratio
from ._i18n import N_, _

MADR_STATUS = {
    gates.Verdict.HOLD: N_("rejected (for now)"),
    gates.Verdict.POC: N_("accepted: PoC first"),
}
EXAMPLE = gates.EXAMPLE
ILLUSTRATION = N_(
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


def _numbers(m: roi.Result | None, horizon: roi.Result | None, horizon_months: int) -> str:
    if m is None:
        return _(
            "Numbers behind gate 3: none yet. Gate 3 stays unanswered until the team gives its "
            "own costs, prices and call volume."
        )
    return _(
        "Numbers behind gate 3: SFT cost {cost} ({breakdown}); savings {savings} over the "
        "first {months}; ROI {roi}, the chapter's savings ÷ cost, a benefit–cost ratio (gate 3 "
        "needs {criterion}). As conventional ROI, (savings − cost) ÷ cost, that is {net_roi}."
    ).format(
        cost=money(m.cost),
        breakdown=roi.display(m)["breakdown"],
        savings=money(m.savings),
        months=months(roi.FIRST_YEAR),
        roi=ratio(m.roi),
        criterion=gates.GATES[2].criterion,
        net_roi=roi.net_roi(m.net_roi),
    ) + (
        ""
        if horizon is None
        else _(
            " Over our horizon of {months} the ROI would be {roi}; gate 3 reads the first "
            "year only."
        ).format(months=months(horizon_months), roi=ratio(horizon.roi))
    )


def compute(i: Inputs) -> Result:
    g = gates.compute(i)
    title = _one_line(i.title or _("Fine-tune or not"))
    rows = "\n".join(
        f"| {r.number} | {_(gate.question)} | {_(gates.STATUS_TEXT[r.status])} | {r.detail} | "
        f"{_(gate.criterion)} |"
        for r, gate in zip(g.gates, gates.GATES, strict=True)
    )
    meta = [_("* Status: {status}").format(status=_(MADR_STATUS[g.verdict]))]
    if i.deciders:
        meta.append(_("* Deciders: {deciders}").format(deciders=_one_line(i.deciders)))
    if i.date:
        meta.append(_("* Date: {date}").format(date=i.date))
    numbers = _numbers(g.money, g.horizon, i.months)
    if g.example:
        meta.append(_("* Gate 3 figures: the chapter's illustration, not ours"))
        numbers += f"\n\n{_(ILLUSTRATION)}"
    markdown = "\n".join(
        [
            f"# {title}",
            "",
            *meta,
            "",
            _("## Context and problem statement"),
            "",
            _(
                "Should we fine-tune a model (SFT) for this task, or stay with prompting and "
                "RAG? Fine-tuning is only on the table when all four gates pass; a blocked gate "
                "means hold."
            ),
            "",
            _("## Decision drivers: the four gates"),
            "",
            _("| Gate | Question | Status | Our numbers | Pass criterion |"),
            "| --- | --- | --- | --- | --- |",
            rows,
            "",
            _("## Decision outcome"),
            "",
            (
                _("Hold: we do not fine-tune yet.")
                if g.verdict is gates.Verdict.HOLD
                else _("Go to a proof of concept: all four gates pass.")
            ),
            "",
            numbers,
            "",
            _("## Next step"),
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
