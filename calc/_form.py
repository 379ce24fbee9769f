"""Field metadata and the string → typed-value parser shared by every calculator.

Inputs arrive as strings (a form, a query string, a command line). Each calculator declares its
fields once, with the metadata the site needs to render a form; `Form.from_strings` turns a
mapping of strings into a frozen `Inputs` or raises `InputError` listing every problem at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from ._format import quantity
from ._i18n import N_, _

YES_NO = (("yes", N_("Yes")), ("no", N_("No")))
_ECHO_LIMIT = 40
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What float() accepts that a reader would not call a number; digits that overflow are a number.
_NOT_A_NUMBER = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    field: str | None
    message: str


class InputError(ValueError):
    """Raised with every problem found in one set of inputs; each names its field."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True, kw_only=True)
class Spec:
    """How one input looks in a form and how its string is read."""

    kind: str  # number | choice | text | date
    label: str
    default: Any
    help: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    step: float | None = None
    integer: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    widget: str = ""  # for choices: "select" or "radio"
    optional: bool = False  # empty string means "unanswered" instead of a problem
    max_length: int = 200
    noun: str = ""  # what "Enter …" asks for when the field is empty; derived from the label

    @property
    def what(self) -> str:
        """The noun phrase a message asks for: "the number of labeled pairs", "the GPU cost"."""
        if self.noun:
            return self.noun
        if self.label.endswith("?"):
            return "an answer"
        first, space, rest = self.label.partition(" ")
        if first[1:].islower() or len(first) == 1:  # keep GPU, PoC
            first = first.lower()
        label = first + space + rest
        return f"the number of {label}" if self.integer else f"the {label}"

    @property
    def empty(self) -> str:
        """What an empty required field is told, in English: "Enter the number of labeled
        pairs." Each of these sentences is a message of its own, so that another language words
        it its own way instead of translating a derived English noun."""
        return f"{'Choose' if self.kind == 'choice' else 'Enter'} {self.what}."

    def form_value(self, value: Any) -> str:
        """The string a form shows for a typed value (inverse of parsing)."""
        if value is None:
            return ""
        if self.kind == "number":
            return format_plain(value)
        return str(value)


def _field(spec: Spec) -> Any:
    return dataclasses.field(default=spec.default, metadata={"spec": spec})


def number(
    label: str,
    default: float | None,
    *,
    unit: str = "",
    min: float,
    max: float,
    step: float = 1,
    integer: bool = False,
    optional: bool = False,
    help: str = "",
    noun: str = "",
) -> Any:
    return _field(
        Spec(
            kind="number",
            label=label,
            default=default,
            unit=unit,
            min=min,
            max=max,
            step=step,
            integer=integer,
            optional=optional,
            help=help,
            noun=noun,
        )
    )


def choice(
    label: str,
    default: str | None,
    choices: tuple[tuple[str, str], ...],
    *,
    widget: str = "select",
    optional: bool = False,
    help: str = "",
    noun: str = "",
) -> Any:
    return _field(
        Spec(
            kind="choice",
            label=label,
            default=default,
            choices=choices,
            widget=widget,
            optional=optional,
            help=help,
            noun=noun,
        )
    )


def text(
    label: str,
    default: str | None = None,
    *,
    kind: str = "text",
    max_length: int = 200,
    help: str = "",
) -> Any:
    return _field(
        Spec(
            kind=kind, label=label, default=default, optional=True, max_length=max_length, help=help
        )
    )


def specs(cls: type) -> dict[str, Spec]:
    return {f.name: f.metadata["spec"] for f in dataclasses.fields(cls)}


def echo(raw: str) -> str:
    """Quote what the reader typed, shortened so a hostile string cannot flood the page."""
    shown = raw if len(raw) <= _ECHO_LIMIT else raw[:_ECHO_LIMIT] + "…"
    return f"“{shown}”"


def format_plain(value: float) -> str:
    """A number as a reader would type it back: no exponent, no trailing .0."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _either(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return _("{some} or {last}").format(some=", ".join(values[:-1]), last=values[-1])


def _parse_number(spec: Spec, raw: str) -> float | int:
    text_ = raw.strip().lstrip("$").strip()
    if _THOUSANDS.fullmatch(text_):
        text_ = text_.replace(",", "")
    try:
        value = float(text_)
    except ValueError:
        raise ValueError(_("{value} is not a number.").format(value=echo(raw))) from None
    if _NOT_A_NUMBER.fullmatch(text_):
        raise ValueError(_("{value} is not a number.").format(value=echo(raw)))
    assert spec.min is not None and spec.max is not None
    # Too many digits overflow to ±inf: that is a number out of range, not "not a number".
    if value < spec.min:
        raise ValueError(
            _("Must be at least {amount}.").format(amount=quantity(spec.min, spec.unit))
        )
    if value > spec.max:
        raise ValueError(
            _("Must be at most {amount}.").format(amount=quantity(spec.max, spec.unit))
        )
    if spec.integer:
        if not value.is_integer():
            raise ValueError(_("Must be a whole number."))
        return int(value)
    return value


def _parse(spec: Spec, raw: str) -> Any:
    if not isinstance(raw, str):
        raise ValueError(_("Must be given as text."))
    if len(raw) > 10_000:
        raise ValueError(_("{value} is far too long.").format(value=echo(raw)))
    if raw.strip() == "":
        if spec.optional:
            return None
        raise ValueError(_(spec.empty))
    if spec.kind == "number":
        return _parse_number(spec, raw)
    value = raw.strip()
    if spec.kind == "choice":
        allowed = [v for v, _text in spec.choices]
        if value.lower() not in allowed:
            raise ValueError(
                _("{value} is not one of the choices: {choices}.").format(
                    value=echo(raw), choices=_either(allowed)
                )
            )
        return value.lower()
    if len(value) > spec.max_length:
        raise ValueError(
            _("{value} is longer than {length} characters.").format(
                value=echo(raw), length=spec.max_length
            )
        )
    if spec.kind == "date" and not _is_date(value):
        raise ValueError(_("{value} is not a date written as YYYY-MM-DD.").format(value=echo(raw)))
    return value


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class FieldGroup(NamedTuple):
    """A calculator's GROUPS entry: a fieldset of the form. With `when` (field, value), the group
    only applies while that field has that value."""

    legend: str
    fields: tuple[str, ...]
    when: tuple[str, str] | None = None


class Form:
    """Mixin for a calculator's frozen `Inputs`: the named constructor from strings."""

    __slots__ = ()
    name: ClassVar[str]

    @classmethod
    def from_strings(cls, raw: Mapping[str, str]) -> Any:
        fields = specs(cls)
        problems = [
            Problem(
                str(key), _("{key} is not an input of this calculator.").format(key=echo(str(key)))
            )
            for key in raw
            if key not in fields
        ]
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if name not in raw:
                values[name] = spec.default
                continue
            try:
                values[name] = _parse(spec, raw[name])
            except ValueError as err:
                problems.append(Problem(name, str(err)))
        if not problems:
            inputs = cls(**values)
            problems = inputs.check()
            if not problems:
                return inputs
        raise InputError(problems)

    def check(self) -> list[Problem]:
        """Rules that involve more than one field; override where needed."""
        return []
