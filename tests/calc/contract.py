"""What the calc tests share: the field names ARCHITECTURE.md pins, and a successful `run`."""

from __future__ import annotations

from collections.abc import Callable

from calc import run

# ARCHITECTURE.md, "Names that are public"
ROI_FIELDS = [
    "pairs",
    "cost_per_pair",
    "gpu_cost",
    "monthly_ops",
    "months",
    "large_cost_per_call",
    "small_cost_per_call",
    "calls_per_year",
]
# ARCHITECTURE.md, "Names that are public": the `roi` additions (defaults reproduce the chapter)
ROI_ADDED_FIELDS = [
    "price_basis",
    "tokens_in",
    "tokens_out",
    "large_price_in",
    "large_price_out",
    "small_price_in",
    "small_price_out",
    "hosting_monthly",
]
READINESS_FIELDS = [
    "eval_set",
    "few_shot_fails",
    "tried_rag",
    "failure_cluster",
    "facts_root_cause",
    "labeled_budget",
    "cheaper_model",
    "safety_policy",
    "owns_retrain",
    "poc_done",
]


def succeeds(name: str) -> Callable[[dict[str, str]], dict]:
    """`ok(inputs)` for calculator `name`: the answer of `run`, which must have succeeded."""

    def ok(inputs: dict[str, str]) -> dict:
        answer = run(name, inputs)
        assert answer["ok"] is True, answer
        return answer

    return ok
