"""The seed figures file, data/salary.json: its path, the cached loader, figures read as cited Ranges."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from scoring.salary.figures import Cite, Range

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "salary.json"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(DATA_PATH.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)


def _cites(raw: Iterable[Mapping[str, Any]]) -> tuple[Cite, ...]:
    return tuple(Cite(c["source"], int(c["line"]), c["quote"]) for c in raw)


def _range(fig: Mapping[str, Any], label: str = "", **over: Any) -> Range:
    args = dict(low=fig["low"], high=fig["high"], currency=fig.get("currency"), unit=fig.get("unit", "year"),
                open_high=bool(fig.get("open_high")), approx=bool(fig.get("approx")),
                label=label or fig.get("label", ""), cites=_cites(fig["cites"]))
    args.update(over)
    return Range(**args)


def _title_specialty(title: str) -> str | None:
    return _data()["title_map"].get(title, {}).get("specialty")
