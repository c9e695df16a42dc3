"""bot/chart.py draws a readable PNG range chart with Pillow only."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image

from bot.salary import chart
from bot.salary.chart import ChartRow, range_chart_png, rows_from_answers, salary_chart_png
from scoring.salary import level_bands, parse_query

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def open_png(data: bytes) -> Image.Image:
    assert data.startswith(PNG_MAGIC)
    Image.open(io.BytesIO(data)).verify()
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def colours(img: Image.Image) -> set[tuple[int, int, int]]:
    return {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 20)}


@pytest.mark.parametrize("text", ["ml-engineer us", "llm engineer western-europe", "ds latam", "mlops asia"])
def test_salary_chart_is_an_800x400_png_with_both_bars(text):
    img = open_png(salary_chart_png(parse_query(text)))
    assert img.format == "PNG" and img.size == (800, 400)
    assert {chart._BASE, chart._TOTAL} <= colours(img)


def test_rows_follow_levels_and_total_comp():
    rows = rows_from_answers(level_bands(parse_query("ml-engineer senior us")))
    assert [r.label for r in rows] == ["Junior (0-2 yrs)", "Mid-level (3-5 yrs)", "Senior (6+ yrs)"]
    assert (rows[0].base_low, rows[0].base_high, rows[0].total_low, rows[0].total_high) == (
        Decimal(120000), Decimal(160000), Decimal(150000), Decimal(240000))
    assert [r.open_high for r in rows] == [False, False, True]


def test_custom_size_and_open_ended_rows():
    rows = [ChartRow("Senior", Decimal(300000), None, Decimal(375000), None, True),
            ChartRow("Mid", Decimal(174000), Decimal(174000), Decimal(218000), Decimal(261000))]
    img = open_png(range_chart_png("LLM/Generative AI · US", rows, size=(1000, 500)))
    assert img.size == (1000, 500)


def test_without_dejavu_it_falls_back_to_pillows_font_and_ascii(monkeypatch):
    monkeypatch.setattr(chart, "FONT_FILES", ("no-such-font-bold.ttf", "no-such-font.ttf"))
    (_, _, _), unicode = chart._fonts()
    assert unicode is False
    img = open_png(salary_chart_png(parse_query("mle western-europe")))
    assert img.size == (800, 400)


def test_empty_rows_still_draw():
    assert open_png(range_chart_png("Nothing to show", [])).size == (800, 400)
