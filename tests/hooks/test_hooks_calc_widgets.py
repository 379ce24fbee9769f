"""The hook on its own: shortcode expansion, build failures, the calc.zip it ships."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
from html import escape
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import calc
from hooks import calc_widgets as hook

ROOT = Path(__file__).resolve().parents[2]
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="page.md"))


def expand(markdown: str) -> str:
    return hook.on_page_markdown(markdown, page=PAGE, config=None, files=None)


@pytest.mark.parametrize("name", sorted(calc.CALCULATORS))
def test_widget_follows_the_dom_contract(name: str) -> None:
    html = expand(f"<!-- calc:{name} -->")
    assert f'<form class="calc" id="calc-{name}" data-calc="{name}" data-state="static"' in html
    for _, field, _spec in calc.fields(name):
        assert f'name="{field}"' in html
        assert f'data-problem="{field}"' in html
        assert f'aria-describedby="{name}-{field}-problem' in html
    for key, value in calc.run(name, calc.defaults(name))["display"].items():
        if any(o.key == key for o in calc.CALCULATORS[name].OUTPUTS):
            assert f'<output name="{key}">' in html
            assert escape(value).split("\n")[0] in html


def test_widget_is_a_raw_html_block_of_its_own() -> None:
    out = expand("Intro.\n<!-- calc:poc -->\nAfter.")
    assert out.startswith("Intro.\n\n\n<form")
    assert out.endswith("</form>\n\n\nAfter.")


def test_a_second_calculator_shares_the_form() -> None:
    html = expand("<!-- calc:gates record -->")
    assert '<fieldset class="calc-sub" data-calc="record"' in html
    assert html.count('name="pairs"') == 1  # shared inputs are rendered once
    assert 'name="title"' in html


@pytest.mark.parametrize(
    ("shortcode", "expected"),
    [
        ("<!-- calc:roi.cost -->", "$7,900"),
        ("<!-- calc:roi.savings -->", "$29,000"),
        ("<!-- calc:roi.roi -->", "3.7"),
        ("<!-- calc:roi.roi calls_per_year=100000 -->", "0.37"),
        ("<!-- calc:labeling.days -->", "100"),
    ],
)
def test_inline_values_come_from_calc(shortcode: str, expected: str) -> None:
    assert expand(f"ROI is {shortcode} here.") == f"ROI is {expected} here."


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("<!-- calc:nope -->", "unknown calculator"),
        ("<!-- calc:nope.cost -->", "unknown calculator"),
        ("<!-- calc:roi.nope -->", "no output 'nope'"),
        ("<!-- calc:roi.roi calls_per_year -->", "must be key=value"),
        ("<!-- calc:roi.roi calls_per_year=-1 -->", "failed"),
        ("<!-- calc:roi -->\n\n<!-- calc:roi -->", "appears twice"),
        ("<!-- calc:roi nope -->", "unknown calculator"),
        ("<!-- calc:gates roi -->", "does not take all inputs"),
    ],
)
def test_bad_shortcodes_fail_loudly(markdown: str, message: str) -> None:
    with pytest.raises(PluginError, match=message):
        expand(markdown)


def test_other_html_comments_are_left_alone() -> None:
    assert expand("<!-- a note -->") == "<!-- a note -->"


def test_calc_zip_holds_the_whole_package_and_is_byte_stable() -> None:
    data = hook.calc_zip()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(names) == sorted(f"calc/{p.name}" for p in (ROOT / "calc").glob("*.py"))
    assert hook.calc_zip() == data


def test_an_unknown_shortcode_fails_the_real_build(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Page\n\n<!-- calc:does_not_exist -->\n")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
        site_name: t
        strict: true
        hooks: [{ROOT / "hooks" / "calc_widgets.py"}]
        """)
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "unknown calculator in shortcode: calc:does_not_exist" in done.stderr
