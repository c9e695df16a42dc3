"""Salary vocabulary: canonical roles, levels, regions and specialties, the aliases typed for them."""

from __future__ import annotations

import difflib
import re
from typing import Mapping, Sequence

ROLES = ("ml-engineer", "data-scientist", "ai-engineer", "mlops-engineer")
LEVELS = ("junior", "mid", "senior")
REGIONS = ("us", "western-europe", "eastern-europe", "asia", "latam", "remote")
SPECIALTIES = ("llm", "deep-learning", "nlp", "computer-vision")
EXAMPLE = "/salary ml-engineer senior western-europe llm"

REGION_LABELS = {
    "us": "US", "western-europe": "Western Europe", "eastern-europe": "Eastern Europe", "asia": "Asia",
    "latam": "Latin America (nearshore)", "remote": "Remote (US-facing)",
}


# Aliases are written with spaces; a typed word's hyphens and underscores count as spaces.

_ROLE_ALIASES: dict[str, str] = {
    "ml engineer": "ml-engineer", "mle": "ml-engineer", "ml": "ml-engineer", "mlengineer": "ml-engineer",
    "machine learning engineer": "ml-engineer", "machine learning": "ml-engineer", "ml eng": "ml-engineer",
    "data scientist": "data-scientist", "ds": "data-scientist", "datascientist": "data-scientist",
    "data science": "data-scientist", "data scientist (ml focus)": "data-scientist",
    "ai engineer": "ai-engineer", "ai": "ai-engineer", "aiengineer": "ai-engineer",
    "mlops engineer": "mlops-engineer", "mlops": "mlops-engineer", "ml ops": "mlops-engineer",
    "ml ops engineer": "mlops-engineer", "ml platform engineer": "mlops-engineer",
}
# Titles with no row of their own: mapped to the closest row (data/salary.json "title_map").
_TITLE_ALIASES: dict[str, str] = {
    "research engineer": "research-engineer",
    "applied scientist": "applied-scientist", "applied ml scientist": "applied-scientist",
    "nlp engineer": "nlp-engineer", "cv engineer": "cv-engineer", "computer vision engineer": "cv-engineer",
    "vision engineer": "cv-engineer", "deep learning engineer": "deep-learning-engineer",
    "dl engineer": "deep-learning-engineer", "llm engineer": "llm-engineer", "genai engineer": "llm-engineer",
    "gen ai engineer": "llm-engineer", "generative ai engineer": "llm-engineer", "llm ops engineer": "llm-engineer",
}
_LEVEL_ALIASES: dict[str, str] = {
    "junior": "junior", "jr": "junior", "jr.": "junior", "entry": "junior", "entry level": "junior",
    "graduate": "junior", "grad": "junior", "new grad": "junior",
    "mid": "mid", "mid level": "mid", "midlevel": "mid", "intermediate": "mid", "middle": "mid",
    "mid career": "mid", "medior": "mid",
    "senior": "senior", "sr": "senior", "sr.": "senior", "snr": "senior",
    "lead": "senior", "staff": "senior", "principal": "senior", "staff+": "senior", "executive": "senior",
}
_ABOVE_TABLE = {"lead", "staff", "principal", "staff+", "executive"}  # the market table has these (staff+)
_REGION_ALIASES: dict[str, str] = {
    "us": "us", "usa": "us", "u.s": "us", "u.s.a": "us", "united states": "us", "america": "us",
    "us based": "us", "sf": "us", "bay area": "us", "san francisco": "us", "new york": "us", "nyc": "us",
    "seattle": "us", "boston": "us", "austin": "us", "denver": "us",
    "western europe": "western-europe", "west europe": "western-europe", "europe": "western-europe",
    "eu": "western-europe", "we": "western-europe", "emea": "western-europe", "germany": "western-europe",
    "de": "western-europe", "uk": "western-europe", "gb": "western-europe", "united kingdom": "western-europe",
    "france": "western-europe", "netherlands": "western-europe", "nl": "western-europe",
    "ireland": "western-europe", "spain": "western-europe", "belgium": "western-europe",
    "austria": "western-europe", "london": "western-europe", "berlin": "western-europe",
    "paris": "western-europe", "amsterdam": "western-europe", "munich": "western-europe",
    "dublin": "western-europe",
    "eastern europe": "eastern-europe", "east europe": "eastern-europe", "ee": "eastern-europe",
    "cee": "eastern-europe", "poland": "eastern-europe", "ukraine": "eastern-europe",
    "romania": "eastern-europe", "bulgaria": "eastern-europe", "serbia": "eastern-europe",
    "hungary": "eastern-europe", "czechia": "eastern-europe", "czech republic": "eastern-europe",
    "warsaw": "eastern-europe", "krakow": "eastern-europe", "kyiv": "eastern-europe",
    "asia": "asia", "apac": "asia", "india": "asia", "vietnam": "asia", "philippines": "asia",
    "bangalore": "asia", "bengaluru": "asia",
    "latam": "latam", "latin america": "latam", "south america": "latam", "nearshore": "latam",
    "brazil": "latam", "mexico": "latam", "argentina": "latam", "colombia": "latam", "chile": "latam",
    "remote": "remote", "remote us": "remote", "us remote": "remote", "anywhere": "remote",
}
_UK_WORDS = {"uk", "gb", "united kingdom", "london"}
_SPECIALTY_ALIASES: dict[str, str] = {
    "llm": "llm", "llms": "llm", "genai": "llm", "gen ai": "llm", "generative ai": "llm",
    "llm/genai": "llm", "llm/generative ai": "llm", "large language models": "llm",
    "deep learning": "deep-learning", "dl": "deep-learning",
    "nlp": "nlp", "natural language processing": "nlp",
    "cv": "computer-vision", "computer vision": "computer-vision", "vision": "computer-vision",
}
# A specialty typed with no role names its own closest row ("/salary nlp senior").
_SPECIALTY_ROLE = {"llm": "llm-engineer", "nlp": "nlp-engineer", "computer-vision": "cv-engineer",
                   "deep-learning": "deep-learning-engineer"}
_CHART_WORDS = {"chart", "graph", "plot", "--chart"}
_FILLER = {"in", "for", "a", "an", "the", "at", "of", "with", "based", "level", "role", "salary",
           "engineer", "engineers", "experience", "exp", "and", "please", "what", "whats", "is", "cost"}
_YEAR_WORDS = {"y", "yr", "yrs", "year", "years", "yoe"}
_KEYS = {"role", "level", "region", "location", "specialty", "years", "country", "currency"}
# Currencies a team may ask market figures in (converted at the survey's own rates, and labelled).
_CURRENCIES = {"usd": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR", "gbp": "GBP",
               "pounds": "GBP", "cad": "CAD", "chf": "CHF", "inr": "INR", "pln": "PLN", "aud": "AUD"}

_RANGE_YEARS = re.compile(r"^(\d{1,3})-(\d{1,3})(?:y|yr|yrs|years?|yoe)?$")
_PLUS_YEARS = re.compile(r"^(\d{1,3})\+(?:y|yr|yrs|years?|yoe)?$")
_N_YEARS = re.compile(r"^(\d{1,3})(y|yr|yrs|years?|yoe)?$")
_MAX_YEARS = 60


def _phrase(word: str) -> str:
    return re.sub(r"[-_\s]+", " ", word.lower().strip(" \t.,;:!?\"'()[]")).strip() or word.lower()


def _closest(word: str, vocab: Mapping[str, str], ids: Sequence[str], cutoff: float = 0.6) -> tuple[str, ...]:
    """The canonical ids whose names or aliases are closest to `word`, best first."""
    names = list(vocab) + [i.replace("-", " ") for i in ids]
    found: list[str] = []
    for name in difflib.get_close_matches(_phrase(word), names, n=6, cutoff=cutoff):
        canonical = vocab.get(name) or name.replace(" ", "-")
        if canonical not in found:
            found.append(canonical)
    return tuple(found[:3])
