"""The words calc says, in the reader's language (issue 20).

English is written in the code and is the message id. Every other language is a gettext
catalogue, `calc/locale/LANG.po`, the one source of truth for its words. The catalogues are read
when calc is imported, by the small reader below rather than compiled to `.mo` files: calc stays
stdlib-only with nothing generated, and `pip install`, pytest and Pyodide read the same file.

The numbers do not depend on the language, only the words: `run(name, inputs, lang)` sets the
language for the one call (a context variable), and `_` looks each message up while it runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

ENGLISH = "en"
LOCALE = Path(__file__).parent / "locale"

Catalogue = dict[str, str | tuple[str, ...]]  # msgid → msgstr, or its plural forms


def read_po(text: str) -> Catalogue:
    """The translated entries of a .po file's text: msgid, msgid_plural, msgstr[N] and strings
    continued on the next lines. Untranslated and fuzzy entries are left out (English shows),
    so is the header."""
    entries: Catalogue = {}
    entry: dict[str, list[str]] = {}
    key = ""
    fuzzy = False

    def finish() -> None:
        msgid = "".join(entry.get("msgid", []))
        forms = tuple("".join(v) for k, v in sorted(entry.items()) if k.startswith("msgstr"))
        if msgid and not fuzzy and all(forms):
            plural = "msgid_plural" in entry
            entries[msgid] = forms if plural else forms[0]

    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if line.startswith('"'):
            entry[key].append(json.loads(line))  # PO escapes (\" \\ \n \t) are JSON's
            continue
        if entry and (not line or line.startswith(("#", "msgid "))):
            finish()
            entry, fuzzy = {}, False
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            entry[key] = [json.loads(value)]
    return entries


CATALOGUES: dict[str, Catalogue] = {
    path.stem: read_po(path.read_text(encoding="utf-8")) for path in sorted(LOCALE.glob("*.po"))
}
LANGUAGES = (ENGLISH, *CATALOGUES)

_LANG: ContextVar[str] = ContextVar("calc_lang", default=ENGLISH)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Say everything in `lang` inside the block (an unknown language is English)."""
    token = _LANG.set(lang if lang in CATALOGUES else ENGLISH)
    try:
        yield
    finally:
        _LANG.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    found = CATALOGUES.get(_LANG.get(), {}).get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:
    """Marks a message that is translated later, where it is shown (module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: float) -> str:
    """The form for `n`. Korean has one form; a language with English's rule has two."""
    forms = CATALOGUES.get(_LANG.get(), {}).get(singular)
    if not isinstance(forms, tuple):
        return singular if n == 1 else plural
    return forms[min(0 if n == 1 else 1, len(forms) - 1)]


def translate(lang: str, message: str) -> str:
    """`message` in `lang`: for metadata (labels, help, units) read outside `run`."""
    with language(lang):
        return _(message)
