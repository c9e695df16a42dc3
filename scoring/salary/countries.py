"""Countries for market figures: names and ISO codes read from a query, market regions, guide regions."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from scoring.geo import CITIES

# Market regions: where a thin country cell falls back to. Written by hand because pay follows
# these lines (Western vs Eastern Europe differ by 2-3x), not the UN's continents.
MARKET_REGIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "north-america": ("North America", ("US", "CA", "PR", "AS", "GU", "VI", "UM")),
    "western-europe": ("Western Europe", (
        "GB", "IE", "DE", "FR", "NL", "BE", "LU", "CH", "AT", "LI", "ES", "PT", "IT", "SE", "NO", "DK", "FI",
        "IS", "MT", "CY", "GR", "AD", "MC", "SM", "GI")),
    "eastern-europe": ("Eastern Europe", (
        "PL", "CZ", "SK", "HU", "RO", "BG", "UA", "RS", "HR", "SI", "EE", "LV", "LT", "BY", "RU", "MD", "BA",
        "MK", "AL", "ME", "XK", "GE", "AM", "AZ")),
    "latam": ("Latin America", (
        "MX", "BR", "AR", "CO", "CL", "PE", "UY", "PY", "BO", "EC", "VE", "CR", "PA", "GT", "HN", "SV", "NI",
        "DO", "CU", "JM", "BS", "TT", "BZ")),
    "asia": ("Asia", (
        "IN", "CN", "JP", "KR", "SG", "VN", "ID", "PH", "TW", "HK", "MY", "TH", "PK", "BD", "LK", "NP", "KZ",
        "UZ", "KH", "MM", "MN")),
    "middle-east": ("Middle East", ("IL", "AE", "SA", "QA", "TR", "LB", "JO", "OM", "KW", "BH", "IQ", "IR")),
    "africa": ("Africa", (
        "NG", "KE", "ZA", "EG", "GH", "RW", "MA", "TN", "DZ", "UG", "ET", "TZ", "SN", "CM", "CI", "MU", "CD", "CF",
        "ZW", "ZM")),
    "oceania": ("Oceania", ("AU", "NZ", "FJ", "PG")),
}
_REGION_OF = {code: region for region, (_, codes) in MARKET_REGIONS.items() for code in codes}

# The guides' regions (scoring/data/salary.json) for a market region; the guides have no table for the
# others, so their US table is shown there, labelled as US.
GUIDE_REGION = {"north-america": "us", "western-europe": "western-europe", "eastern-europe": "eastern-europe",
                "latam": "latam", "asia": "asia"}

# Two-letter codes that are also English words people type in a query ("salary in it").
_WORD_CODES = {"in", "at", "is", "it", "no", "be", "me", "my", "to", "do", "so", "an", "am", "as", "by", "go",
               "he", "hi", "if", "of", "on", "or", "id", "la", "pa", "ai", "ml", "ee", "we", "eu", "us", "tv"}
_ALIASES = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB",
            "usa": "US", "united states of america": "US", "america": "US", "holland": "NL", "deutschland": "DE",
            "south korea": "KR", "korea": "KR", "russia": "RU", "czech republic": "CZ", "turkey": "TR",
            "uae": "AE", "vietnam": "VN", "iran": "IR", "taiwan": "TW", "moldova": "MD", "bolivia": "BO",
            "venezuela": "VE"}


def _key(text: str) -> str:
    return re.sub(r"[-_\s]+", " ", text.strip().lower()).strip(" .,;:!?\"'()[]")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(_key(value), c.alpha_2)
        names.setdefault(c.alpha_2.lower(), c.alpha_2)
    names.update(_ALIASES)
    return names


def country_of(text: str) -> str | None:
    """The ISO code a query word names (`uk`, `united-kingdom`, `gb`, `germany`, `de`, `london`), else None."""
    key = _key(text)
    if not key or key in _WORD_CODES:
        return None
    if key in CITIES:
        return CITIES[key]
    return _names().get(key)


def country_name(code: str) -> str:
    """`Germany`, `South Korea`, `United States`."""
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def market_region(code: str | None) -> str | None:
    """The market region a country falls back to (`DE` -> western-europe), None when unmapped."""
    return _REGION_OF.get(code or "")


def region_label(region: str) -> str:
    """`Western Europe`."""
    return MARKET_REGIONS[region][0]


def guide_region(code: str) -> str:
    """The guides' region for a country: its table when there is one, else the US table (labelled US)."""
    return GUIDE_REGION.get(market_region(code) or "", "us")
