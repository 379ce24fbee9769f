"""calc._format: every display string a reader sees."""

from __future__ import annotations

import pytest

from calc._format import MINUS, count, counted, grouped, money, points, quantity, ratio


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        pytest.param(7900, 0, "$7,900", id="section5-cost"),
        pytest.param(28999.999999999996, 0, "$29,000", id="section5-savings-float"),
        pytest.param(2900, 0, "$2,900", id="exercise3-savings"),
        pytest.param(0.029, 3, "$0.029", id="per-call-saving"),
        pytest.param(0, 0, "$0", id="zero"),
        pytest.param(1_000_000_000, 0, "$1,000,000,000", id="billion"),
        pytest.param(-29000, 0, f"{MINUS}$29,000", id="negative-uses-minus-sign"),
        pytest.param(-0.0001, 0, "$0", id="negative-that-rounds-to-zero-has-no-sign"),
        pytest.param(-0.0, 0, "$0", id="negative-zero"),
        pytest.param(1234.5, 2, "$1,234.50", id="cents"),
    ],
)
def test_money(value, decimals, text):
    assert money(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(272_414, "272,414", id="break-even"),
        pytest.param(272_413.79, "272,414", id="rounds"),
        pytest.param(100, "100", id="100-days"),
        pytest.param(0, "0", id="zero"),
        pytest.param(-1234, f"{MINUS}1,234", id="negative"),
        pytest.param(-0.4, "0", id="negative-rounds-to-zero"),
        pytest.param(10**18, "1,000,000,000,000,000,000", id="huge-int-exact"),
    ],
)
def test_count(value, text):
    assert count(value) == text


# "ROI = 29,000 / 7,900 ≈ 3.7"; exercise 3 gives 0.37; thresholds 1.0 and 1.5.
@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(29000 / 7900, "3.7", id="section5-3.7"),
        pytest.param(2900 / 7900, "0.37", id="exercise3-0.37"),
        pytest.param(1.0, "1.0", id="break-even-1.0"),
        pytest.param(1.5, "1.5", id="go-1.5"),
        pytest.param(29000 / 27900, "1.0", id="marginal-5-dollar-pairs"),
        pytest.param(10, "10", id="ten"),
        pytest.param(29.2, "29", id="whole-above-ten"),
        pytest.param(12345.6, "12,346", id="thousands"),
        pytest.param(0, "0", id="zero"),
        pytest.param(0.5, "0.5", id="half"),
        pytest.param(0.05, "0.05", id="small"),
        pytest.param(0.0049, "0.0049", id="two-significant-figures"),
        pytest.param(-29000 / 7900, f"{MINUS}3.7", id="negative"),
        pytest.param(-0.37, f"{MINUS}0.37", id="negative-small"),
        pytest.param(1e-7, "0", id="tiny-no-exponent"),
        pytest.param(-1e-7, "0", id="tiny-negative-no-sign"),
        pytest.param(0.996, "0.996", id="just-below-break-even-never-reads-1.0"),
        pytest.param(1.49, "1.49", id="just-below-go-never-reads-1.5"),
        pytest.param(0.9999999, "0.999999", id="digits-are-capped"),
        pytest.param(1e16, "10,000,000,000,000,000", id="huge"),
    ],
)
def test_ratio(value, text):
    assert ratio(value) == text


def test_ratio_never_uses_an_exponent():
    for exp in range(-12, 17):
        for mantissa in (1, 2.5, 9.99):
            assert "e" not in ratio(mantissa * 10.0**exp)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(5, "+5", id="scale-up-+5"),
        pytest.param(4.9, "+4.9", id="+4.9"),
        pytest.param(1, "+1", id="exercise4-+1"),
        pytest.param(0, "0", id="zero"),
        pytest.param(0.04, "0", id="rounds-to-zero-no-plus"),
        pytest.param(-0.04, "0", id="rounds-to-zero-no-minus"),
        pytest.param(-4.5, f"{MINUS}4.5", id="negative"),
        pytest.param(20.0, "+20", id="no-trailing-zero"),
    ],
)
def test_points(value, text):
    assert points(value) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1 day"),
        (2, "2 days"),
        (0, "0 days"),
        (5000, "5,000 days"),
    ],
)
def test_counted(n, text):
    assert counted(n, "{n} day", "{n} days") == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (1000, "1,000"),
        (100_000_000, "100,000,000"),
        (1e12, "1,000,000,000,000"),
        (0.5, "0.5"),
        (0.001, "0.001"),
        (1234.25, "1,234.25"),
        (-5, f"{MINUS}5"),
    ],
)
def test_grouped(value, text):
    assert grouped(value) == text


# Limits in problem messages: money as a prefix, other units after, singular for one.
@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        pytest.param(0, "$", "$0", id="zero-dollars"),
        pytest.param(1000, "$", "$1,000", id="thousand-dollars"),
        pytest.param(2.5, "$", "$2.50", id="cents"),
        pytest.param(0.001, "$", "$0.001", id="tenth-of-a-cent"),
        pytest.param(200, "$/month", "$200/month", id="money-rate"),
        pytest.param(1, "months", "1 month", id="one-month"),
        pytest.param(12, "months", "12 months", id="twelve-months"),
        pytest.param(100_000_000, "pairs", "100,000,000 pairs", id="thousands"),
        pytest.param(1, "pairs/day", "1 pair/day", id="one-per-day"),
        pytest.param(1, "people", "1 person", id="irregular"),
        pytest.param(100_000, "people", "100,000 people", id="people"),
        pytest.param(1, "points", "1 point", id="one-point"),
        pytest.param(0, "points", "0 points", id="zero-points"),
        pytest.param(7, "", "7", id="no-unit"),
    ],
)
def test_quantity(value, unit, text):
    assert quantity(value, unit) == text
