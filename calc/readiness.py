"""The ten-question readiness checklist.

The chapter's script counts raw "yes" answers, yet its own note says a fact-accuracy problem is
RAG's job. So each question carries the answer that points towards fine-tuning ("no" for
`facts_root_cause`), and readiness counts those; the raw yes count is reported beside it.
A score of 7 does not outrank the four gates: with no eval set or no RAG attempt, the result says
which gate blocks SFT.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ._form import YES_NO, Form, choice
from ._format import Output
from ._i18n import N_, _

READY_AT = 7
REMEMBER = True  # the widget keeps a reader's answers across reloads


class Verdict(StrEnum):
    EXPLORE = "explore"
    EXPLORE_DPO = "explore_dpo"  # ready, and a new refusal policy: ④ DPO, not SFT (this site's)
    NOT_YET = "not_yet"


def _question(label: str) -> Any:  # a dataclass field, typed by the annotation it is assigned to
    return choice(label, None, YES_NO, widget="radio", optional=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    eval_set: str | None = _question("Do you have 1,000 or more eval examples?")
    few_shot_fails: str | None = _question(
        "Does a prompt with 5 few-shot examples still fail 30% or more of the time?"
    )
    tried_rag: str | None = _question("Have you already tried RAG?")
    failure_cluster: str | None = _question(
        "Do the failures cluster in tone, format or classification?"
    )
    facts_root_cause: str | None = _question("Is fact accuracy the root cause of the failures?")
    labeled_budget: str | None = _question(
        "Do you have 1,000+ labeled (question, answer) pairs and the budget?"
    )
    cheaper_model: str | None = _question("Are you optimising for a smaller, cheaper model?")
    safety_policy: str | None = _question("Do you need new safety or refusal policies?")
    owns_retrain: str | None = _question("Does your team own a quarterly retraining pipeline?")
    poc_done: str | None = _question("Have you already validated a LoRA PoC on 100 samples?")


# The answer that counts towards readiness, when it differs from "yes".
READY_ANSWER = {"facts_root_cause": "no"}

# The chapter's notes, keyed by (field, answer given).
NOTES = {
    ("eval_set", "no"): N_(
        "Without an eval set you cannot measure any effect: build one first (Ch 16)."
    ),
    ("tried_rag", "no"): N_(
        "Going to SFT before trying RAG wastes most of the effort (the chapter puts it at 90%)."
    ),
    ("facts_root_cause", "yes"): N_("Fact accuracy is a RAG problem, not a fine-tuning one."),
    ("cheaper_model", "yes"): N_(
        "Fine-tuning a smaller model for your domain to cut cost is a legitimate reason for SFT."
    ),
    # The chapter's approaches table: a new refusal policy goes to ④ DPO, SFT will not hold it.
    ("safety_policy", "yes"): N_(
        "New safety or refusal policies are DPO territory, not SFT: supervised examples will "
        "not make a refusal tone stable, preference training on a small batch is the tool (see "
        "the approaches table)."
    ),
}
# Answers that fail one of the four gates, which outrank the score: (field, answer, gate slug,
# what the warning says). Gate slugs are the gates' page addresses (gates/<slug>/).
GATE_ANSWERS = (
    (
        "tried_rag",
        "no",
        "prompt-rag",
        N_(
            "Gate ①: Prompt + RAG first. Try RAG, and let an eval set show that Prompt + RAG "
            "cannot do the job before you train."
        ),
    ),
    (
        "eval_set",
        "no",
        "eval-set",
        N_(
            "Gate ② eval set. Build 1,000 or more eval examples first (Ch 16): without them no "
            "effect of SFT can be measured."
        ),
    ),
    (
        "owns_retrain",
        "no",
        "retraining",
        N_(
            "Gate ④ retraining. Without a team that owns the quarterly retraining pipeline, a "
            "fine-tuned model falls behind every new base model: use an API model with "
            "prompting until someone owns it."
        ),
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    ready: int
    yes: int
    answered: int
    unanswered: tuple[str, ...]
    verdict: Verdict
    notes: tuple[str, ...]
    blocking_gates: tuple[str, ...]  # slugs of the gates your answers fail, when 7+ are ready
    warning: str | None


def compute(i: Inputs) -> Result:
    answers = {f.name: getattr(i, f.name) for f in dataclasses.fields(i)}
    given = {k: v for k, v in answers.items() if v is not None}
    ready = sum(1 for k, v in given.items() if v == READY_ANSWER.get(k, "yes"))
    verdict = Verdict.NOT_YET
    if ready >= READY_AT:
        # The approaches table sends a new refusal policy to ④ DPO: the verdict says so itself.
        dpo = given.get("safety_policy") == "yes"
        verdict = Verdict.EXPLORE_DPO if dpo else Verdict.EXPLORE
    failing = [g for g in GATE_ANSWERS if given.get(g[0]) == g[1]]
    blocking = failing if verdict is not Verdict.NOT_YET else []
    warning = None
    if ready == READY_AT - 1:
        warning = _(
            "6 is not enough: starting SFT one answer short of the bar risks an expensive "
            "failure. Close the gap first."
        )
    if blocking:
        outranked = _(
            "{ready} answers point to fine-tuning, but the four gates outrank the score."
        ).format(ready=ready)
        blocked = [_("Blocked at {why}").format(why=_(why)) for *_rest, why in blocking]
        warning = " ".join([outranked, *blocked])
    return Result(
        ready=ready,
        yes=sum(1 for v in given.values() if v == "yes"),
        answered=len(given),
        unanswered=tuple(k for k, v in answers.items() if v is None),
        verdict=verdict,
        notes=tuple(_(note) for key, note in NOTES.items() if given.get(key[0]) == key[1]),
        blocking_gates=tuple(slug for _field, _answer, slug, _why in blocking),
        warning=warning,
    )


TITLE = "Readiness score"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("ready", "Ready answers"), Output("verdict", "Verdict"))

OUTPUTS = (
    Output("ready", "Ready answers"),
    Output("verdict", "Verdict"),
    Output("yes", "Raw yes count (the chapter's script)"),
    Output("unanswered", "Unanswered"),
    Output("warning", "Warning"),
    Output("notes", "Notes on your answers", kind="block"),
)


def display(r: Result) -> dict[str, str]:
    return {
        "ready": f"{r.ready}/10",
        "verdict": (
            _("Not yet: fill the gaps before starting SFT")
            if r.verdict is Verdict.NOT_YET
            else _("7 or more answers point to fine-tuning, but a gate blocks it: see the warning")
            if r.blocking_gates
            else _(
                "Explore DPO, not SFT: 7 or more answers point to fine-tuning, and a new safety "
                "or refusal policy is preference training's job"
            )
            if r.verdict is Verdict.EXPLORE_DPO
            else _("Explore SFT: 7 or more answers point to fine-tuning")
        ),
        "yes": f"{r.yes}/10",
        "unanswered": (
            _("{count} of 10").format(count=len(r.unanswered)) if r.unanswered else _("none")
        ),
        "warning": r.warning or "",
        "notes": "\n".join(f"• {n}" for n in r.notes),
    }
