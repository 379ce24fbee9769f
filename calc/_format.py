"""Display formatting: every string a reader sees comes from here, so it is tested once."""

from __future__ import annotations

from dataclasses import dataclass

MINUS = "\u2212"


@dataclass(frozen=True, slots=True)
class Output:
    """One result the widget shows: `text` in an <output>, `block` in a preformatted <output>,
    `html` for markup that calc generates itself (charts, tables) from numbers only."""

    key: str
    label: str
    kind: str = "text"
    download: str = ""  # a file name offers copy and download buttons for this output


def _sign(value: float, body: str) -> str:
    return f"{MINUS}{body}" if value < 0 and body.strip("0.,$") else body


def money(value: float, decimals: int = 0) -> str:
    return _sign(value, f"${abs(value):,.{decimals}f}")


def count(value: float) -> str:
    return _sign(value, f"{abs(round(value)):,}")


def ratio(value: float) -> str:
    """ROI-style ratios: two significant figures below 1 (0.37), one decimal up to 10 (3.7),
    whole numbers above (29)."""
    size = abs(value)
    if size >= 10:
        body = f"{size:,.0f}"
    elif size >= 1:
        body = f"{size:.1f}"
    elif size == 0:
        body = "0"
    else:
        body = f"{size:.2g}"
        if "e" in body:
            body = f"{size:.2f}"
    return _sign(value, body)


def points(value: float) -> str:
    body = f"{abs(value):.1f}".removesuffix(".0")
    if value > 0 and body != "0":
        return f"+{body}"
    return _sign(value, body)


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
