"""`python -m calc NAME key=value ...`: the same JSON as calc.run, for notebooks and terminals."""

from __future__ import annotations

import json
import sys

from . import CALCULATORS, fields, run

USAGE = "usage: python -m calc NAME [key=value ...]   (python -m calc --help lists calculators)"


def _help() -> str:
    lines = [USAGE, "", "Calculators and their inputs (default in brackets):"]
    for name, module in CALCULATORS.items():
        lines.append(f"\n{name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        for field in fields(name):
            spec = field.spec
            default = spec.form_value(spec.default) or "unanswered"
            extra = f" one of: {', '.join(v for v, _ in spec.choices)}" if spec.choices else ""
            used = f" (when {field.when[0]}={field.when[1]})" if field.when else ""
            lines.append(f"  {field.name}=…  {spec.label} [{default}]{extra}{used}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """The CLI; `argv` defaults to the command line, as the `finetune-calc` console script needs."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(_help() if argv else USAGE, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    name, pairs = argv[0], argv[1:]
    bad = [p for p in pairs if "=" not in p]
    if bad:
        print(f"expected key=value, got: {' '.join(bad)}\n{USAGE}", file=sys.stderr)
        return 2
    answer = run(name, dict(p.split("=", 1) for p in pairs))
    print(json.dumps(answer, indent=2, ensure_ascii=False, allow_nan=False))
    return 0 if answer["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
