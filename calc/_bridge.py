"""The one entry point shared by the build hook, the browser worker and the CLI.

`run` takes strings and returns plain JSON-safe data; it never raises, so neither the page nor the
build has to guess what a Python exception means.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, NamedTuple

from . import approach, data_volume, gates, labeling, poc, readiness, record, roi
from ._form import FieldGroup, InputError, Spec, specs
from ._i18n import ENGLISH, _, language, translate

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


def run(name: str, inputs: Mapping[str, str], lang: str = ENGLISH) -> dict[str, Any]:
    """Compute calculator `name` from string inputs; see ARCHITECTURE.md for the shape returned.
    Every word in the answer is in `lang` (one of LANGUAGES; English otherwise), every number
    the same in all of them."""

    def answer(module: ModuleType, parsed: Any, result: Any) -> dict[str, Any]:
        whole = {"result": _plain(result), **_shown(module, parsed, result)}
        if hasattr(module, "html"):
            whole["html"] = module.html(result, parsed)
        return whole

    with language(lang):
        return _compute(name, inputs, answer)


def numbers(name: str, inputs: Mapping[str, str], lang: str = ENGLISH) -> dict[str, Any]:
    """The browser's first step: `run`'s answer without "result" (raw values no page reads) and
    "html" (the charts, which take longer to make than everything else together)."""
    with language(lang):
        return _compute(name, inputs, _shown)


def charts(name: str, inputs: Mapping[str, str], lang: str = ENGLISH) -> dict[str, Any]:
    """The browser's second step, the charts' markup alone: `{"ok": true, "calculator", "html":
    {key: markup}}` (empty for a calculator that draws none), or `run`'s failure."""

    def answer(module: ModuleType, parsed: Any, result: Any) -> dict[str, Any]:
        return {"html": module.html(result, parsed) if hasattr(module, "html") else {}}

    with language(lang):
        return _compute(name, inputs, answer)


def _shown(module: ModuleType, parsed: Any, result: Any) -> dict[str, Any]:
    shown = module.display(result)
    return {"inputs": _plain(parsed), "display": shown, "summary": summary(module, shown)}


def _compute(
    name: str, inputs: Mapping[str, str], answer: Callable[[ModuleType, Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    """Parse and compute, then `answer(module, inputs, result)` says what to send; never raises."""
    module = CALCULATORS.get(name) if isinstance(name, str) else None
    if module is None:
        known = ", ".join(CALCULATORS)
        shown = repr(name)[:40]
        return _failure(
            name,
            [
                {
                    "field": None,
                    "message": _("Unknown calculator {name}; known: {known}.").format(
                        name=shown, known=known
                    ),
                }
            ],
        )
    if not isinstance(inputs, Mapping):
        message = _("Inputs must be a mapping of names to text values.")
        return _failure(name, [{"field": None, "message": message}])
    try:
        parsed = module.Inputs.from_strings(inputs)
        return {"ok": True, "calculator": name, **answer(module, parsed, module.compute(parsed))}
    except InputError as err:
        return _failure(name, [{"field": p.field, "message": p.message} for p in err.problems])
    except Exception as err:  # a bug; the page, the build and the CLI still get an answer
        message = _("Could not compute: {error}.").format(error=err)
        return _failure(name, [{"field": None, "message": message}])


class Field(NamedTuple):
    """One input in form order, with the group (fieldset) it belongs to."""

    legend: str  # "" when the input belongs to no group
    name: str
    spec: Spec
    when: tuple[str, str] | None  # (field, value): the group applies only when field == value


def summary(module: ModuleType, shown: Mapping[str, str]) -> str:
    """The sentence a screen reader hears once input settles: the module's SUMMARY outputs."""
    said = [f"{_(o.label)}: {shown[o.key]}" for o in module.SUMMARY if shown[o.key]]
    return " ".join(s if s.endswith((".", "?", "!")) else s + "." for s in said)


def fields(name: str, lang: str = ENGLISH) -> list[Field]:
    """Every input of calculator `name` in form order: ungrouped inputs first, then GROUPS.
    Legends, labels, help, units and choices are in `lang`.

    A calculator's GROUPS are `FieldGroup`s.
    """
    module = CALCULATORS[name]
    all_specs = {f: _worded(s, lang) for f, s in specs(module.Inputs).items()}
    groups: tuple[FieldGroup, ...] = getattr(module, "GROUPS", ())
    grouped = [
        Field(translate(lang, group.legend), f, all_specs[f], group.when)
        for group in groups
        for f in group.fields
    ]
    done = {f.name for f in grouped}
    return [Field("", f, s, None) for f, s in all_specs.items() if f not in done] + grouped


def _worded(spec: Spec, lang: str) -> Spec:
    """The spec as a form in `lang` shows it; its parsing is the same."""
    if lang == ENGLISH:
        return spec

    def say(text: str) -> str:
        return translate(lang, text) if text else ""

    return dataclasses.replace(
        spec,
        label=say(spec.label),
        help=say(spec.help),
        unit=say(spec.unit),
        choices=tuple((value, say(text)) for value, text in spec.choices),
    )


def defaults(name: str) -> dict[str, str]:
    """The form strings a widget starts with."""
    return {f.name: f.spec.form_value(f.spec.default) for f in fields(name)}
