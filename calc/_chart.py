"""Charts as inline SVG plus their table equivalents, built only from numbers.

Colours come from CSS classes (docs/assets/css/calc.css) so the charts follow light/dark mode.

The charts re-lay out instead of scaling, so text stays at TEXT_PX on any container from NARROW
to 1,400 px: the outer <svg> is width="100%" with no viewBox, so its units are CSS pixels; rows
sit at fixed pixel heights and horizontal positions are percentages. Only the ROI line is drawn
in a nested, stretched viewBox (its stroke does not scale). Every text either has a row of its
own or is checked, at the narrowest width, not to collide with the others (`_fits`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from unicodedata import east_asian_width

from ._format import count, ratio
from ._i18n import N_, _

TEXT_PX = 12  # the font size calc.css gives chart text; never below 11 px
CHAR_PX = 0.65 * TEXT_PX  # a generous average glyph width, so estimates err on the wide side
NARROW = 280  # the narrowest container the layout is checked for, in CSS px
# A text's box around its baseline, in px: sans-serif glyphs reach about 0.92 em above it, so
# 11 px let two labels that "just touch" overlap by a fraction of a pixel.
ASCENT, DESCENT = 12, 3
ROW = 16  # one line of text
INSET = 2.0  # % kept free at both ends of an x axis, so dots and labels are not cut

# ROI chart rows, in px from the top
PLOT_TOP, PLOT_BOTTOM = 24, 200
HEIGHT = 240


def _pct(lo: float, hi: float) -> Callable[[float], float]:
    """Data → % of the width, with INSET kept at both ends."""
    span = (hi - lo) or 1.0
    return lambda v: INSET + (v - lo) / span * (100 - 2 * INSET)


def _width(text: str) -> float:
    return _chars(text) * CHAR_PX


def _chars(text: str) -> int:
    """Text length in Latin characters: a Korean syllable is as wide as two."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def short(n: float) -> str:
    """A count for a tick: exact below a million, then 1.25M, 15.8B, 2.1T, 3e+15."""
    size = abs(n)
    if size < 1e6:
        return count(n)
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if size >= scale and size < 1000 * scale:
            return f"{n / scale:.3g}{suffix}"
    return f"{n:.2g}"


def _ratio(value: float) -> str:
    return ratio(value) if abs(value) < 10_000 else short(value)


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    y: float  # baseline, px
    right: bool  # anchored at the right edge, else at the left edge


def _fits(label: _Label, placed: list[_Label], top: float, bottom: float) -> bool:
    """Inside [top, bottom] and clear of every placed label on the same edge. Labels on opposite
    edges never meet: each is far narrower than half of NARROW."""
    if label.y - ASCENT < top or label.y + DESCENT > bottom:
        return False
    return all(
        p.right != label.right
        or label.y + DESCENT <= p.y - ASCENT
        or p.y + DESCENT <= label.y - ASCENT
        for p in placed
    )


def _level_labels(
    levels: list[tuple[str, float, list[tuple[bool, bool]]]],
) -> list[_Label]:
    """Place each (text, line y, [(right edge?, above the line?), ...]) at its first free spot,
    in priority order; a label with no free spot is left out."""
    placed: list[_Label] = []
    for text, y, spots in levels:
        for right, above in spots:
            label = _Label(text, y - 4 if above else y + ASCENT + 3, right)
            if _fits(label, placed, PLOT_TOP, PLOT_BOTTOM):
                placed.append(label)
                break
    return placed


def _text(x: str, y: float, body: str, *, cls: str, anchor: str = "start", dx: int = 0) -> str:
    shift = f' dx="{dx}"' if dx else ""
    return (
        f'<text class="{cls}" x="{x}" y="{y:.1f}"{shift} text-anchor="{anchor}">'
        f"{escape(body)}</text>"
    )


def _anchor(pct: float, text: str) -> tuple[str, int]:
    """Anchor a label at pct % of the width so it stays inside at NARROW (and so at any wider
    width, where it only gains room)."""
    at, width = pct / 100 * NARROW, _width(text)
    if at + 4 + width <= NARROW and pct < 100 / 3:
        return "start", 4
    if at - width / 2 >= 0 and at + width / 2 <= NARROW:
        return "middle", 0
    return ("end", -4) if at - 4 - width >= 0 else ("start", 4)


def _svg_open(cls: str, height: int, label: str) -> str:
    return (
        f'<svg class="{cls}" width="100%" height="{height}" font-size="{TEXT_PX}" '
        f'role="img" aria-label="{escape(label)}">'
    )


def _details(summary: str, caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f'<details class="calc-chart-data"><summary>{escape(summary)}</summary>'
        f'<table class="calc-chart-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def roi_chart(
    series: list[tuple[int, float]],
    *,
    current: tuple[int, float],
    break_even: int | None,
    horizon: str = "12 months",
) -> str:
    xs = [x for x, _y in series]
    ys = [y for _x, y in series] + [0.0, 1.5, current[1]]
    y_lo, y_hi = min(ys), max(ys)
    px = _pct(0, max(xs))
    span = (y_hi - y_lo) or 1.0

    def py(v: float) -> float:
        return PLOT_BOTTOM - (v - y_lo) / span * (PLOT_BOTTOM - PLOT_TOP)

    parts = [
        _svg_open(
            "calc-chart",
            HEIGHT,
            _("ROI over {horizon} against calls per year; ROI {roi} at {calls} calls").format(
                horizon=horizon, roi=ratio(current[1]), calls=count(current[0])
            )
            + (
                _(", break-even at {calls}").format(calls=count(break_even))
                if break_even is not None
                else ""
            ),
        ),
        f'<line class="axis" x1="0" y1="{PLOT_BOTTOM}" x2="100%" y2="{PLOT_BOTTOM}"/>',
    ]
    for level, name in ((1.0, "break-even"), (1.5, "go")):
        y = py(level)
        parts.append(f'<line class="band band-{name}" x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}"/>')
    # Band labels first, on the right edge (ROI 1.0 under its line, 1.5 over it, so they never
    # collide even when the lines meet); value ticks on the left, where the ROI line may pass
    # under them (calc.css gives tick text a halo).
    right = [(True, False), (True, True), (False, False), (False, True)]
    levels = [
        ("ROI 1.0", py(1.0), right),
        ("ROI 1.5", py(1.5), [(True, True), (True, False), (False, True), (False, False)]),
    ]
    for value in dict.fromkeys(t for t in (y_hi, y_lo, 0.0) if t not in (1.0, 1.5)):
        levels.append((_ratio(value), py(value), [(False, False), (False, True)]))
    for label in _level_labels(levels):
        cls = "label" if label.text.startswith("ROI") else "tick"
        if label.right:
            parts.append(_text("100%", label.y, label.text, cls=cls, anchor="end", dx=-2))
        else:
            parts.append(_text("0", label.y, label.text, cls=cls, dx=2))
    if break_even is not None and break_even <= max(xs):
        at = px(break_even)
        text = _("break-even {calls}").format(calls=short(break_even))
        anchor, dx = _anchor(at, text)
        parts.append(
            f'<line class="marker" x1="{at:.2f}%" y1="{PLOT_TOP}" x2="{at:.2f}%" '
            f'y2="{PLOT_BOTTOM}"/>'
        )
        parts.append(_text(f"{at:.2f}%", ROW - 2, text, cls="label", anchor=anchor, dx=dx))
    # The line alone is stretched to the width; a stroke that does not scale keeps it crisp.
    points = " ".join(f"{px(x) * 10:.1f},{py(y) - PLOT_TOP:.1f}" for x, y in series)
    parts.append(
        f'<svg aria-hidden="true" x="0" y="{PLOT_TOP}" width="100%" '
        f'height="{PLOT_BOTTOM - PLOT_TOP}" '
        f'viewBox="0 0 1000 {PLOT_BOTTOM - PLOT_TOP}" preserveAspectRatio="none" '
        f'overflow="visible"><polyline class="line" vector-effect="non-scaling-stroke" '
        f'points="{points}"/></svg>'
    )
    parts.append(
        f'<circle class="dot" cx="{px(current[0]):.2f}%" cy="{py(current[1]):.1f}" r="5"/>'
    )
    for x, anchor in ((xs[0], "start"), (xs[len(xs) // 2], "middle"), (xs[-1], "end")):
        parts.append(_text(f"{px(x):.2f}%", PLOT_BOTTOM + ROW, short(x), cls="tick", anchor=anchor))
    parts.append(_text("50%", HEIGHT - 6, _("calls per year"), cls="tick", anchor="middle"))
    parts.append("</svg>")
    table = _details(
        _("Chart data"),
        _("ROI at each call volume"),
        (_("Calls per year"), _("ROI over {horizon}").format(horizon=horizon)),
        [(count(x), ratio(y)) for x, y in series],
    )
    return "".join(parts) + table


def _range(low: float, high: float) -> str:
    return _("{low} to {high}").format(low=_ratio(low), high=_ratio(high))


@dataclass(frozen=True, slots=True, kw_only=True)
class Bar:
    """One input of the tornado: its label, its values at −20 % and +20 %, the ROI at each."""

    label: str
    low: str
    high: str
    roi_low: float
    roi_high: float


FIT_CHARS = int((NARROW - 8) / CHAR_PX)  # one row of text at the narrowest width
BAR_PX = 12
_ANCHOR_SHARE = {"start": 0.0, "middle": 0.5, "end": 1.0}  # of a text's width left of x
LEGEND = (("bar-low", N_("input −20 %")), ("bar-high", N_("input +20 %")))


def tornado(bars: Sequence[Bar], *, base: float, left_out: Sequence[str] = ()) -> str:
    """Which inputs move ROI most: one bar per input, largest swing first.

    Each input's label has a line of its own above its bar, so no label column is needed; the
    ROI at −20 % and +20 % follows the label on the same line when both fit at NARROW, else on
    the next line."""
    values = [v for b in bars for v in (b.roi_low, b.roi_high)] + [base, 1.0, 1.5]
    px = _pct(min(values), max(values))
    refs = (
        (base, "base", f"ROI {_ratio(base)}"),
        (1.0, "band band-break-even", "1.0"),
        (1.5, "band band-go", "1.5"),
    )
    rows: list[str] = []
    y = ROW + 8  # under the legend
    for b in bars:
        shown = _range(b.roi_low, b.roi_high)
        y += ROW
        rows.append(_text("0", y, b.label, cls="label", dx=2))
        if _chars(b.label) + 2 + _chars(shown) > FIT_CHARS:
            y += ROW
        rows.append(_text("100%", y, shown, cls="tick", anchor="end", dx=-2))
        y += DESCENT + 3  # clear of the label's descenders
        for roi, cls in ((b.roi_low, "bar-low"), (b.roi_high, "bar-high")):
            a, z = sorted((px(base), px(roi)))
            rows.append(
                f'<rect class="{cls}" x="{a:.2f}%" y="{y}" width="{z - a:.2f}%" height="{BAR_PX}"/>'
            )
        # the reference lines cross the bars only, never a label
        rows.extend(
            f'<line class="{cls}" x1="{px(v):.2f}%" y1="{y - 2}" x2="{px(v):.2f}%" '
            f'y2="{y + BAR_PX + 2}"/>'
            for v, cls, _text in refs
        )
        y += BAR_PX + 6
    # The reference lines' labels share one row under the bars; one that would collide at
    # NARROW is left out (the table and the aria-label carry the numbers).
    marks: list[str] = []
    taken: list[tuple[float, float]] = []
    y += ROW
    for value, _cls, text in refs:
        at = px(value)
        anchor, dx = _anchor(at, text)
        start = at / 100 * NARROW + dx - _ANCHOR_SHARE[anchor] * _width(text)
        box = (start - 4, start + _width(text) + 4)
        if all(box[1] <= a or b <= box[0] for a, b in taken):
            taken.append(box)
            marks.append(_text(f"{at:.2f}%", y, text, cls="tick", anchor=anchor, dx=dx))
    height = y + DESCENT + 6
    legend = []
    for k, (cls, text) in enumerate(LEGEND):
        x = 2 + 118 * k
        legend.append(f'<rect class="{cls}" x="{x}" y="{ROW - 11}" width="10" height="10"/>')
        legend.append(_text(str(x + 14), ROW - 2, _(text), cls="tick"))
    top3 = "; ".join(f"{b.label} {_range(b.roi_low, b.roi_high)}" for b in list(bars)[:3])
    label = _(
        "What moves ROI most: each input 20 % lower, then 20 % higher, ROI now {roi}. {top}."
    ).format(roi=ratio(base), top=top3)
    svg = _svg_open("calc-chart calc-tornado", int(height), label) + "".join(
        [*legend, *marks, *rows, "</svg>"]
    )
    note = (
        '<p class="calc-chart-note">'
        + escape(_("Not shown: {inputs} (0 ± 20 % is still 0).").format(inputs="; ".join(left_out)))
        + "</p>"
        if left_out
        else ""
    )
    table = _details(
        _("Sensitivity table"),
        _("ROI with each input 20 % lower and 20 % higher, largest swing first"),
        (_("Input"), "−20 %", "ROI", "+20 %", "ROI"),
        [(b.label, b.low, ratio(b.roi_low), b.high, ratio(b.roi_high)) for b in bars],
    )
    return svg + note + table
