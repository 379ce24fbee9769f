"""Python-Markdown extension that expands calc shortcodes; any builder that runs Python-Markdown
(MkDocs, Zensical) renders the same widgets and numbers with it.

- `<!-- calc:roi -->` on a line of its own becomes the calculator's widget, with the build's
  results in it (render.widget). `<!-- calc:gates record -->` adds calculators fed by the same form.
- `<!-- calc:roi.cost calls_per_year=100000 -->` anywhere, code blocks included, becomes one
  display string, so the prose and the widgets cannot disagree.

An unknown calculator or output, a bad argument, a calculator error or a widget used twice on one
page raises ShortcodeError, which fails the build under both builders.

`lang` is the pages' language (default "en"): widgets and values are worded in it, and a page in
a language other than English carries the page glue's words for it (render.words_element).

    markdown_extensions:
      - hooks.calc_markdown          # English
      - hooks.calc_markdown:
          lang: ko                   # the Korean build's config
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from hooks import render
from hooks.render import ShortcodeError

__all__ = ["CalcExtension", "ShortcodeError", "makeExtension"]

SHORTCODE = re.compile(r"<!--\s*calc:(?P<name>[\w.-]*)(?P<args>[^>]*?)\s*-->")
WIDGET_LINE = re.compile(r"^\s*" + SHORTCODE.pattern + r"\s*$")
# Inline values are inserted as Markdown text (so code blocks and tables keep them literally):
# characters Markdown would read as markup could change the page, so they fail the build.
_MARKUP = re.compile(r"[<>&*_`\[\]\\|]")

# After snippets (32) has included other files and before fenced code (25) and raw HTML (20)
# take lines away, so numbers inside ```text blocks are expanded too.
PRIORITY = 28


class _Shortcodes(Preprocessor):
    def __init__(self, md: Markdown, lang: str) -> None:
        super().__init__(md)
        self.lang = render.known_language(lang)

    def run(self, lines: list[str]) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        for line in lines:
            whole = WIDGET_LINE.match(line)
            if whole and "." not in whole["name"]:
                out.extend(["", self._widget(whole["name"], whole["args"], seen), ""])
            else:
                out.append(SHORTCODE.sub(self._inline, line))
        if self.lang != "en":
            out.extend(["", self.md.htmlStash.store(render.words_element(self.lang)), ""])
        return out

    def _widget(self, name: str, args: str, seen: set[str]) -> str:
        if name in seen:
            raise ShortcodeError(f"calc:{name} appears twice on one page")
        seen.add(name)
        # Stashed, so Markdown passes the form through untouched as one block of raw HTML.
        return self.md.htmlStash.store(render.widget(name, args.split(), self.lang))

    def _inline(self, match: re.Match[str]) -> str:
        name = match["name"]
        if "." not in name:
            raise ShortcodeError(f"calc:{name} must be on a line of its own (a widget)")
        calculator, key = name.split(".", 1)
        value = render.inline(calculator, key, match["args"].strip(), self.lang)
        if _MARKUP.search(value):
            raise ShortcodeError(
                f"calc:{name} gives {value!r}, which Markdown would read as markup"
            )
        return value


class CalcExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"lang": ["en", "the language the pages are written in (calc.LANGUAGES)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        shortcodes = _Shortcodes(md, self.getConfig("lang"))
        md.preprocessors.register(shortcodes, "calc_shortcodes", PRIORITY)


def makeExtension(**kwargs: Any) -> CalcExtension:
    return CalcExtension(**kwargs)
