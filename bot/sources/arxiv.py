"""arXiv client: ML papers by author name, at most one request every 3 s, one at a time.

arXiv's terms ask for no more than one request every three seconds and a single connection
at a time. The Throttle below is process-wide per host (a lock held for the whole exchange,
plus a monotonic timestamp of when the last exchange ended); tests inject a clock and sleep.
Author search matches name strings, so every paper is marked `name_match: true` for a
person to confirm.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import httpx

from .base import HttpSource, SourceUnavailable

DEFAULT_API_URL = "http://export.arxiv.org"
SOURCE = "arxiv"
ML_CATEGORIES = ("cs.LG", "cs.AI", "cs.CL", "cs.CV", "stat.ML")
NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom",
      "opensearch": "http://a9.com/-/spec/opensearch/1.1/"}

_VERSION = re.compile(r"v\d+$")


class Throttle:
    """At most one exchange at a time, and `interval` seconds between the end of one and the next."""

    def __init__(self, interval: float = 3.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_at: float | None = None

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold the single connection slot, waiting out the spacing first."""
        with self._lock:
            if self._next_at is not None:
                wait = self._next_at - self._clock()
                if wait > 0:
                    self._sleep(wait)
            try:
                yield
            finally:
                self._next_at = self._clock() + self.interval


_SHARED: dict[tuple[str, float], Throttle] = {}
_SHARED_LOCK = threading.Lock()


def shared_throttle(base_url: str, interval: float = 3.0) -> Throttle:
    """The process-wide Throttle for a host (every ArxivClient on that host shares it)."""
    key = (urlsplit(base_url).netloc, interval)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = Throttle(interval)
        return _SHARED[key]


def normalize_name(name: str) -> str:
    """Case-, spacing- and accent-insensitive form of a person's name for exact comparison."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def build_query(name: str, categories: tuple[str, ...] = ML_CATEGORIES) -> str:
    """The search_query value: au:"First Last" AND (cat:cs.LG OR ...)."""
    clean = " ".join(name.replace('"', " ").split())
    cats = " OR ".join(f"cat:{c}" for c in categories)
    return f'au:"{clean}" AND ({cats})'


def _text(el: ET.Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def parse_feed(xml_text: str) -> list[dict]:
    """Atom entries as dicts: id, title, authors, categories, primary_category, published, url."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        # arXiv answers a throttled client with a plain-text "Rate exceeded." body.
        raise SourceUnavailable(SOURCE, "not an Atom feed: " + xml_text[:60].strip()) from None
    entries = []
    for entry in root.findall("atom:entry", NS):
        raw_id = _text(entry.find("atom:id", NS))
        title = _text(entry.find("atom:title", NS))
        if "/api/errors" in raw_id or (title == "Error" and "arxiv.org/abs/" not in raw_id):
            raise SourceUnavailable(SOURCE, "query error: " + _text(entry.find("atom:summary", NS))[:120])
        arxiv_id = _VERSION.sub("", raw_id.split("/abs/", 1)[-1])
        primary = entry.find("arxiv:primary_category", NS)
        entries.append({
            "id": arxiv_id,
            "title": title,
            "authors": [_text(a.find("atom:name", NS)) for a in entry.findall("atom:author", NS)],
            "categories": [c.get("term") for c in entry.findall("atom:category", NS) if c.get("term")],
            "primary_category": primary.get("term") if primary is not None else None,
            "published": _text(entry.find("atom:published", NS))[:10] or None,
            "url": f"https://arxiv.org/abs/{arxiv_id}",
        })
    return entries


class ArxivClient(HttpSource):
    """Finds a person's ML papers on arXiv by exact author name (a name match, not an identity)."""

    source = SOURCE
    default_bucket = "api"

    def __init__(self, base_url: str = DEFAULT_API_URL, http=None, *, min_interval: float = 3.0,
                 throttle: Throttle | None = None, max_results: int = 50,
                 categories: tuple[str, ...] = ML_CATEGORIES, timeout: float = 30.0, **kwargs: Any):
        kwargs.pop("token", None)  # arXiv takes no token
        super().__init__(base_url, http=http, timeout=timeout, **kwargs)
        self.throttle = throttle if throttle is not None else shared_throttle(self.base_url, min_interval)
        self.max_results = max_results
        self.categories = tuple(categories)

    def _do_request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        with self.throttle.slot():
            return super()._do_request(method, url, **kwargs)

    def search_author(self, name: str) -> list[dict]:
        """Papers in ML categories whose author list holds exactly `name`, newest first."""
        name = " ".join((name or "").split())
        if not name:
            return []
        params = {"search_query": build_query(name, self.categories), "sortBy": "submittedDate",
                  "sortOrder": "descending", "start": "0", "max_results": str(self.max_results)}
        text = self._send("GET", "/api/query", params=params, parse="text",
                          headers={"Accept": "application/atom+xml"}).body
        wanted = normalize_name(name)
        keep = set(self.categories)
        papers = []
        for entry in parse_feed(text):
            if not keep.intersection(entry["categories"]):
                continue
            if wanted not in {normalize_name(a) for a in entry["authors"]}:
                continue
            papers.append({"id": entry["id"], "title": entry["title"], "categories": entry["categories"],
                           "primary_category": entry["primary_category"], "published": entry["published"],
                           "url": entry["url"], "authors": entry["authors"], "name_match": True})
        return papers

    def fetch_profile(self, arxiv_name: str) -> dict:
        """A partial snapshot: {'arxiv_name': name, 'signals': {'papers': [...]}}."""
        return {"arxiv_name": arxiv_name, "signals": {"papers": self.search_author(arxiv_name)}}
