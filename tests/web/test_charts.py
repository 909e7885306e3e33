"""The SVG charts: well-formed, escaped, every mark a link with its count, the same picture each time."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from veille.records import EVENT_TYPES
from veille.store.filters import QUADS
from veille.web import charts

NS = {"svg": "http://www.w3.org/2000/svg"}

CHART = {"unit": "month", "series": ["verbal-cooperation", "material-conflict"], "total": 9, "left_out": 1,
         "buckets": [{"start": "2022-01", "end": "2022-01", "counts": {"verbal-cooperation": 3, "material-conflict": 0}},
                     {"start": "2022-02", "end": "2022-02", "counts": {"verbal-cooperation": 1, "material-conflict": 4}}]}
NET = {"nodes": [{"name": "A <b>&\"x\"", "country": "FRA", "count": 3}, {"name": "B", "country": None, "count": 3}],
       "edges": [{"source": "A <b>&\"x\"", "target": "B", "count": 3, "cooperation": 1, "conflict": 2}]}


def test_bars_are_links_with_their_counts():
    svg = charts.bars(CHART, link=lambda f: "#events?" + "&".join(f"{k}={v}" for k, v in sorted(f.items())))
    root = ET.fromstring(svg)
    assert root.get("data-left-out") == "1" and root.get("data-unit") == "month" and root.get("data-bars") == "2"
    bars = root.findall(".//svg:a[@class='bar']", NS)
    assert [b.find("svg:title", NS).text for b in bars] == [
        "2022-01 · verbal-cooperation: 3", "2022-02 · verbal-cooperation: 1", "2022-02 · material-conflict: 4"]
    assert bars[2].get("href") == "#events?series=material-conflict&since=2022-02&until=2022-02"
    heights = [float(b.find("svg:rect", NS).get("height")) for b in bars]
    assert abs(heights[2] / heights[1] - 4) < 0.01  # bar heights are proportional to counts
    legend = root.findall(".//svg:a[@class='legend']", NS)
    assert [a.get("href") for a in legend] == ["#events?series=verbal-cooperation", "#events?series=material-conflict"]


def test_the_network_is_escaped_and_drawn_the_same_each_time():
    draw = lambda: charts.network(NET, node_link=lambda n: f"#events?actor={n}", edge_link=lambda a, b: f"#e?{a}>{b}")
    svg = draw()
    assert svg == draw()
    root = ET.fromstring(svg)  # well-formed despite the name
    assert "<b>" not in svg and "A &lt;b&gt;&amp;" in svg
    nodes = root.findall(".//svg:a[@class='node']", NS)
    assert [n.find("svg:title", NS).text for n in nodes] == ['A <b>&"x" (FRA): 3', "B: 3"]
    assert nodes[0].get("href") == '#events?actor=A <b>&"x"'
    (edge,) = root.findall(".//svg:a[@class='edge edge-conflict']", NS)
    assert edge.find("svg:title", NS).text.endswith("3 (cooperation 1, conflict 2)")
    for circle in root.findall(".//svg:circle", NS):
        assert 0 < float(circle.get("cx")) < 760 and 0 < float(circle.get("cy")) < 480


def test_every_type_and_class_has_a_colour_of_its_family():
    assert len({charts.colour(q) for q in QUADS}) == 4
    for t in EVENT_TYPES:
        assert charts.colour(t).startswith("#")
    assert len({charts.colour(t) for t in EVENT_TYPES}) >= 14


def test_an_empty_chart_is_still_an_image():
    root = ET.fromstring(charts.bars({"unit": None, "series": [], "total": 0, "left_out": 0, "buckets": []},
                                     link=lambda f: "#"))
    assert root.get("data-total") == "0"
    assert ET.fromstring(charts.network({"nodes": [], "edges": []}, node_link=str, edge_link=lambda a, b: "#")) is not None
