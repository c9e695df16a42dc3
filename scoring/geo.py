"""Where a candidate is: free-text locations read into city, country code and region (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

REGIONS = ("europe", "north-america", "latin-america", "asia", "africa", "oceania")
REGION_ALIASES = {"eu": "europe", "emea": "europe", "na": "north-america", "northamerica": "north-america",
                  "latam": "latin-america", "south-america": "latin-america", "apac": "asia",
                  "australia-nz": "oceania", "anz": "oceania"}

# ISO 3166 code: (names people write, region)
COUNTRIES: dict[str, tuple[tuple[str, ...], str]] = {
    "US": (("united states", "usa", "us", "u.s.", "america"), "north-america"),
    "CA": (("canada",), "north-america"),
    "MX": (("mexico", "méxico"), "latin-america"),
    "BR": (("brazil", "brasil"), "latin-america"),
    "AR": (("argentina",), "latin-america"),
    "CO": (("colombia",), "latin-america"),
    "CL": (("chile",), "latin-america"),
    "PE": (("peru", "perú"), "latin-america"),
    "UY": (("uruguay",), "latin-america"),
    "GB": (("united kingdom", "uk", "england", "scotland", "wales", "great britain"), "europe"),
    "IE": (("ireland",), "europe"),
    "DE": (("germany", "deutschland"), "europe"),
    "FR": (("france",), "europe"),
    "NL": (("netherlands", "the netherlands", "holland"), "europe"),
    "BE": (("belgium",), "europe"),
    "CH": (("switzerland",), "europe"),
    "AT": (("austria",), "europe"),
    "ES": (("spain", "españa"), "europe"),
    "PT": (("portugal",), "europe"),
    "IT": (("italy", "italia"), "europe"),
    "SE": (("sweden",), "europe"),
    "NO": (("norway",), "europe"),
    "DK": (("denmark",), "europe"),
    "FI": (("finland",), "europe"),
    "PL": (("poland", "polska"), "europe"),
    "CZ": (("czechia", "czech republic"), "europe"),
    "RO": (("romania",), "europe"),
    "UA": (("ukraine",), "europe"),
    "GR": (("greece",), "europe"),
    "HU": (("hungary",), "europe"),
    "EE": (("estonia",), "europe"),
    "RS": (("serbia",), "europe"),
    "BG": (("bulgaria",), "europe"),
    "IN": (("india",), "asia"),
    "CN": (("china",), "asia"),
    "JP": (("japan",), "asia"),
    "KR": (("south korea", "korea"), "asia"),
    "SG": (("singapore",), "asia"),
    "VN": (("vietnam", "viet nam"), "asia"),
    "ID": (("indonesia",), "asia"),
    "PH": (("philippines",), "asia"),
    "TW": (("taiwan",), "asia"),
    "IL": (("israel",), "asia"),
    "AE": (("united arab emirates", "uae"), "asia"),
    "PK": (("pakistan",), "asia"),
    "NG": (("nigeria",), "africa"),
    "KE": (("kenya",), "africa"),
    "ZA": (("south africa",), "africa"),
    "EG": (("egypt",), "africa"),
    "GH": (("ghana",), "africa"),
    "RW": (("rwanda",), "africa"),
    "MA": (("morocco",), "africa"),
    "AU": (("australia",), "oceania"),
    "NZ": (("new zealand",), "oceania"),
}

CITIES: dict[str, str] = {
    "san francisco": "US", "sf": "US", "new york": "US", "nyc": "US", "seattle": "US", "boston": "US",
    "austin": "US", "los angeles": "US", "chicago": "US", "mountain view": "US", "palo alto": "US",
    "toronto": "CA", "montreal": "CA", "vancouver": "CA", "waterloo": "CA",
    "london": "GB", "cambridge": "GB", "oxford": "GB", "edinburgh": "GB", "manchester": "GB", "dublin": "IE",
    "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE", "paris": "FR", "amsterdam": "NL",
    "zurich": "CH", "zürich": "CH", "geneva": "CH", "vienna": "AT", "madrid": "ES", "barcelona": "ES",
    "lisbon": "PT", "milan": "IT", "rome": "IT", "stockholm": "SE", "oslo": "NO", "copenhagen": "DK",
    "helsinki": "FI", "warsaw": "PL", "krakow": "PL", "kraków": "PL", "prague": "CZ", "bucharest": "RO",
    "kyiv": "UA", "kiev": "UA", "tallinn": "EE", "athens": "GR", "budapest": "HU", "belgrade": "RS",
    "bangalore": "IN", "bengaluru": "IN", "hyderabad": "IN", "mumbai": "IN", "pune": "IN", "delhi": "IN",
    "beijing": "CN", "shanghai": "CN", "shenzhen": "CN", "tokyo": "JP", "seoul": "KR", "taipei": "TW",
    "tel aviv": "IL", "dubai": "AE", "ho chi minh city": "VN", "hanoi": "VN", "jakarta": "ID", "manila": "PH",
    "lagos": "NG", "nairobi": "KE", "cape town": "ZA", "johannesburg": "ZA", "cairo": "EG", "accra": "GH",
    "kigali": "RW", "sydney": "AU", "melbourne": "AU", "auckland": "NZ",
    "são paulo": "BR", "sao paulo": "BR", "buenos aires": "AR", "bogotá": "CO", "bogota": "CO",
    "medellín": "CO", "medellin": "CO", "mexico city": "MX", "ciudad de méxico": "MX", "santiago": "CL",
    "lima": "PE", "montevideo": "UY",
}

US_STATES = {"ca", "ny", "wa", "ma", "tx", "il", "co", "or", "ga", "nc", "va", "pa", "nj", "fl", "ut", "mn"}

_NAME_TO_CODE = {name: code for code, (names, _) in COUNTRIES.items() for name in names}
_WORD = re.compile(r"[^\w\s.-]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Place:
    """A location read from free text: lower-cased text, ISO country code, region, remote flag."""

    text: str
    country: str | None
    region: str | None
    remote: bool


@lru_cache(maxsize=4096)
def parse_location(raw: str | None) -> Place:
    """Read 'Berlin, DE', 'Remote (EU)', 'Bengaluru, India' or 'SF, CA' into a Place."""
    text = (raw or "").strip().lower()
    if not text:
        return Place("", None, None, False)
    remote = "remote" in text or "anywhere" in text
    parts = [_WORD.sub(" ", p).strip(" .") for p in re.split(r"[,/|;()·]", text)]
    parts = [p for p in parts if p]
    country = next((_NAME_TO_CODE[p] for p in reversed(parts) if p in _NAME_TO_CODE and len(p) > 2), None)
    if country is None:
        country = next((CITIES[p] for p in parts if p in CITIES), None)
    if country is None:
        for part in reversed(parts[1:] if len(parts) > 1 else parts):
            code = part.upper()
            if code == "CA" and len(parts) > 1:  # "Palo Alto, CA": a US state far more often than Canada
                country = "US"
            elif code in COUNTRIES and len(part) == 2:
                country = code
            elif part in US_STATES:
                country = "US"
            elif part in _NAME_TO_CODE:
                country = _NAME_TO_CODE[part]
            if country:
                break
    region = COUNTRIES[country][1] if country else None
    if region is None:
        for part in parts:
            key = part.replace(" ", "-")
            if key in REGIONS or key in REGION_ALIASES:
                region = REGION_ALIASES.get(key, key)
    return Place(text, country, region, remote)


def classify_filter(wanted: str) -> tuple[str, str]:
    """What a location filter names: ("region", r), ("country", ISO code) or ("text", fragment)."""
    w = wanted.strip().lower().replace("_", "-")
    w_region = REGION_ALIASES.get(w, w)
    if w_region in REGIONS:
        return "region", w_region
    code = _NAME_TO_CODE.get(w.replace("-", " ")) or (w.upper() if len(w) == 2 and w.upper() in COUNTRIES else None)
    if code:
        return "country", code
    return "text", w.replace("-", " ")


def location_matches(place: Place, wanted: str) -> bool:
    """Does a Place match a filter word: a region, a country (name or code) or a city/text fragment?"""
    kind, value = classify_filter(wanted)
    if kind == "region":
        return place.region == value
    if kind == "country":
        return place.country == value
    return value in place.text
