"""The site's languages and their pages, read from the configs the builds read.

English is the site root (mkdocs.yml); every other language is built from mkdocs.LANG.yml into
its folder of the site (mkdocs.common.yml's `extra.languages`), page for page at the same path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    """The configs use !ENV for the address; nothing here needs it."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def config(name: str) -> dict[str, Any]:
    """One config file as written (without what it INHERITs)."""
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_Loader)


LANGUAGES: list[dict[str, str]] = config("mkdocs.common.yml")["extra"]["languages"]
CODES = [language["lang"] for language in LANGUAGES]
PREFIX = {language["lang"]: language["path"] for language in LANGUAGES}  # en: "", ko: "ko/"


def config_file(lang: str) -> str:
    return "mkdocs.yml" if not PREFIX[lang] else f"mkdocs.{lang}.yml"


def nav(lang: str) -> dict[str, str]:
    """Address → title of every page in that language's nav (the title given there, else the
    page's H1), the address relative to the language's folder ("", "gates/roi/", …)."""
    pages: dict[str, str] = {}

    def walk(items: list) -> None:
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(value, list):
                walk(value)
                continue
            address = value.removesuffix(".md").removesuffix("index")
            address = address if address == "" or address.endswith("/") else f"{address}/"
            source = (ROOT / "docs" / PREFIX[lang] / value).read_text(encoding="utf-8")
            pages[address] = title or source.split("\n# ", 1)[1].split("\n", 1)[0]

    walk(config(config_file(lang))["nav"])
    return pages


def site_name(lang: str) -> str:
    return config(config_file(lang))["site_name"]


def addresses() -> list[str]:
    """Every page of the site, each language's under its folder: "", "gates/", …, "ko/", …"""
    return [PREFIX[lang] + address for lang in CODES for address in nav(lang)]
