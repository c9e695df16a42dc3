"""Draw the /salary chart with matplotlib: reported salaries, the guides' range and the team's offers on one PNG.

Run as a child process (`python -m bot.salary.plot < spec.json > chart.png`, see bot/salary/chart.py) so
web and clock processes never import matplotlib: it costs about half a second and 40 MB per process.
"""

from __future__ import annotations

import io
import json
import sys
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure  # the object API: no pyplot state, no display needed
from matplotlib.ticker import FuncFormatter

MARKET = "#1264a3"
MIDDLE = "#0b3d66"
GUIDE = "#e8912d"
TEAM = "#2bac76"
SIZE = (10, 5)  # inches at 100 dpi: 1000 x 500 px, readable in a Slack preview
_MASS = 0.05  # each vigintile band holds 5% of the reports


def _bands(dist: list[float]) -> tuple[list[float], list[float]]:
    """Edges and densities from vigintiles; tied edges merge so a spike stays finite."""
    edges, mass = [dist[0]], []
    for value in dist[1:]:
        if value <= edges[-1]:
            if mass:
                mass[-1] += _MASS
            continue
        edges.append(value)
        mass.append(_MASS)
    return edges, [m / (b - a) for m, a, b in zip(mass, edges, edges[1:])]


def _t(text: str) -> str:
    """Text as matplotlib shows it literally: a pair of `$` would start mathtext."""
    return text.replace("$", r"\$")


def draw_png(spec: dict[str, Any]) -> bytes:
    """The chart for a spec (title, symbol, market, guide, team) as PNG bytes."""
    fig = Figure(figsize=SIZE, dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    symbol = spec.get("symbol", "$")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _t(f"{symbol}{v / 1000:,.0f}K")))
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    top = 1.0
    market = spec.get("market")
    if market and len(market.get("dist", [])) >= 2:
        edges, density = _bands(market["dist"])
        if density:
            ax.stairs(density, edges, fill=True, color=MARKET, alpha=0.35,
                      label=_t(f"Reported salaries, p5–p95 (n={market['n']:,}, {market['years']}, {market['where']})"))
            top = max(density)
        ax.axvspan(market["p25"], market["p75"], ymax=0.9, color=MARKET, alpha=0.15, lw=0, label="p25–p75")
        ax.axvline(market["p50"], ymax=0.9, color=MIDDLE, lw=2, label=_t(f"Median {market['p50_text']}"))
    guide = spec.get("guide")
    if guide:
        high = guide["high"] if guide.get("high") is not None else guide["low"] * 1.15
        ax.axvspan(guide["low"], high, ymin=0.92, ymax=0.97, color=GUIDE, lw=0,
                   label=_t(f"Guides' range {guide['text']}" + (" (open-ended)" if guide.get("open_high") else "")))
    team = spec.get("team")
    if team:
        ax.plot([team["p25"], team["p75"]], [top * 0.8] * 2, color=TEAM, lw=6, solid_capstyle="butt",
                label=f"Your team's offers p25–p75 ({team['n']} offers)")
        ax.plot([team["p50"]], [top * 0.8], marker="D", color="white", markeredgecolor=TEAM, markersize=8)
    ax.set_ylim(0, top * 1.12)
    ax.set_title(_t(spec.get("title", "")), loc="left", fontsize=14, fontweight="bold")
    ax.set_xlabel(_t(spec.get("axis", "Annual base salary")))
    if ax.get_legend_handles_labels()[0]:
        # below the axis, so it never hides the bars or the guides' range at the top
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.16), ncol=2, fontsize=8, frameon=False)
    fig.text(0.01, 0.01, _t(spec.get("credit", "")), fontsize=8, color="#616061")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def main() -> None:
    """Read a chart spec as JSON on stdin and write the PNG to stdout."""
    sys.stdout.buffer.write(draw_png(json.load(sys.stdin)))


if __name__ == "__main__":
    main()
