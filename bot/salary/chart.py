"""Salary range chart as a PNG, drawn with Pillow only: base and estimated total comp per level."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Sequence

from PIL import Image, ImageDraw, ImageFont

from scoring.salary import SalaryAnswer, SalaryQuery, format_money, level_bands

WIDTH, HEIGHT = 800, 400
_BG = (255, 255, 255)
_INK = (29, 28, 29)
_MUTED = (97, 96, 97)
_GRID = (221, 221, 221)
_BASE = (18, 100, 163)
_TOTAL = (156, 199, 234)
FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf")  # Pillow looks them up in the system font dirs
_STEPS = (5, 10, 20, 25, 50, 100, 200, 250, 500)  # in thousands


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One level's bars: base range and estimated total-comp range; `open_high` draws an arrow ("+")."""

    label: str
    base_low: Decimal
    base_high: Decimal | None
    total_low: Decimal
    total_high: Decimal | None
    open_high: bool = False


def rows_from_answers(answers: Iterable[SalaryAnswer]) -> list[ChartRow]:
    """Chart rows from lookups of the same role and region at each level."""
    return [ChartRow(a.level_label, a.base.low, a.base.high, a.total_comp.range.low, a.total_comp.range.high,
                     a.base.open_high or a.base.high is None) for a in answers]


def salary_chart_png(query: SalaryQuery) -> bytes:
    """The chart for a query's role, region and specialty, junior to senior."""
    answers = level_bands(query)
    first = answers[0]
    role = first.headline.split(" · ")[0]
    title = f"{role} · {first.region_label}"
    return range_chart_png(title, rows_from_answers(answers), currency=first.base.currency or "USD")


def _fonts() -> tuple[tuple, bool]:
    """(title, body, small) fonts and whether they draw €, £ and dashes.

    DejaVu ships with most Linux images; Pillow's built-in font has no € or dashes, so with it the
    labels fall back to ASCII ("EUR 95K - 140K").
    """
    try:
        bold, regular = FONT_FILES
        return (ImageFont.truetype(bold, 19), ImageFont.truetype(regular, 14), ImageFont.truetype(regular, 12)), True
    except OSError:
        pass
    try:
        return (ImageFont.load_default(size=20), ImageFont.load_default(size=15), ImageFont.load_default(size=13)), False
    except TypeError:  # Pillow built without FreeType: the small bitmap font still draws
        f = ImageFont.load_default()
        return (f, f, f), False


_ASCII = str.maketrans({"€": "EUR ", "£": "GBP ", "–": "-", "—": "-", "·": "-", "→": ">", "“": '"', "”": '"'})


def _fit(draw: ImageDraw.ImageDraw, text: str, font: object, max_width: int, ellipsis: str) -> str:
    """The text, cut with an ellipsis so it fits `max_width` pixels."""
    if draw.textlength(text, font=font) <= max_width:
        return text
    while text and draw.textlength(text + ellipsis, font=font) > max_width:
        text = text[:-1]
    return text.rstrip() + ellipsis


def _nice_step(top: float) -> int:
    for step in _STEPS:
        if top / (step * 1000) <= 7:
            return step * 1000
    return _STEPS[-1] * 1000


def range_chart_png(title: str, rows: Sequence[ChartRow], *, currency: str = "USD",
                    size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    """A horizontal range chart (one row per level, base and total comp bars) as PNG bytes."""
    width, height = size
    img = Image.new("RGB", size, _BG)
    draw = ImageDraw.Draw(img)
    (title_font, font, small), unicode = _fonts()

    def clean(text: str) -> str:
        return text if unicode else text.translate(_ASCII)

    def money(value: Decimal) -> str:
        return clean(format_money(value, currency))


    draw.text((20, 14), _fit(draw, clean(title), title_font, width - 40, clean("…")), font=title_font, fill=_INK)
    legend_y = 46
    x = 20
    for colour, name in ((_BASE, "Base salary"), (_TOTAL, "Est. total comp (base + bonus + benefits)")):
        draw.rectangle((x, legend_y + 3, x + 22, legend_y + 13), fill=colour)
        draw.text((x + 28, legend_y), name, font=small, fill=_MUTED)
        x += 40 + int(draw.textlength(name, font=small))
    draw.text((x, legend_y), clean("→ open-ended (“+”)"), font=small, fill=_MUTED)

    left = 20 + max((int(draw.textlength(r.label, font=font)) for r in rows), default=60) + 14
    right, top, bottom = width - 30, 78, height - 58
    values = [float(v) for r in rows for v in (r.base_low, r.base_high, r.total_low, r.total_high) if v is not None]
    peak = max(values, default=1.0)
    if any(r.open_high for r in rows):
        peak *= 1.08  # room for the open-ended arrows
    step = _nice_step(peak)
    x_max = step * (int(peak // step) + 1)

    def px(value: float) -> float:
        return left + (right - left) * value / x_max

    for tick in range(0, x_max + 1, step):
        tx = px(tick)
        draw.line((tx, top, tx, bottom), fill=_GRID, width=1)
        label = money(Decimal(tick))
        tw = draw.textlength(label, font=small)
        draw.text((tx - tw / 2, bottom + 6), label, font=small, fill=_MUTED)
    draw.line((left, bottom, right, bottom), fill=_MUTED, width=1)
    axis = f"Annual pay, {currency}"
    draw.text(((left + right) / 2 - draw.textlength(axis, font=font) / 2, bottom + 26), axis, font=font, fill=_INK)

    band = (bottom - top) / max(len(rows), 1)
    for i, row in enumerate(rows):
        cy = top + band * i + band / 2
        box = draw.textbbox((0, 0), row.label, font=font)
        draw.text((20, cy - (box[1] + box[3]) / 2), clean(row.label), font=font, fill=_INK)
        for dy, thick, colour, low, high in ((-11, 16, _BASE, row.base_low, row.base_high),
                                            (11, 12, _TOTAL, row.total_low, row.total_high)):
            y = cy + dy
            x0 = px(float(low))
            x1 = px(float(high if high is not None else low))
            x1 = max(x1, x0 + 4)
            draw.rectangle((x0, y - thick / 2, x1, y + thick / 2), fill=colour)
            text = money(low) + (clean("–") + money(high) if high is not None and high != low else "")
            if row.open_high or high is None:
                draw.polygon([(x1 + 1, y - thick / 2 - 2), (x1 + 11, y), (x1 + 1, y + thick / 2 + 2)], fill=colour)
                text += "+"
                x1 += 11
            tw = draw.textlength(text, font=small)
            tx = x1 + 6 if x1 + 6 + tw <= width - 4 else x0 - 6 - tw
            box = draw.textbbox((0, 0), text, font=small)
            draw.text((tx, y - (box[1] + box[3]) / 2), text, font=small, fill=_INK)

    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
