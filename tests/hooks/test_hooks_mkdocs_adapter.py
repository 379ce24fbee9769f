"""The MkDocs adapter, through real `mkdocs build` runs on a two-line site."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(tmp_path: Path, page: str, extensions: str = "[hooks.calc_markdown]"):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
        site_name: t
        strict: true
        markdown_extensions: {extensions}
        hooks: [{ROOT / "hooks" / "mkdocs_adapter.py"}]
        """)
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_widget_page_builds_and_goes_live(tmp_path: Path) -> None:
    done = build(tmp_path, "# Page\n\n<!-- calc:poc -->\n")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert 'data-calc="poc"' in html
    assert (tmp_path / "site" / "assets" / "calc.zip").is_file()


def test_an_unknown_shortcode_fails_the_build(tmp_path: Path) -> None:
    done = build(tmp_path, "# Page\n\n<!-- calc:does_not_exist -->\n")
    assert done.returncode != 0
    assert "unknown calculator in shortcode: calc:does_not_exist" in done.stderr


def test_a_config_without_the_extension_is_refused(tmp_path: Path) -> None:
    """Without the extension every shortcode would stay an invisible HTML comment."""
    done = build(tmp_path, "# Page\n\n<!-- calc:poc -->\n", extensions="[]")
    assert done.returncode != 0
    assert "must list `hooks.calc_markdown` under markdown_extensions" in done.stderr
