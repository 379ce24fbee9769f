"""Display formatting: every string a reader sees comes from here, so it is tested once."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ._i18n import _, ngettext

MINUS = "\u2212"
_SINGULAR = {"people": "person"}


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


def ratio(value: float, bands: tuple[float, ...] = (1.0, 1.5)) -> str:
    """ROI-style ratios: two significant figures below 1 (0.37), one decimal up to 10 (3.7),
    whole numbers above (29). Near a verdict band more digits are shown, so 0.996 never reads
    as "1.0" beside a "below 1.0" verdict."""
    size = abs(value)
    if size >= 10:
        return _sign(value, f"{size:,.0f}")
    if size < 1e-6:
        return "0"
    decimals = 1 if size >= 1 else 1 - math.floor(math.log10(size))

    def crosses(d: int) -> bool:
        return any((value >= b) != (round(value, d) >= b) for b in bands)

    while decimals < 6 and crosses(decimals):
        decimals += 1
    if crosses(decimals):  # still rounds across a band at six decimals: cut instead
        size = math.floor(size * 10**decimals) / 10**decimals
    body = f"{size:.{decimals}f}"
    return _sign(value, body.rstrip("0") if size < 1 else body)


def points(value: float) -> str:
    body = f"{abs(value):.1f}".removesuffix(".0")
    if value > 0 and body != "0":
        return f"+{body}"
    return _sign(value, body)


def percent(value: float) -> str:
    """A ratio as a whole percentage: 2.67 → 267%."""
    return _sign(value, f"{abs(value) * 100:,.0f}%")


def counted(n: int, singular: str, plural: str, **more: str) -> str:
    """A count in a phrase, in the current language: counted(12, "{n} month", "{n} months")."""
    return ngettext(singular, plural, n).format(n=f"{n:,}", **more)


def months(n: int) -> str:
    return counted(n, "{n} month", "{n} months")


def grouped(value: float) -> str:
    """A number with thousands separators and only the decimals it needs: 1,000 · 0.5 · 0.001."""
    return _sign(value, f"{abs(value):,.6f}".rstrip("0").rstrip("."))


def quantity(value: float, unit: str = "") -> str:
    """A number with its unit as a sentence carries it: "$1,000", "$2.50", "1 month", "12 months".

    Units are written in the plural, as forms label them ("pairs/day"); one takes the singular.
    Both are messages: "{number} {unit}" and the unit are worded by the current language."""
    body = grouped(abs(value))
    if unit.startswith("$"):
        if len(body.partition(".")[2]) == 1:
            body += "0"  # cents come in pairs: $2.50
        return _sign(value, f"${body}") + (_(unit)[1:] if unit[1:] else "")
    if not unit:
        return _sign(value, body)
    return _("{number} {unit}").format(number=_sign(value, body), unit=_(unit_for(value, unit)))


def unit_for(value: float, unit: str) -> str:
    """The English unit for this value: "months", but "month" for 1."""
    if value != 1:
        return unit
    word, slash, rest = unit.partition("/")
    return _SINGULAR.get(word, word.removesuffix("s")) + slash + rest
