"""The four-gate decision tree: every gate must pass before fine-tuning is on the table."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from . import roi
from ._form import YES_NO, choice, number
from ._format import Output, count, ratio

EVAL_PAIRS_NEEDED = 1000
POC_STEP = (
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
        "Does Prompt + RAG solve it?",
        "An eval set shows Prompt + RAG failing",
        "Stay with Prompt/RAG",
    ),
    Gate(
        2,
        "eval-set",
        "Do you have a solid eval set?",
        "1,000+ (question, gold answer) pairs",
        "Build the eval set first (Ch 16)",
    ),
    Gate(
        3,
        "roi",
        "Is labeling cost below the savings?",
        "One-year ROI of 1.0 or more",
        "Redo the math with other numbers",
    ),
    Gate(
        4,
        "retraining",
        "Can you retrain every quarter?",
        "Pipeline, GPU budget and a named owner",
        "Use an API model with prompting instead",
    ),
)

PROMPT_RAG = (
    ("fails-on-eval", "No: an eval set shows it failing"),
    ("solves", "Yes: Prompt + RAG solves it"),
    ("untested", "Not tested on an eval set yet"),
)


def _yes_no(label: str) -> str | None:
    return choice(label, None, YES_NO, widget="radio", optional=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(roi.Inputs):
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
    pipeline: str | None = _yes_no("Is there a retraining pipeline?")
    gpu_budget: str | None = _yes_no("Is there a GPU budget for quarterly retrains?")
    owner: str | None = _yes_no("Is there a named owner?")


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
    money: roi.Result
    verdict: Verdict
    blocking_gate: int | None
    next_step: str


def _gate1(i: Inputs) -> tuple[Status, str]:
    match i.prompt_rag:
        case "fails-on-eval":
            return Status.PASS, "the eval set shows Prompt + RAG falling short"
        case "solves":
            return Status.BLOCKED, "Prompt + RAG already solves it"
        case "untested":
            return Status.BLOCKED, "the “no” has not been shown on an eval set yet"
    return Status.UNANSWERED, "not answered"


def _gate2(i: Inputs) -> tuple[Status, str]:
    if i.eval_pairs is None:
        return Status.UNANSWERED, "not answered"
    status = Status.PASS if i.eval_pairs >= EVAL_PAIRS_NEEDED else Status.BLOCKED
    return status, f"{count(i.eval_pairs)} eval pairs, 1,000+ needed"


def _gate3(r: roi.Result) -> tuple[Status, str]:
    detail = f"one-year ROI {ratio(r.roi)}"
    if r.verdict is roi.Verdict.MARGINAL:
        detail += ", marginal: under 1.5 operational overhead can eat it"
    return (Status.BLOCKED if r.verdict is roi.Verdict.DONT else Status.PASS), detail


def _gate4(i: Inputs) -> tuple[Status, str]:
    answers = {"pipeline": i.pipeline, "GPU budget": i.gpu_budget, "owner": i.owner}
    missing = [k for k, v in answers.items() if v == "no"]
    if missing:
        return Status.BLOCKED, "missing: " + ", ".join(missing)
    if None in answers.values():
        return Status.UNANSWERED, "not fully answered"
    return Status.PASS, "pipeline, GPU budget and owner all in place"


def compute(i: Inputs) -> Result:
    money = roi.compute(
        roi.Inputs(**{f.name: getattr(i, f.name) for f in dataclasses.fields(roi.Inputs)})
    )
    checks = (_gate1(i), _gate2(i), _gate3(money), _gate4(i))
    gates = tuple(
        GateResult(number=g.number, slug=g.slug, status=s, detail=d, move=g.move)
        for g, (s, d) in zip(GATES, checks, strict=True)
    )
    first = next((g for g in gates if g.status is not Status.PASS), None)
    if first is None:
        next_step = POC_STEP
    elif first.status is Status.UNANSWERED:
        next_step = f"Answer gate {first.number}: {GATES[first.number - 1].question}"
    else:
        next_step = f"Blocked at gate {first.number}: {first.move}."
    return Result(
        gates=gates,
        money=money,
        verdict=Verdict.HOLD if first else Verdict.POC,
        blocking_gate=first.number if first else None,
        next_step=next_step,
    )


STATUS_TEXT = {Status.PASS: "Pass", Status.BLOCKED: "Blocked", Status.UNANSWERED: "Unanswered"}

OUTPUTS = (
    *(Output(f"gate{g.number}", f"Gate {g.number}: {g.question}") for g in GATES),
    Output("verdict", "Verdict"),
    Output("next_step", "Next step"),
)


def display(r: Result) -> dict[str, str]:
    shown = {f"gate{g.number}": f"{STATUS_TEXT[g.status]}: {g.detail}" for g in r.gates}
    shown["verdict"] = (
        "Hold: do not fine-tune yet"
        if r.verdict is Verdict.HOLD
        else "Go to a PoC: all four gates pass"
    )
    shown["next_step"] = r.next_step
    return shown


GROUPS = (
    ("Gate 1: Prompt + RAG", ("prompt_rag",)),
    ("Gate 2: eval set", ("eval_pairs",)),
    *((f"Gate 3: {group[0].lower()}", *group[1:]) for group in roi.GROUPS),
    ("Gate 4: quarterly retraining", ("pipeline", "gpu_budget", "owner")),
)
