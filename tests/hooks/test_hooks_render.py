"""The widget markup and inline values, straight from the renderer."""

from __future__ import annotations

import html
import json
import re

import pytest
from markupsafe import escape

import calc
from hooks import render
from hooks.render import ShortcodeError


@pytest.mark.parametrize("name", sorted(calc.CALCULATORS))
def test_widget_follows_the_dom_contract(name: str) -> None:
    html = render.widget(name)
    assert html.startswith(f'<form class="calc" id="calc-{name}" data-calc="{name}"')
    assert 'data-state="static"' in html
    for field in calc.fields(name):
        assert f'name="{field.name}"' in html
        assert f'data-problem="{field.name}"' in html
        assert f'aria-describedby="{name}-{field.name}-problem' in html
        if field.when:
            assert f'data-when="{field.when[0]}={field.when[1]}"' in html
    answer = calc.run(name, calc.defaults(name))
    for out in calc.CALCULATORS[name].OUTPUTS:
        if out.kind == "html":
            assert answer["html"][out.key] in html  # calc's markup, not escaped
        else:
            shown = re.search(rf'<output name="{out.key}"[^>]*>([^<]*)</output>', html)
            assert shown and shown[1] == escape(answer["display"][out.key])


def test_reader_text_is_escaped() -> None:
    """Labels and values go through the template's autoescaping, so calc text cannot inject."""
    html = render.widget("labeling")
    assert "person&#39;s bias" in html and "person's bias" not in html


def test_a_fed_calculator_shares_the_form() -> None:
    html = render.widget("gates", ["record"])
    assert '<fieldset class="calc-sub" data-calc="record"' in html
    assert html.count('name="pairs"') == 1  # shared inputs are drawn once, by the form
    assert 'name="title"' in html
    assert html.count("<form") == 1


@pytest.mark.parametrize(
    ("name", "key", "args", "expected"),
    [
        ("roi", "cost", "", "$7,900"),  # the chapter's cost model
        ("roi", "savings", "", "$29,000"),
        ("roi", "roi", "", "3.7"),
        ("roi", "roi", "calls_per_year=100000", "0.37"),  # exercise 3
        ("labeling", "days", "", "100"),  # one labeler at 50 a day, 5,000 pairs
    ],
)
def test_inline_values_come_from_calc(name: str, key: str, args: str, expected: str) -> None:
    assert render.inline(name, key, args) == expected


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: render.widget("nope"), "unknown calculator in shortcode: calc:nope"),
        (lambda: render.widget("roi", ["nope"]), "unknown calculator in shortcode: calc:nope"),
        (lambda: render.widget("gates", ["roi"]), "does not take all inputs"),
        (lambda: render.inline("nope", "cost", ""), "unknown calculator"),
        (lambda: render.inline("roi", "nope", ""), "no output 'nope'"),
        (lambda: render.inline("roi", "roi", "calls_per_year"), "must be key=value"),
        (lambda: render.inline("roi", "roi", "calls_per_year=-1"), "calc:roi failed"),
    ],
)
def test_what_the_build_cannot_honour_raises(call, message: str) -> None:
    with pytest.raises(ShortcodeError, match=message):
        call()


HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.mark.parametrize("name", sorted(calc.CALCULATORS))
def test_a_korean_widget_has_korean_words_and_the_english_numbers(name: str) -> None:
    english, korean = render.widget(name), render.widget(name, lang="ko")
    assert 'data-lang="ko"' in korean and 'data-lang="en"' in english
    # The same form: every name, value and default, so links and saved answers cross languages.
    attributes = re.compile(r'(?:name|value|data-default|data-fields|data-when)="[^"]*"')
    assert attributes.findall(korean) == attributes.findall(english)
    # Every text a reader sees beside a control or result is Korean.
    for tag in ("legend", "label", "dt", "figcaption", "button"):
        for text in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", korean, flags=re.S):
            words = re.sub(r"<[^>]+>", "", text)
            if re.search("[a-z]{3}", words):
                assert HANGUL.search(words), (tag, words)
    outputs = re.compile(r'<output name="(\w+)"[^>]*>([^<]*)</output>')
    for (key, said), (_, shown) in zip(
        outputs.findall(korean), outputs.findall(english), strict=True
    ):
        assert _numbers(said) == _numbers(shown), key


def _numbers(text: str) -> list[str]:
    """The numbers in a result's markup, in any order (Korean puts words around them its own
    way, and writes gate ③ where English writes gate 3)."""
    return sorted(NUMBER.findall(html.unescape(text).translate(str.maketrans("①②③④", "1234"))))


def test_inline_values_in_korean_keep_the_numbers() -> None:
    assert render.inline("roi", "cost", "", "ko") == "$7,900"
    assert render.inline("roi", "verdict_short", "calls_per_year=100000", "ko") == "중단"
    assert render.inline("roi", "payback", "", "ko") == "2.5개월"


def test_an_unknown_language_fails_the_build() -> None:
    with pytest.raises(ShortcodeError, match="not 'xx'"):
        render.widget("roi", lang="xx")


def test_the_page_words_are_json_in_an_attribute_no_browser_runs() -> None:
    element = render.words_element("ko")
    found = re.fullmatch(r'<div hidden data-calc-words="([^"]*)"></div>', element)
    assert found, element  # an attribute: no quote inside can end it early
    assert json.loads(html.unescape(found[1]))["Copy link"] == "링크 복사"
    assert "<script" not in element
