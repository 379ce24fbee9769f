"""The ROI chart as inline SVG plus its table equivalent, built only from numbers.

Colours come from CSS classes (docs/assets/css/calc.css) so the chart follows light/dark mode.
"""

from __future__ import annotations

from ._format import count, ratio

W, H = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def _scale(lo: float, hi: float, a: float, b: float):
    span = (hi - lo) or 1.0
    return lambda v: a + (v - lo) / span * (b - a)


def roi_chart(
    series: list[tuple[int, float]], *, current: tuple[int, float], break_even: int | None
) -> str:
    xs = [x for x, _ in series]
    ys = [y for _, y in series] + [0.0, 1.5, current[1]]
    y_lo, y_hi = min(ys), max(ys)
    sx = _scale(0, max(xs), LEFT, W - RIGHT)
    sy = _scale(y_lo, y_hi, H - BOTTOM, TOP)
    line = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in series)
    parts = [
        f'<svg class="calc-chart" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="ROI against calls per year; ROI {ratio(current[1])} at '
        f'{count(current[0])} calls">',
        f'<line class="axis" x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}"/>',
    ]
    # The 1.0 label sits under its line and the 1.5 label above, so they never overlap.
    for level, name, dy in ((1.0, "break-even", 13), (1.5, "go", -4)):
        y = sy(level)
        parts.append(
            f'<line class="band band-{name}" x1="{LEFT}" y1="{y:.1f}" '
            f'x2="{W - RIGHT}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="label" x="{W - RIGHT - 4}" y="{y + dy:.1f}" '
            f'text-anchor="end">ROI {ratio(level)}</text>'
        )
    if break_even is not None and break_even <= max(xs):
        x = sx(break_even)
        parts.append(
            f'<line class="marker" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{H - BOTTOM}"/>'
        )
        parts.append(
            f'<text class="label" x="{x + 4:.1f}" y="{TOP + 12}">break-even '
            f"{count(break_even)}</text>"
        )
    parts.append(f'<polyline class="line" points="{line}"/>')
    parts.append(f'<circle class="dot" cx="{sx(current[0]):.1f}" cy="{sy(current[1]):.1f}" r="5"/>')
    for x, anchor in ((xs[0], "start"), (xs[len(xs) // 2], "middle"), (xs[-1], "end")):
        parts.append(
            f'<text class="tick" x="{sx(x):.1f}" y="{H - BOTTOM + 16}" '
            f'text-anchor="{anchor}">{count(x)}</text>'
        )
    for y in (y_lo, y_hi):
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{sy(y) + 4:.1f}" '
            f'text-anchor="end">{ratio(y)}</text>'
        )
    parts.append(
        f'<text class="tick" x="{(LEFT + W - RIGHT) / 2:.0f}" y="{H - 6}" '
        f'text-anchor="middle">calls per year</text>'
    )
    parts.append("</svg>")
    rows = "".join(f"<tr><td>{count(x)}</td><td>{ratio(y)}</td></tr>" for x, y in series)
    table = (
        '<table class="calc-chart-table"><caption>ROI at each call volume</caption>'
        '<thead><tr><th scope="col">Calls per year</th><th scope="col">ROI</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    data = f'<details class="calc-chart-data"><summary>Chart data</summary>{table}</details>'
    return "".join(parts) + data
