"""Which approach to try first for a kind of problem, and what to move to next."""

from __future__ import annotations

from dataclasses import dataclass

from ._form import Form, choice
from ._format import Output


@dataclass(frozen=True, slots=True)
class Approach:
    name: str
    strengths: str
    weaknesses: str
    cost: str
    time: str


APPROACHES = {
    "prompt": Approach(
        "① Prompt",
        "format tweaks, a single task",
        "domain facts, large tone shifts",
        "$",
        "minutes",
    ),
    "rag": Approach(
        "② RAG", "domain facts, freshness, citations", "tone, enforcing a format", "$$", "days"
    ),
    "sft": Approach(
        "③ SFT (LoRA)", "tone, output format, classification", "injecting new facts", "$$$", "weeks"
    ),
    "dpo": Approach(
        "④ DPO/RLHF",
        "safety, politeness, refusal policy",
        "collecting the data, overfitting",
        "$$$$",
        "months",
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
        "① Prompt with few-shot examples",
        "③ SFT if prompting stalls",
        "Voice is behaviour, which SFT teaches well; prompting is cheaper to try first.",
    ),
    "internal_wiki": Problem(
        "Answer from the internal wiki",
        "rag",
        "② RAG",
        "③ SFT once citation precision stops improving",
        "Wiki content is facts, and facts are RAG's job.",
    ),
    "legal_classes": Problem(
        "Sort legal documents into 5 classes",
        "prompt",
        "① Prompt, then ③ SFT on a small model (Haiku)",
        "A cost-optimisation play",
        "Classification suits SFT, and a tuned small model is cheaper per call.",
    ),
    "refusal_policy": Problem(
        "A refusal tone that follows a new policy",
        "dpo",
        "④ DPO on a small batch",
        "SFT will not make it stable",
        "Refusal and safety behaviour is what preference training is for.",
    ),
    "stock_prices": Problem(
        "Real-time stock price answers",
        "rag",
        "② RAG with tool calls",
        "Never ③: the facts age too fast",
        "Prices change by the second; weights cannot keep up.",
    ),
    "json_format": Problem(
        "Stable JSON output",
        "prompt",
        "① Prompt plus tool use (Ch 6)",
        "③ SFT if that does not hold",
        "Format is behaviour: try tool use first, train only if it fails.",
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
    return {
        "first": r.problem.first_text,
        "then": r.problem.then,
        "why": r.problem.why,
        "profile": (
            f"{a.name}: good for {a.strengths}; weak at {a.weaknesses}; "
            f"cost {a.cost}, time {a.time}"
        ),
    }
