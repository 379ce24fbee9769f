"""The one entry point shared by the build hook, the browser worker and the CLI.

`run` takes strings and returns plain JSON-safe data; it never raises, so neither the page nor the
build has to guess what a Python exception means.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from . import approach, data_volume, gates, labeling, poc, readiness, record, roi
from ._form import InputError, Spec, specs

CALCULATORS: dict[str, ModuleType] = {
    "roi": roi,
    "readiness": readiness,
    "gates": gates,
    "data_volume": data_volume,
    "labeling": labeling,
    "poc": poc,
    "approach": approach,
    "record": record,
}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a result was not a finite number")
    return value


def _failure(name: Any, problems: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "ok": False,
        "calculator": name if isinstance(name, str) else None,
        "problems": problems,
    }


def run(name: str, inputs: Mapping[str, str]) -> dict[str, Any]:
    """Compute calculator `name` from string inputs; see DESIGN.md for the shape returned."""
    module = CALCULATORS.get(name) if isinstance(name, str) else None
    if module is None:
        known = ", ".join(CALCULATORS)
        shown = repr(name)[:40]
        return _failure(
            name, [{"field": None, "message": f"Unknown calculator {shown}; known: {known}."}]
        )
    if not isinstance(inputs, Mapping):
        return _failure(
            name, [{"field": None, "message": "Inputs must be a mapping of names to text values."}]
        )
    try:
        parsed = module.Inputs.from_strings(inputs)
    except InputError as err:
        return _failure(name, [{"field": p.field, "message": p.message} for p in err.problems])
    try:
        result = module.compute(parsed)
        answer = {
            "ok": True,
            "calculator": name,
            "inputs": _plain(parsed),
            "result": _plain(result),
            "display": module.display(result),
        }
        if hasattr(module, "html"):
            answer["html"] = module.html(result, parsed)
        return answer
    except (ArithmeticError, ValueError) as err:  # a bug, but the page must stay usable
        return _failure(name, [{"field": None, "message": f"Could not compute: {err}."}])


def fields(name: str) -> list[tuple[str, str, Spec]]:
    """(group legend, field name, spec) in form order: declared groups first, the rest after."""
    module = CALCULATORS[name]
    all_specs = specs(module.Inputs)
    groups = getattr(module, "GROUPS", ())
    grouped = {f for _, names in groups for f in names}
    ordered = [(legend, f, all_specs[f]) for legend, names in groups for f in names]
    return [("", f, s) for f, s in all_specs.items() if f not in grouped] + ordered


def defaults(name: str) -> dict[str, str]:
    """The form strings a widget starts with."""
    return {f: s.form_value(s.default) for _, f, s in fields(name)}
