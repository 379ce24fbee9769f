"""MkDocs hook: the thin adapter between MkDocs and the builder-neutral code beside it.

Shortcodes are expanded by the Markdown extension `hooks.calc_markdown`, which any builder that
runs Python-Markdown uses; the work after the HTML is written is `hooks.site_build`. MkDocs only
needs to be told to run that step, to say whether it builds a site to publish or a preview for
`mkdocs serve`, to refuse a config that forgot the extension (the shortcodes would silently
stay HTML comments), and to build the site's other languages (mkdocs.yml's `extra.languages`:
each from `mkdocs.LANG.yml` into its folder of the site) before that step, so one `mkdocs build`
or `mkdocs serve` makes the whole site, and an edit to a Korean page reloads the preview too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` started as a console script does not add the cwd
    sys.path.insert(0, str(ROOT))

from hooks import site_build  # noqa: E402

EXTENSION = "hooks.calc_markdown"

# "build", "gh-deploy" or "serve" (`mkdocs serve --clean` says "build": it serves no live-reload
# script, so it previews exactly what would be published).
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: Any) -> Any:
    if EXTENSION not in config["markdown_extensions"]:
        raise PluginError(f"mkdocs.yml must list `{EXTENSION}` under markdown_extensions")
    if not config["site_url"]:  # said before the pages, whose templates need the address
        raise PluginError(site_build.NO_ADDRESS)
    return config


def _build_language(config: Any, language: dict[str, str]) -> None:
    """The pages of `language` (mkdocs.LANG.yml beside this config) into their folder of this
    site, for its address there. Without an address neither has one, and site_build says so."""
    site_url = config["site_url"]
    other = load_config(
        str(Path(config["config_file_path"]).parent / f"mkdocs.{language['lang']}.yml"),
        site_dir=str(Path(config["site_dir"]) / language["path"]),
        site_url=site_url and site_url + language["path"],
    )
    try:
        build(other)
    except Abort as err:  # strict: a warning in the other language fails this build too
        raise PluginError(f"the {language['name']} pages: {err}") from err


def on_post_build(config: Any) -> None:
    extra = config.get("extra") or {}
    languages = extra.get("languages", [])
    here = next((lang for lang in languages if lang["lang"] == extra.get("language")), None)
    if here and here["path"]:
        return  # a language in a folder of the site: the root's build ships the whole site after it
    for language in languages:
        if language is not here:
            _build_language(config, language)
    try:
        site_build.run(Path(config["site_dir"]), serve=_command == "serve")
    except site_build.BuildStepError as err:
        raise PluginError(str(err)) from err
