"""The /salary chart: the market distribution, the guides' range and the team's offers on one matplotlib PNG."""

from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal

import pytest
from PIL import Image

from bot.salary import plot
from bot.salary.chart import chart_spec, draw
from scoring.salary import TeamStats, parse_query
from scoring.salary.brief import brief

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TEAM = TeamStats(4, Decimal(190000), Decimal(205000), Decimal(230000), "USD")


def open_png(data: bytes) -> Image.Image:
    assert data.startswith(PNG_MAGIC)
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def has_colour(img: Image.Image, hex_colour: str, tolerance: int = 12) -> bool:
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return any(all(abs(c - w) <= tolerance for c, w in zip(colour, want))
               for _, colour in img.convert("RGB").getcolors(maxcolors=1 << 20))


def test_spec_carries_the_market_distribution_guides_range_and_team_percentiles():
    spec = chart_spec(brief(parse_query("ml-engineer senior us")), TEAM)
    market = spec["market"]
    assert len(market["dist"]) == 19 and market["dist"] == sorted(market["dist"])
    assert market["p50"] == 201730 and market["n"] == 3002 and market["where"] == "United States"
    assert (spec["guide"]["low"], spec["guide"]["high"], spec["guide"]["open_high"]) == (220000, 350000, True)
    assert (spec["team"]["p25"], spec["team"]["p50"], spec["team"]["p75"], spec["team"]["n"]) == (190000, 205000,
                                                                                                    230000, 4)


def test_guides_in_euro_are_put_on_the_dollar_axis_and_said_so():
    spec = chart_spec(brief(parse_query("ml-engineer senior germany")), None)
    assert spec["symbol"] == "$" and "≈ USD on this axis" in spec["guide"]["text"]
    assert round(spec["guide"]["low"]) == round(95000 / 0.9)


def test_chart_is_drawn_in_a_child_process_as_a_1000x500_png_with_all_three_layers():
    img = open_png(draw(chart_spec(brief(parse_query("ml-engineer senior us")), TEAM)))
    assert img.size == (1000, 500)
    assert has_colour(img, plot.MIDDLE) and has_colour(img, plot.GUIDE) and has_colour(img, plot.TEAM)


@pytest.mark.parametrize("spec", [
    {"title": "Nothing reported", "guide": {"low": 75000.0, "high": None, "open_high": True, "text": "$75K+"}},
    {"title": "Ties", "market": {"dist": [110000.0] * 5 + [150000.0 + i for i in range(14)], "n": 25,
                                 "years": "2024–2025", "where": "US", "p25": 110000.0, "p50": 150005.0,
                                 "p75": 150010.0, "p50_text": "$150K"}},
    {},
])
def test_thin_or_odd_specs_still_draw(spec):
    assert open_png(plot.draw_png(spec)).size == (1000, 500)


def test_the_app_never_imports_matplotlib():
    code = ("import sys, bot.runtime.app, handlers; "
            "sys.exit(1 if any(m.startswith('matplotlib') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
