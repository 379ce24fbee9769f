"""The Markdown extension: where shortcodes expand, and what fails the build."""

from __future__ import annotations

import markdown
import pytest

from hooks import render
from hooks.calc_markdown import ShortcodeError

EXTENSIONS = ["hooks.calc_markdown", "pymdownx.superfences", "md_in_html", "tables"]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_widget_is_one_raw_html_block_between_paragraphs() -> None:
    html = convert("Intro.\n<!-- calc:poc -->\nAfter.")
    assert html == f"<p>Intro.</p>\n{render.widget('poc')}\n<p>After.</p>"


def test_inline_values_expand_in_text_tables_and_code() -> None:
    text = (
        "ROI is <!-- calc:roi.roi --> here.\n\n"
        "| cost |\n| --- |\n| <!-- calc:roi.cost --> |\n\n"
        "```text\nsavings = <!-- calc:roi.savings calls_per_year=100000 -->\n```\n"
    )
    html = convert(text)
    assert "<p>ROI is 3.7 here.</p>" in html
    assert "<td>$7,900</td>" in html
    assert "savings = $2,900" in html
    assert "calc:" not in html


def test_other_html_comments_are_left_alone() -> None:
    assert convert("<!-- a note -->") == "<!-- a note -->"


def test_each_page_starts_afresh() -> None:
    """One Markdown instance converts many pages (MkDocs reuses it): a widget on one page does
    not count as a duplicate on the next."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert "data-calc" in md.convert("<!-- calc:poc -->")
    md.reset()
    assert "data-calc" in md.convert("<!-- calc:poc -->")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- calc:nope -->", "unknown calculator"),
        ("<!-- calc:nope.cost -->", "unknown calculator"),
        ("<!-- calc:roi.nope -->", "no output 'nope'"),
        ("<!-- calc:roi.roi calls_per_year -->", "must be key=value"),
        ("<!-- calc:roi.roi calls_per_year=-1 -->", "failed"),
        ("<!-- calc:roi -->\n\n<!-- calc:roi -->", "appears twice"),
        ("<!-- calc:roi nope -->", "unknown calculator"),
        ("Text <!-- calc:roi --> text", "on a line of its own"),
    ],
)
def test_bad_shortcodes_fail_loudly(text: str, message: str) -> None:
    with pytest.raises(ShortcodeError, match=message):
        convert(text)


@pytest.mark.parametrize("value", ["<b>", "a_b_c", "*", "[x]", "a|b"])
def test_an_inline_value_markdown_would_read_as_markup_fails(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setattr(render, "inline", lambda name, key, args, lang: value)
    with pytest.raises(ShortcodeError, match="Markdown would read as markup"):
        convert("<!-- calc:roi.roi -->")


def test_the_korean_build_renders_korean_widgets_and_carries_the_page_words() -> None:
    korean = markdown.markdown(
        "비용은 <!-- calc:roi.cost --> 입니다.\n\n<!-- calc:labeling -->",
        extensions=EXTENSIONS,
        extension_configs={"hooks.calc_markdown": {"lang": "ko"}},
    )
    assert "<p>비용은 $7,900 입니다.</p>" in korean
    assert render.widget("labeling", lang="ko") in korean
    assert render.words_element("ko") in korean


def test_an_english_page_carries_no_page_words() -> None:
    assert "data-calc-words" not in convert("<!-- calc:labeling -->")


def test_an_unknown_page_language_fails_the_build() -> None:
    with pytest.raises(ShortcodeError, match="not 'xx'"):
        markdown.markdown(
            "text", extensions=EXTENSIONS, extension_configs={"hooks.calc_markdown": {"lang": "xx"}}
        )
