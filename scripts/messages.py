"""Every message the site says, by catalogue, and what each translation lacks or holds in excess.

    .venv/bin/python scripts/messages.py      # prints what to add to or remove from each .po

Two catalogues per language, both gettext .po files with the English text as msgid:
- calc/locale/LANG.po, what `calc` says (shipped in calc.zip and the wheel): the `_()`, `N_()`,
  `ngettext()` and `counted()` messages of calc/*.py, found by Babel's extractor, plus the
  calculators' metadata (titles, labels, help, units, choices, legends, output labels, the
  "Enter …" sentence of each required field, each module's first docstring line for --help);
- web/locale/LANG.po, what the page says around the results: `t()` and `N_()` in web/, `_()` in
  the widget template and hooks/render.py. The build renders it into every page of that language.

tests/test_messages.py fails on anything this prints.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calc  # noqa: E402
from calc._form import specs  # noqa: E402
from calc._format import unit_for  # noqa: E402

CALC_PO = ROOT / "calc" / "locale"
PAGE_PO = ROOT / "web" / "locale"
# The words a translation may keep as they are written in English: the field writes them so.
KEPT = frozenset({"ROI"})
_WORDS = re.compile(r"[A-Za-z]")
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

_KEYWORDS = {
    "_": None,
    "N_": None,
    "t": None,
    "sayStep": None,
    "ngettext": (1, 2),
    "counted": (2, 3),
}
_METHODS = {"py": "python", "js": "javascript", "html": "jinja2.ext:babel_extract"}


def _extracted(folder: Path, pattern: str) -> Iterator[str]:
    method = _METHODS[pattern.rsplit(".", 1)[1]]
    for _file, _line, message, _comments, _context in extract_from_dir(
        folder, method_map=[(pattern, method)], keywords=_KEYWORDS
    ):
        yield message[0] if isinstance(message, tuple) else message  # plurals: the singular


def _metadata() -> Iterator[str]:
    for module in calc.CALCULATORS.values():
        yield (module.__doc__ or "").strip().splitlines()[0]
        yield module.TITLE
        for group in ("OUTPUTS", "SUMMARY", "COMPARE"):
            yield from (out.label for out in getattr(module, group, ()))
        yield from (group.legend for group in getattr(module, "GROUPS", ()))
        for spec in specs(module.Inputs).values():
            yield from (spec.label, spec.help, *(text for _value, text in spec.choices))
            if not spec.optional:
                yield spec.empty
            if spec.unit.startswith("$"):
                yield spec.unit if spec.unit != "$" else ""
            else:
                yield from (spec.unit, unit_for(1, spec.unit))


def _words(messages: Iterable[str]) -> set[str]:
    return {m for m in messages if _WORDS.search(m)}


def used() -> dict[Path, set[str]]:
    """The messages each catalogue folder must translate."""
    calc_messages = [*_extracted(ROOT / "calc", "**.py"), *_metadata()]
    page_messages = [
        *_extracted(ROOT / "web", "**.js"),
        *_extracted(ROOT / "hooks", "**.html"),
        *_extracted(ROOT / "hooks", "render.py"),
    ]
    return {CALC_PO: _words(calc_messages), PAGE_PO: _words(page_messages)}


def problems() -> list[str]:
    """What is wrong with the catalogues, one line each (empty: nothing)."""
    found = []
    for folder, messages in used().items():
        pos = sorted(folder.glob("*.po"))
        if not pos:
            found.append(f"{folder.relative_to(ROOT)}: no catalogue")
        for po in pos:
            name = po.relative_to(ROOT)
            catalogue = calc.read_po(po.read_text(encoding="utf-8"))
            for msgid in sorted(messages - set(catalogue)):
                found.append(f"{name}: missing or untranslated: msgid {_quoted(msgid)}")
            for msgid in sorted(set(catalogue) - messages):
                found.append(f"{name}: not used any more: msgid {_quoted(msgid)}")
            for msgid, msgstr in sorted(catalogue.items()):
                for form in msgstr if isinstance(msgstr, tuple) else (msgstr,):
                    if form == msgid and msgid not in KEPT:
                        found.append(f"{name}: the same as the English: {_quoted(msgid)}")
                    if set(_PLACEHOLDER.findall(form)) != set(_PLACEHOLDER.findall(msgid)):
                        found.append(f"{name}: placeholders differ: {_quoted(msgid)}")
    return found


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


if __name__ == "__main__":
    trouble = problems()
    print("\n".join(trouble) or "Every message has its translation.")
    sys.exit(1 if trouble else 0)
