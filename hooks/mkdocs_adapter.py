"""MkDocs hook: the thin adapter between MkDocs and the builder-neutral code beside it.

Shortcodes are expanded by the Markdown extension `hooks.calc_markdown`, which any builder that
runs Python-Markdown uses; the work after the HTML is written is `hooks.site_build`. MkDocs only
needs to be told to run that step, to say whether it builds a site to publish or a preview for
`mkdocs serve`, and to refuse a config that forgot the extension (the shortcodes would silently
stay HTML comments).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

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
    return config


def on_post_build(config: Any) -> None:
    try:
        site_build.run(Path(config["site_dir"]), serve=_command == "serve")
    except site_build.BuildStepError as err:
        raise PluginError(str(err)) from err
