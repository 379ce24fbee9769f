"""The four-gate decision tree: every gate must pass before fine-tuning is on the table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from . import roi
from ._form import YES_NO, FieldGroup, Form, Problem, _field, choice, number, specs
from ._format import Output, count, months, ratio
from ._i18n import N_, _

EVAL_PAIRS_NEEDED = 1000
POC_STEP = N_(
    "Run a PoC before full training: 100–500 real examples, LoRA with r=8, and scale up "
    "only if the eval score beats the baseline by 5 points or more."
)


class Status(StrEnum):
    PASS = "pass"
    BLOCKED = "blocked"
    UNANSWERED = "unanswered"


class Verdict(StrEnum):
    HOLD = "hold"
    POC = "poc"


@dataclass(frozen=True, slots=True)
class Gate:
    number: int
    slug: str  # the gate's page: gates/<slug>/
    question: str
    criterion: str
    move: str


GATES = (
    Gate(
        1,
        "prompt-rag",
        N_("Does Prompt + RAG solve it?"),
        N_("An eval set shows Prompt + RAG failing"),
        N_("Stay with Prompt/RAG"),
    ),
    Gate(
        2,
        "eval-set",
        N_("Do you have a solid eval set?"),
        N_("1,000+ (question, gold answer) pairs"),
        N_("Build the eval set first (Ch 16)"),
    ),
    Gate(
        3,
        "roi",
        N_("Is labeling cost below the savings?"),
        f"ROI ≥ {roi.BREAK_EVEN:.1f}",  # no words: the same in every language
        N_("Rebuild the cost model with honest inputs"),
    ),
    Gate(
        4,
        "retraining",
        N_("Can you retrain every quarter?"),
        N_("Pipeline, GPU budget and a named owner"),
        N_("Use an API model with prompting instead"),
    ),
)

PROMPT_RAG = (
    ("fails-on-eval", "No: an eval set shows it failing"),
    ("solves", "Yes: Prompt + RAG solves it"),
    ("untested", "Not tested on an eval set yet"),
)


def _yes_no(label: str) -> Any:  # a dataclass field
    return choice(label, None, YES_NO, widget="radio", optional=True)


_ROI = specs(roi.Inputs)


def _money(name: str) -> Any:  # a dataclass field
    """roi's input as gate 3 asks it: the same question, unanswered until the reader answers."""
    return _field(dataclasses.replace(_ROI[name], default=None, optional=True))


def _as_roi(name: str) -> Any:  # a dataclass field
    """roi's input with roi's default: settings (horizon, hosting, price basis), not figures."""
    return _field(_ROI[name])


# The chapter's example, as form strings: one click fills gate 3 with it (section 5).
EXAMPLE = {
    name: _ROI[name].form_value(_ROI[name].default)
    for name in (*roi.applies(roi.Inputs()), "price_basis")
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    prompt_rag: str | None = choice("Does Prompt + RAG solve it?", None, PROMPT_RAG, optional=True)
    eval_pairs: int | None = number(
        "Eval pairs you have",
        None,
        unit="pairs",
        min=0,
        max=100_000_000,
        step=100,
        integer=True,
        optional=True,
        help="(question, gold answer) pairs in your eval set.",
    )
    pairs: int | None = _money("pairs")
    label_source: str = _as_roi("label_source")
    cost_per_pair: float | None = _money("cost_per_pair")
    model_cost_per_pair: float | None = _money("model_cost_per_pair")
    gpu_cost: float | None = _money("gpu_cost")
    monthly_ops: float | None = _money("monthly_ops")
    months: int = _as_roi("months")
    large_cost_per_call: float | None = _money("large_cost_per_call")
    small_cost_per_call: float | None = _money("small_cost_per_call")
    calls_per_year: int | None = _money("calls_per_year")
    delay_months: int = _as_roi("delay_months")
    batch_share: float = _as_roi("batch_share")
    price_basis: str = _as_roi("price_basis")
    tokens_in: float | None = _money("tokens_in")
    tokens_out: float | None = _money("tokens_out")
    large_price_in: float | None = _money("large_price_in")
    large_price_out: float | None = _money("large_price_out")
    small_price_in: float | None = _money("small_price_in")
    small_price_out: float | None = _money("small_price_out")
    cached_share: float = _as_roi("cached_share")
    hosting_monthly: float = _as_roi("hosting_monthly")
    pipeline: str | None = _yes_no("Is there a retraining pipeline?")
    gpu_budget: str | None = _yes_no("Is there a GPU budget for quarterly retrains?")
    owner: str | None = _yes_no("Is there a named owner?")

    def missing(self) -> list[str]:
        """The money inputs gate 3 still needs, for the way prices are quoted."""
        return [f for f in roi.applies(self) if getattr(self, f) is None]

    def money(self) -> roi.Inputs | None:
        """Gate 3's inputs to the ROI model, once every one it needs is given."""
        if self.missing():
            return None
        given = {f: v for f in _ROI if (v := getattr(self, f)) is not None}
        return roi.Inputs(**given)  # inputs the price basis ignores keep roi's defaults

    def check(self) -> list[Problem]:
        money = self.money()
        return money.check() if money else []


def _is_example(money: roi.Inputs) -> bool:
    """Built on the chapter's figures: its costs, volume and per-call prices (however quoted).
    The horizon and hosting are settings, so they do not make the figures the team's own."""
    chapter = roi.Inputs()
    figures = (
        "pairs",
        "label_source",
        "cost_per_pair",
        "gpu_cost",
        "monthly_ops",
        "calls_per_year",
    )
    return all(getattr(money, f) == getattr(chapter, f) for f in figures) and (
        roi.per_call_prices(money) == roi.per_call_prices(chapter)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class GateResult:
    number: int
    slug: str
    status: Status
    detail: str
    move: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    gates: tuple[GateResult, ...]
    money: roi.Result | None  # None until every money input gate 3 needs is given
    horizon: roi.Result | None  # the reader's horizon when it is not the first year: read only
    example: bool  # gate 3 runs on the chapter's example figures, not the team's
    verdict: Verdict
    blocking_gate: int | None
    next_step: str


def _gate1(i: Inputs) -> tuple[Status, str]:
    match i.prompt_rag:
        case "fails-on-eval":
            return Status.PASS, _("the eval set shows Prompt + RAG falling short")
        case "solves":
            return Status.BLOCKED, _("Prompt + RAG already solves it")
        case "untested":
            return Status.BLOCKED, _("the “no” has not been shown on an eval set yet")
    return Status.UNANSWERED, _("not answered")


def _gate2(i: Inputs) -> tuple[Status, str]:
    if i.eval_pairs is None:
        return Status.UNANSWERED, _("not answered")
    status = Status.PASS if i.eval_pairs >= EVAL_PAIRS_NEEDED else Status.BLOCKED
    return status, _("{pairs} eval pairs, 1,000+ needed").format(pairs=count(i.eval_pairs))


def _gate3(
    i: Inputs, r: roi.Result | None, horizon: roi.Result | None, example: bool
) -> tuple[Status, str]:
    if r is None:
        labels = ", ".join(_(_ROI[f].label) for f in i.missing())
        return Status.UNANSWERED, _("not answered: {inputs}").format(inputs=labels)
    detail = _("ROI {roi} over {months}").format(roi=ratio(r.roi), months=months(roi.FIRST_YEAR))
    if r.verdict is roi.Verdict.MARGINAL:
        detail += _(", marginal: under 1.5 operational overhead can eat it")
    elif r.verdict is roi.Verdict.DONT:
        detail += _(", short of {criterion}").format(criterion=GATES[2].criterion)
    if horizon is not None:
        view = (
            _("; over {months}: {roi} (a longer view, it does not decide the gate)")
            if i.months > roi.FIRST_YEAR
            else _("; over {months}: {roi} (a shorter view, it does not decide the gate)")
        )
        detail += view.format(months=months(i.months), roi=ratio(horizon.roi))
    if example:
        detail += _(" (the chapter's example numbers, not yours)")
    return (Status.BLOCKED if r.verdict is roi.Verdict.DONT else Status.PASS), detail


def _gate4(i: Inputs) -> tuple[Status, str]:
    answers = {N_("pipeline"): i.pipeline, N_("GPU budget"): i.gpu_budget, N_("owner"): i.owner}
    missing = [_(k) for k, v in answers.items() if v == "no"]
    if missing:
        return Status.BLOCKED, _("missing: {what}").format(what=", ".join(missing))
    if None in answers.values():
        return Status.UNANSWERED, _("not fully answered")
    return Status.PASS, _("pipeline, GPU budget and owner all in place")


def compute(i: Inputs) -> Result:
    given = i.money()
    # The chapter's gate asks about the first year: a longer horizon must not buy a pass, so the
    # reader's own horizon is computed beside it and only shown.
    money = roi.compute(roi.first_year(given)) if given else None
    horizon = roi.compute(given) if given and given.months != roi.FIRST_YEAR else None
    example = given is not None and _is_example(given)
    checks = (_gate1(i), _gate2(i), _gate3(i, money, horizon, example), _gate4(i))
    gates = tuple(
        GateResult(number=g.number, slug=g.slug, status=s, detail=d, move=_(g.move))
        for g, (s, d) in zip(GATES, checks, strict=True)
    )
    first = next((g for g in gates if g.status is not Status.PASS), None)
    if first is None:
        next_step = _(POC_STEP)
    elif first.status is Status.UNANSWERED:
        next_step = _("Answer gate {number}: {question}").format(
            number=first.number, question=_(GATES[first.number - 1].question)
        )
    else:
        next_step = _("Blocked at gate {number}: {move}.").format(
            number=first.number, move=first.move
        )
    return Result(
        gates=gates,
        money=money,
        horizon=horizon,
        example=example,
        verdict=Verdict.HOLD if first else Verdict.POC,
        blocking_gate=first.number if first else None,
        next_step=next_step,
    )


STATUS_TEXT = {
    Status.PASS: N_("Pass"),
    Status.BLOCKED: N_("Blocked"),
    Status.UNANSWERED: N_("Unanswered"),
}

TITLE = "The four gates for your project"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("verdict", "Verdict"), Output("next_step", "Next step"))

OUTPUTS = (
    *(Output(f"gate{g.number}", f"Gate {g.number}: {g.question}") for g in GATES),
    Output("verdict", "Verdict"),
    Output("next_step", "Next step"),
)


def display(r: Result) -> dict[str, str]:
    shown = {f"gate{g.number}": f"{_(STATUS_TEXT[g.status])}: {g.detail}" for g in r.gates}
    shown["verdict"] = (
        _("Hold: do not fine-tune yet")
        if r.verdict is Verdict.HOLD
        else _("Go to a PoC: all four gates pass")
    )
    shown["next_step"] = r.next_step
    return shown


GROUPS = (
    FieldGroup("Gate 1: Prompt + RAG", ("prompt_rag",)),
    FieldGroup("Gate 2: eval set", ("eval_pairs",)),
    *(group._replace(legend=f"Gate 3: {group.legend.lower()}") for group in roi.GROUPS),
    FieldGroup("Gate 4: quarterly retraining", ("pipeline", "gpu_budget", "owner")),
)
