"""MkDocs hook: turns calc shortcodes into prerendered widgets and ships the browser runtime.

- `<!-- calc:roi -->` on a line of its own becomes the widget form of DESIGN.md's DOM contract,
  with the defaults filled in and the results computed by `calc.run` at build time.
  `<!-- calc:gates record -->` adds a second calculator fed by the same form.
- `<!-- calc:roi.cost calls_per_year=100000 -->` anywhere becomes one display string, so the
  prose and the widgets cannot disagree.
- After the build, the Pyodide files, a zip of `calc/` and the service worker's file list are
  written into the site.

An unknown shortcode, an unknown output or a calculator error fails the build.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sys
import zipfile
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calc  # noqa: E402  (the package lives at the repository root)

PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
PYODIDE_SRC = ROOT / "node_modules" / "pyodide"
SHORTCODE = re.compile(r"<!--\s*calc:(?P<name>[\w.-]*)(?P<args>[^>]*?)\s*-->")
SCHEMA_VERSION = "1"


def _fail(page, message: str) -> PluginError:
    return PluginError(f"{page.file.src_uri}: {message}")


def _known(page, name: str) -> None:
    if name not in calc.CALCULATORS:
        raise _fail(page, f"unknown calculator in shortcode: calc:{name}")


def _compute(page, name: str, inputs: dict[str, str]) -> dict:
    answer = calc.run(name, inputs)
    if not answer["ok"]:
        raise _fail(page, f"calc:{name} failed: {answer['problems']}")
    return answer


def _inline(page, name: str, key: str, args: str) -> str:
    _known(page, name)
    overrides = dict(a.split("=", 1) for a in args.split() if "=" in a)
    if len(overrides) != len(args.split()):
        raise _fail(page, f"calc:{name}.{key}: arguments must be key=value, got {args!r}")
    display = _compute(page, name, {**calc.defaults(name), **overrides})["display"]
    if key not in display:
        raise _fail(page, f"calc:{name} has no output {key!r}; it has {sorted(display)}")
    return escape(display[key])


# --- widget markup -----------------------------------------------------------------------------


def _control(name: str, field: str, spec, value: str) -> str:
    uid = f"{name}-{field}"
    described = f"{uid}-problem" + (f" {uid}-help" if spec.help else "")
    common = f'name="{field}" data-default="{escape(value)}" aria-describedby="{described}"'
    unit = f' <span class="calc-unit">({escape(spec.unit)})</span>' if spec.unit else ""
    help_ = (
        f'<small id="{uid}-help" class="calc-help">{escape(spec.help)}</small>' if spec.help else ""
    )
    problem = f'<p id="{uid}-problem" class="calc-problem" data-problem="{field}" hidden></p>'
    if spec.widget == "radio":
        options = [*spec.choices, ("", "Unanswered")] if spec.optional else list(spec.choices)
        radios = "".join(
            f'<label class="calc-radio"><input type="radio" {common} value="{escape(v)}"'
            f"{' checked' if v == value else ''}> {escape(text)}</label>"
            for v, text in options
        )
        return (
            f'<fieldset class="calc-field calc-choice"><legend>{escape(spec.label)}</legend>'
            f"{radios}{help_}{problem}</fieldset>"
        )
    label = f'<label for="{uid}">{escape(spec.label)}{unit}</label>'
    if spec.kind == "choice":
        options = [("", "Not answered"), *spec.choices] if spec.optional else list(spec.choices)
        opts = "".join(
            f'<option value="{escape(v)}"{" selected" if v == value else ""}>'
            f"{escape(text)}</option>"
            for v, text in options
        )
        control = f'<select id="{uid}" {common}>{opts}</select>'
    else:
        kind = ' inputmode="decimal"' if spec.kind == "number" else ""
        placeholder = ' placeholder="YYYY-MM-DD"' if spec.kind == "date" else ""
        control = (
            f'<input id="{uid}" type="text" {common} value="{escape(value)}"{kind}'
            f'{placeholder} autocomplete="off" spellcheck="false">'
        )
    return f'<div class="calc-field">{label}{control}{help_}{problem}</div>'


def _fields(name: str, values: dict[str, str], skip: frozenset[str] = frozenset()) -> str:
    groups: dict[str, list[str]] = {}
    for legend, field, spec in calc.fields(name):
        if field not in skip:
            groups.setdefault(legend, []).append(_control(name, field, spec, values[field]))
    return "".join(
        "".join(controls)
        if not legend
        else f'<fieldset class="calc-group"><legend>{escape(legend)}</legend>{"".join(controls)}'
        "</fieldset>"
        for legend, controls in groups.items()
    )


def _outputs(name: str, answer: dict) -> str:
    rows, blocks = [], []
    for out in calc.CALCULATORS[name].OUTPUTS:
        if out.kind == "html":
            blocks.append(
                f'<div class="calc-html" data-html="{out.key}" aria-label='
                f'"{escape(out.label)}">{answer["html"][out.key]}</div>'
            )
            continue
        value = escape(answer["display"][out.key])
        hidden = "" if value else " hidden"
        if out.kind == "block":
            actions = ""
            if out.download:
                actions = (
                    f'<div class="calc-actions"><button type="button" class="md-button" '
                    f'data-action="copy" data-target="{out.key}">Copy</button>'
                    f'<button type="button" class="md-button" data-action="download" '
                    f'data-target="{out.key}" data-filename="{escape(out.download)}">'
                    "Download</button></div>"
                )
            blocks.append(
                f'<div class="calc-block"{hidden}><span class="calc-block-label">'
                f'{escape(out.label)}</span><pre><output name="{out.key}">{value}'
                f"</output></pre>{actions}</div>"
            )
        else:
            rows.append(
                f'<div class="calc-row" data-output="{out.key}"{hidden}><dt>{escape(out.label)}'
                f'</dt><dd><output name="{out.key}">{value}</output></dd></div>'
            )
    return f'<dl class="calc-results">{"".join(rows)}</dl>{"".join(blocks)}'


def widget(page, name: str, extra: list[str]) -> str:
    _known(page, name)
    values = calc.defaults(name)
    answer = _compute(page, name, values)
    parts = [_fields(name, values)]
    for other in extra:
        _known(page, other)
        other_values = calc.defaults(other)
        if not set(values) <= set(other_values):
            raise _fail(page, f"calc:{other} does not take all inputs of calc:{name}")
        parts.append(
            f'<fieldset class="calc-sub" data-calc="{other}" '
            f'data-fields="{" ".join(other_values)}">'
            f"{_fields(other, other_values, frozenset(values))}"
            f"{_outputs(other, _compute(page, other, other_values))}</fieldset>"
        )
    remembered = getattr(calc.CALCULATORS[name], "REMEMBER", False)
    remember = " data-remember" if remembered else ""
    status = (
        '<div class="calc-status" role="status" aria-live="polite">'
        "<span data-status>Results below were computed when this page was built.</span>"
        "<progress hidden></progress></div>"
    )
    actions = (
        '<div class="calc-actions">'
        '<button type="button" class="md-button" data-action="copy-link">Copy link</button>'
        '<button type="button" class="md-button" data-action="reset">Reset</button></div>'
    )
    return (
        f'<form class="calc" id="calc-{name}" data-calc="{name}" data-state="static" '
        f'data-fields="{" ".join(values)}" data-schema="{SCHEMA_VERSION}"{remember} method="get" '
        f'aria-label="{escape(name.replace("_", " "))} calculator">'
        f"{status}{parts[0]}"
        '<p class="calc-problem" data-problem="" hidden></p>'
        f"{_outputs(name, answer)}{''.join(parts[1:])}{actions}</form>"
    )


# --- MkDocs events -----------------------------------------------------------------------------


def on_page_markdown(markdown: str, page, config, files) -> str:
    seen: set[str] = set()

    def expand(match: re.Match) -> str:
        name, args = match["name"], match["args"].strip()
        if "." in name:
            calculator, key = name.split(".", 1)
            return _inline(page, calculator, key, args)
        if name in seen:
            raise _fail(page, f"calc:{name} appears twice on one page")
        seen.add(name)
        return "\n\n" + widget(page, name, args.split()) + "\n\n"

    return SHORTCODE.sub(expand, markdown)


def calc_zip() -> bytes:
    """`calc/` as a zip for Pyodide's unpackArchive; fixed timestamps keep it byte-stable."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((ROOT / "calc").glob("*.py")):
            info = zipfile.ZipInfo(f"calc/{path.name}", date_time=(2020, 1, 1, 0, 0, 0))
            zf.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    runtime = site / "assets" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_SRC / name
        if not source.exists():
            raise PluginError(f"{source} is missing: run `npm ci` (the README commands do).")
        shutil.copyfile(source, runtime / name)
    (site / "assets" / "calc.zip").write_bytes(calc_zip())
    _write_service_worker(site)


def _write_service_worker(site: Path) -> None:
    """Fill the service worker's precache list; its bytes change with the site, so browsers
    install the new worker after every deploy."""
    sw = site / "sw.js"
    files = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.name != "sw.js" and not p.name.endswith((".gz", ".map"))
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((site / name).read_bytes())
    urls = ["./" if f == "index.html" else "./" + f.removesuffix("index.html") for f in files]
    text = sw.read_text(encoding="utf-8")
    text = text.replace('"__VERSION__"', json.dumps(digest.hexdigest()[:16]))
    text = text.replace("[/* __FILES__ */]", json.dumps(urls, indent=0))
    sw.write_text(text, encoding="utf-8")
