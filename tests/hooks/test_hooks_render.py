"""The widget markup and inline values, straight from the renderer."""

from __future__ import annotations

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
