"""`python -m calc [--lang LANG] NAME key=value ...`: the same JSON as calc.run, for notebooks
and terminals. Without --lang the language comes from the environment as gettext reads it
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG: `ko_KR.UTF-8` is Korean); English when none is known."""

from __future__ import annotations

import json
import os
import sys

from . import CALCULATORS, LANGUAGES, fields, run
from ._i18n import ENGLISH, N_, _, language

USAGE = N_(
    "usage: python -m calc [--lang LANG] NAME [key=value ...]   (python -m calc --help lists "
    "calculators)"
)


def _help(lang: str) -> str:
    lines = [_(USAGE), "", _("Calculators and their inputs (default in brackets):")]
    for name, module in CALCULATORS.items():
        lines.append(f"\n{name}: {_((module.__doc__ or '').strip().splitlines()[0])}")
        for field in fields(name, lang):
            spec = field.spec
            default = spec.form_value(spec.default) or _("unanswered")
            choices = ", ".join(v for v, _text in spec.choices)
            extra = " " + _("one of: {choices}").format(choices=choices) if choices else ""
            used = (
                " " + _("(when {field}={value})").format(field=field.when[0], value=field.when[1])
                if field.when
                else ""
            )
            lines.append(f"  {field.name}=…  {spec.label} [{default}]{extra}{used}")
    return "\n".join(lines)


def _environment_language() -> str:
    """The first language gettext would read from the environment, if calc speaks it."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for wanted in os.environ.get(variable, "").split(":"):
            code = wanted.split(".")[0].split("_")[0].split("@")[0].lower()
            if code in LANGUAGES:
                return code
    return ENGLISH


def main(argv: list[str] | None = None) -> int:
    """The CLI; `argv` defaults to the command line, as the `finetune-calc` console script needs."""
    argv = sys.argv[1:] if argv is None else argv
    lang = _environment_language()
    if argv[:1] == ["--lang"] and len(argv) > 1:
        lang, argv = argv[1], argv[2:]
    elif argv[:1] and argv[0].startswith("--lang="):
        lang, argv = argv[0].partition("=")[2], argv[1:]
    if lang not in LANGUAGES:
        print(f"--lang: one of {', '.join(LANGUAGES)}, not {lang!r}\n{USAGE}", file=sys.stderr)
        return 2
    with language(lang):
        return _main(argv, lang)


def _main(argv: list[str], lang: str) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(_help(lang) if argv else _(USAGE), file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    name, pairs = argv[0], argv[1:]
    bad = [p for p in pairs if "=" not in p]
    if bad:
        got = _("expected key=value, got: {args}").format(args=" ".join(bad))
        print(f"{got}\n{_(USAGE)}", file=sys.stderr)
        return 2
    answer = run(name, dict(p.split("=", 1) for p in pairs), lang)
    print(json.dumps(answer, indent=2, ensure_ascii=False, allow_nan=False))
    return 0 if answer["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
