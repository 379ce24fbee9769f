"""Which approach to try first for a kind of problem, and what to move to next."""

from __future__ import annotations

from dataclasses import dataclass

from ._form import Form, choice
from ._format import Output
from ._i18n import N_, _


@dataclass(frozen=True, slots=True)
class Approach:
    name: str
    strengths: str
    weaknesses: str
    cost: str
    time: str


APPROACHES = {
    "prompt": Approach(
        N_("① Prompt"),
        N_("format tweaks, a single task"),
        N_("domain facts, large tone shifts"),
        "$",
        N_("time minutes"),
    ),
    "rag": Approach(
        "② RAG",
        N_("domain facts, freshness, citations"),
        N_("tone, enforcing a format"),
        "$$",
        N_("time days"),
    ),
    "sft": Approach(
        "③ SFT (LoRA)",
        N_("tone, output format, classification"),
        N_("injecting new facts"),
        "$$$",
        N_("time weeks"),
    ),
    "dpo": Approach(
        "④ DPO/RLHF",
        N_("safety, politeness, refusal policy"),
        N_("collecting the data, overfitting"),
        "$$$$",
        N_("time months"),
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    label: str
    first: str  # key of APPROACHES
    first_text: str
    then: str
    why: str


PROBLEMS = {
    "company_voice": Problem(
        "Answer in our company voice",
        "prompt",
        N_("① Prompt with few-shot examples"),
        N_("③ SFT if prompting stalls"),
        N_("Voice is behaviour, which SFT teaches well; prompting is cheaper to try first."),
    ),
    "internal_wiki": Problem(
        "Answer from the internal wiki",
        "rag",
        "② RAG",
        N_("③ SFT once citation precision stops improving"),
        N_("Wiki content is facts, and facts are RAG's job."),
    ),
    "legal_classes": Problem(
        "Sort legal documents into 5 classes",
        "prompt",
        N_("① Prompt, then ③ SFT on a small model (Haiku)"),
        N_("A cost-optimisation play"),
        N_("Classification suits SFT, and a tuned small model is cheaper per call."),
    ),
    "refusal_policy": Problem(
        "A refusal tone that follows a new policy",
        "dpo",
        N_("④ DPO on a small batch"),
        N_("SFT will not make it stable"),
        N_("Refusal and safety behaviour is what preference training is for."),
    ),
    "stock_prices": Problem(
        "Real-time stock price answers",
        "rag",
        N_("② RAG with tool calls"),
        N_("Never ③: the facts age too fast"),
        N_("Prices change by the second; weights cannot keep up."),
    ),
    "json_format": Problem(
        "Stable JSON output",
        "prompt",
        N_("① Prompt plus tool use (Ch 6)"),
        N_("③ SFT if that does not hold"),
        N_("Format is behaviour: try tool use first, train only if it fails."),
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inputs(Form):
    problem: str = choice(
        "Your problem",
        "company_voice",
        tuple((k, p.label) for k, p in PROBLEMS.items()),
        noun="your problem",
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    problem: Problem
    approach: Approach


def compute(i: Inputs) -> Result:
    p = PROBLEMS[i.problem]
    return Result(problem=p, approach=APPROACHES[p.first])


TITLE = "What to try first"  # the widget's name, for the page and screen readers
# What the widget says aloud once input settles: a few short results.
SUMMARY = (Output("first", "First try"), Output("then", "Then"))

OUTPUTS = (
    Output("first", "First try"),
    Output("then", "Then"),
    Output("why", "Why"),
    Output("profile", "The first approach at a glance"),
)


def display(r: Result) -> dict[str, str]:
    a = r.approach
    # The time words are messages of their own ("time months"), apart from the unit "months".
    return {
        "first": _(r.problem.first_text),
        "then": _(r.problem.then),
        "why": _(r.problem.why),
        "profile": _(
            "{name}: good for {strengths}; weak at {weaknesses}; cost {cost}, {time}"
        ).format(
            name=_(a.name),
            strengths=_(a.strengths),
            weaknesses=_(a.weaknesses),
            cost=a.cost,
            time=_(a.time),
        ),
    }
