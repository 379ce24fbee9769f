"""Markup for calc shortcodes: a widget form with its build-time results, or one display string.

The markup itself lives in templates/widget.html (Jinja2, autoescaped); this module turns
`calc`'s field metadata and answers into the values that template needs, and decides what is
an error. Both builders reach it through the Markdown extension in calc_markdown.py.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

import calc

SCHEMA_VERSION = "1"  # the `v` of shared links; bump when a field's meaning changes
# The page's own words (the template's, and web/'s through the JSON below) by language: the msgid
# is the English text; scripts/messages.py lists what each catalogue lacks.
PAGE_WORDS: dict[str, dict[str, str]] = {
    path.stem: {
        k: v
        for k, v in calc.read_po(path.read_text(encoding="utf-8")).items()
        if isinstance(v, str)
    }
    for path in sorted((Path(__file__).parent.parent / "web" / "locale").glob("*.po"))
}

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


class ShortcodeError(ValueError):
    """A shortcode the build cannot honour; the message names the shortcode."""


@dataclass(frozen=True, slots=True)
class Control:
    """One input as the template draws it."""

    name: str
    id: str
    kind: str  # text | select | radio
    label: str
    unit: str
    help: str
    value: str
    options: tuple[tuple[str, str], ...]  # (value, text) for select and radio
    number: bool
    date: bool


@dataclass(frozen=True, slots=True)
class Group:
    legend: str  # "" for fields outside any declared group
    controls: tuple[Control, ...]
    when: str = ""  # "field=value": the group only applies while that field has that value


@dataclass(frozen=True, slots=True)
class OutputView:
    """One of calc's `Output`s as the widget shows it, with its prerendered value."""

    key: str
    label: str
    kind: str  # text | block | html
    value: str  # display string, or calc-generated markup for html outputs
    download: str


@dataclass(frozen=True, slots=True)
class Calculator:
    """One calculator inside a widget: the form's own, or one fed by the same form."""

    name: str
    title: str
    fields: tuple[str, ...]
    groups: tuple[Group, ...]
    outputs: tuple[OutputView, ...]
    compare: tuple[
        OutputView, ...
    ]  # what a scenario comparison shows, for calculators that offer one
    example: str  # JSON of the values a "chapter's example" button fills in, or ""
    key: tuple[OutputView, ...]  # the key result a narrow screen keeps in view: calc's SUMMARY


def _known(name: str) -> None:
    if name not in calc.CALCULATORS:
        raise ShortcodeError(f"unknown calculator in shortcode: calc:{name}")


def known_language(lang: str) -> str:
    if lang not in calc.LANGUAGES:
        raise ShortcodeError(f"calc speaks {', '.join(calc.LANGUAGES)}, not {lang!r}")
    return lang


def _words(lang: str) -> Callable[[str], str]:
    """The page's word for an English text in `lang` (the template's `_`)."""
    words = PAGE_WORDS.get(lang, {})
    return lambda text: words.get(text, text)


def words_element(lang: str) -> str:
    """The page's words in `lang` as JSON for the page glue (web/page/words.js), in an attribute
    of a hidden element. Not a `<script type="application/json">`: Material's instant navigation
    re-runs every inline script of the new page's content as JavaScript, whatever its type, and
    the security policy blocks it (a violation on every navigation between Korean pages)."""
    data = json.dumps(PAGE_WORDS.get(lang, {}), ensure_ascii=False, sort_keys=True)
    return f'<div hidden data-calc-words="{html.escape(data, quote=True)}"></div>'


def _compute(name: str, inputs: Mapping[str, str], lang: str) -> dict[str, Any]:
    answer = calc.run(name, inputs, lang)
    if not answer["ok"]:
        raise ShortcodeError(f"calc:{name} failed: {answer['problems']}")
    return answer


def _control(name: str, field: str, spec: Any, value: str, _: Callable[[str], str]) -> Control:
    if spec.widget == "radio":
        kind = "radio"
        options = (*spec.choices, ("", _("Unanswered"))) if spec.optional else spec.choices
    elif spec.kind == "choice":
        kind = "select"
        options = (("", _("Not answered")), *spec.choices) if spec.optional else spec.choices
    else:
        kind, options = "text", ()
    return Control(
        name=field,
        id=f"{name}-{field}",
        kind=kind,
        label=spec.label,
        unit=spec.unit,
        help=spec.help,
        value=value,
        options=tuple(options),
        number=spec.kind == "number",
        date=spec.kind == "date",
    )


def _calculator(name: str, lang: str, skip: frozenset[str] = frozenset()) -> Calculator:
    values = calc.defaults(name)
    answer = _compute(name, values, lang)
    groups: dict[tuple[str, str], list[Control]] = {}
    for f in calc.fields(name, lang):
        if f.name not in skip:
            when = "=".join(f.when) if f.when else ""
            groups.setdefault((f.legend, when), []).append(
                _control(name, f.name, f.spec, values[f.name], _words(lang))
            )
    outputs = tuple(
        OutputView(
            key=out.key,
            label=calc.translate(lang, out.label),
            kind=out.kind,
            value=answer["html"][out.key] if out.kind == "html" else answer["display"][out.key],
            download=out.download,
        )
        for out in calc.CALCULATORS[name].OUTPUTS
    )
    module = calc.CALCULATORS[name]
    compare = tuple(
        OutputView(
            key=o.key, label=calc.translate(lang, o.label), kind="text", value="", download=""
        )
        for o in getattr(module, "COMPARE", ())
    )
    key = tuple(
        OutputView(
            key=o.key,
            label=calc.translate(lang, o.label),
            kind="text",
            value=answer["display"][o.key],
            download="",
        )
        for o in module.SUMMARY
    )
    # A fed calculator's example fields belong to the form around it, which offers its own.
    example = None if skip else getattr(module, "EXAMPLE", None)
    return Calculator(
        name=name,
        title=calc.translate(lang, module.TITLE),
        fields=tuple(values),
        groups=tuple(Group(legend, tuple(cs), when) for (legend, when), cs in groups.items()),
        outputs=outputs,
        compare=compare,
        example=json.dumps(example, sort_keys=True) if example else "",
        key=key,
    )


def widget(name: str, fed: list[str] | tuple[str, ...] = (), lang: str = "en") -> str:
    """The form for `<!-- calc:NAME FED… -->`: calculator `name`, plus calculators `fed` that
    read the same inputs and add fields and results of their own (the gates form feeds the
    decision record). Every word is in `lang`; the form carries it for the live answers."""
    _known(name)
    main = _calculator(name, known_language(lang))
    subs = []
    for other in fed:
        _known(other)
        if not set(main.fields) <= set(calc.defaults(other)):
            raise ShortcodeError(f"calc:{other} does not take all inputs of calc:{name}")
        subs.append(_calculator(other, lang, skip=frozenset(main.fields)))
    module = calc.CALCULATORS[name]
    html = _TEMPLATES.get_template("widget.html").render(
        main=main,
        subs=subs,
        schema=SCHEMA_VERSION,
        remember=getattr(module, "REMEMBER", False),
        lang=lang,
        _=_words(lang),
    )
    return html.strip()


def inline(name: str, key: str, args: str, lang: str = "en") -> str:
    """The display string for `<!-- calc:NAME.KEY field=value … -->`, as plain text, in `lang`."""
    _known(name)
    words = args.split()
    overrides = dict(w.split("=", 1) for w in words if "=" in w)
    if len(overrides) != len(words):
        raise ShortcodeError(f"calc:{name}.{key}: arguments must be key=value, got {args!r}")
    display = _compute(name, {**calc.defaults(name), **overrides}, known_language(lang))["display"]
    if key not in display:
        raise ShortcodeError(f"calc:{name} has no output {key!r}; it has {sorted(display)}")
    return str(display[key])
