"""calc._chart: the ROI chart as inline SVG plus a table, built from numbers only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from calc import run
from calc._chart import BOTTOM, LEFT, RIGHT, TOP, H, W, roi_chart


def chart(inputs: dict[str, str]) -> str:
    answer = run("roi", inputs)
    assert answer["ok"] is True, answer
    return answer["html"]["chart"]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(f"<root>{markup}</root>")


def coordinates(root: ET.Element) -> list[float]:
    out = []
    svg = root.find("svg")
    assert svg is not None
    for el in svg.iter():
        for attr in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy"):
            if attr in el.attrib:
                out.append((attr, float(el.attrib[attr])))
        if "points" in el.attrib:
            for pair in el.attrib["points"].split():
                x, y = pair.split(",")
                out += [("x", float(x)), ("y", float(y))]
    return out


CASES = {
    "section5-defaults": {},
    "exercise3": {"calls_per_year": "100000"},
    "equal-costs": {"large_cost_per_call": "0.001", "small_cost_per_call": "0.001"},
    "inverted-costs": {"large_cost_per_call": "0.001", "small_cost_per_call": "0.03"},
    "no-calls": {"calls_per_year": "0"},
    "huge": {"calls_per_year": "1000000000000", "large_cost_per_call": "100", "gpu_cost": "1"},
}


@pytest.mark.parametrize("inputs", CASES.values(), ids=CASES.keys())
def test_chart_is_well_formed_and_inside_the_view_box(inputs):
    markup = chart(inputs)
    root = parse(markup)
    svg = root.find("svg")
    assert svg is not None
    assert svg.get("viewBox") == f"0 0 {W} {H}"
    assert svg.get("role") == "img"
    for attr, value in coordinates(root):
        limit = W if attr.startswith(("x", "cx")) else H
        assert 0 <= value <= limit, (attr, value)
    assert not re.search(r"nan|inf", markup, re.IGNORECASE)


def test_default_chart_content():
    markup = chart({})
    root = parse(markup)
    svg = root.find("svg")
    assert svg.get("aria-label") == ("ROI against calls per year; ROI 3.7 at 1,000,000 calls")
    bands = [el.get("class") for el in svg.findall("line") if "band" in el.get("class", "")]
    assert bands == ["band band-break-even", "band band-go"]
    labels = [el.text for el in svg.findall("text") if el.get("class") == "label"]
    assert labels == ["ROI 1.0", "ROI 1.5", "break-even 272,414"]
    assert len(svg.find("polyline").get("points").split()) == 9
    ticks = [el.text for el in svg.findall("text") if el.get("class") == "tick"]
    assert ticks[:3] == ["0", "625,000", "1,250,000"]
    assert "calls per year" in ticks


def test_table_mirrors_the_series():
    answer = run("roi", {})
    root = parse(answer["html"]["chart"])
    rows = root.findall("./details/table/tbody/tr")
    assert len(rows) == len(answer["result"]["series"]) == 9
    cells = [[td.text for td in row] for row in rows]
    assert cells[0] == ["0", "0"]
    assert cells[-1] == ["1,250,000", "4.6"]
    assert root.find("./details/summary").text == "Chart data"
    headers = [th.text for th in root.findall("./details/table/thead/tr/th")]
    assert headers == ["Calls per year", "ROI"]


def test_no_break_even_marker_when_it_never_pays_back():
    svg = parse(chart({"large_cost_per_call": "0.001", "small_cost_per_call": "0.001"})).find("svg")
    assert svg.find("line[@class='marker']") is None
    assert all("break-even" not in (el.text or "") for el in svg.findall("text"))


def test_break_even_marker_outside_the_plot_is_left_out():
    series = [(0, 0.0), (500, 0.5), (1000, 1.0)]
    markup = roi_chart(series, current=(500, 0.5), break_even=5000)
    assert 'class="marker"' not in markup
    markup = roi_chart(series, current=(500, 0.5), break_even=1000)
    assert 'class="marker"' in markup


def test_current_point_is_drawn_on_the_line():
    series = [(0, 0.0), (1000, 1.0), (2000, 2.0)]
    root = parse(roi_chart(series, current=(1000, 1.0), break_even=1000))
    svg = root.find("svg")
    dot = svg.find("circle")
    middle = svg.find("polyline").get("points").split()[1]
    assert f"{dot.get('cx')},{dot.get('cy')}" == middle
    # x runs from the left margin to the right margin
    first, last = svg.find("polyline").get("points").split()[::2]
    assert float(first.split(",")[0]) == LEFT
    assert float(last.split(",")[0]) == W - RIGHT
    # the lowest ROI sits on the x axis, the highest at the top
    assert float(first.split(",")[1]) == H - BOTTOM
    assert float(last.split(",")[1]) == TOP


def test_degenerate_series_does_not_divide_by_zero():
    markup = roi_chart([(0, 0.0)], current=(0, 0.0), break_even=None)
    parse(markup)
    assert "nan" not in markup.lower()
