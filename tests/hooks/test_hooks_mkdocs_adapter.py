"""The MkDocs adapter, through real `mkdocs build` runs on a two-line site."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hooks import mkdocs_adapter as adapter

ROOT = Path(__file__).resolve().parents[2]


def build(
    tmp_path: Path,
    page: str,
    extensions: str = "[hooks.calc_markdown]",
    site_url: str | None = "https://example.org/t/",
):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
        site_name: t
        site_url: !ENV SITE_URL
        strict: true
        markdown_extensions: {extensions}
        hooks: [{ROOT / "hooks" / "mkdocs_adapter.py"}]
        """)
    )
    # The caller's PATH: the build runs Node (the stdlib, the bundle), wherever it is installed.
    env = {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "PATH": os.environ["PATH"]}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=tmp_path,
        env={**env, **({"SITE_URL": site_url} if site_url else {})},
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


def test_a_build_without_site_url_is_refused_with_the_fix(tmp_path: Path) -> None:
    """A published site must name its own address; mkdocs.yml gives SITE_URL no default."""
    done = build(tmp_path, "# Page\n", site_url=None)
    assert done.returncode != 0
    assert "set SITE_URL to where it will be published" in done.stderr


def test_the_sites_own_config_without_site_url_is_refused_before_any_page(tmp_path: Path) -> None:
    """The real mkdocs.yml, whose templates need the address: the fix is said, not a traceback."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml")],
        cwd=tmp_path,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "set SITE_URL to where it will be published" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_build_is_published_and_a_preview_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs build` gets the security policy and the service worker; `mkdocs serve` neither:
    its live-reload script is inline, and no worker may answer for the author's preview."""
    monkeypatch.setattr(adapter, "_command", adapter._command)  # put back after the test
    # The stdlib takes Node seconds and is tested in test_hooks_stdlib.py.
    monkeypatch.setattr(adapter.site_build, "write_stdlib", lambda site: site)
    page = '<head><meta charset="utf-8"><link rel="canonical" href="https://example.org/">'
    for command in ("build", "serve"):
        site = tmp_path / command
        site.mkdir()
        (site / "index.html").write_text(page)
        adapter.on_startup(command=command, dirty=False)
        adapter.on_post_build({"site_dir": str(site)})
    assert "Content-Security-Policy" in (tmp_path / "build" / "index.html").read_text()
    assert (tmp_path / "build" / "sw.js").is_file()
    assert (tmp_path / "serve" / "index.html").read_text() == page
    assert not (tmp_path / "serve" / "sw.js").exists()
