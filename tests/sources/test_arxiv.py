"""ArxivClient: Atom parsing, category and exact-name filtering, the 3-second throttle."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from bot.sources.arxiv import ArxivClient, Throttle, build_query, parse_feed, shared_throttle
from bot.sources.base import SourceUnavailable

ARXIV = "http://arxiv.test"


def entry(arxiv_id: str, title: str, authors: list[str], cats: list[str], published: str) -> str:
    names = "".join(f"<author><name>{a}</name></author>" for a in authors)
    categories = "".join(f'<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in cats)
    return f"""
  <entry>
    <id>http://arxiv.org/abs/{arxiv_id}</id>
    <updated>{published}</updated>
    <published>{published}</published>
    <title>{title}</title>
    <summary>  An abstract that wraps
      across lines.</summary>
    {names}
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">12 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/{arxiv_id}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{arxiv_id}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="{cats[0]}" scheme="http://arxiv.org/schemas/atom"/>
    {categories}
  </entry>"""


def feed(*entries: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3Dau%3A%22Ada%20Example%22" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=au:"Ada Example"</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2026-11-21T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(entries)}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">50</opensearch:itemsPerPage>
  {''.join(entries)}
</feed>"""


FEED = feed(
    entry("2604.01234v2", "Tiny Retrieval\n      Heads", ["Ada Example", "Bo Chen"], ["cs.LG", "cs.CL"],
          "2026-04-03T17:59:59Z"),
    entry("2603.04321v1", "Same name, other field", ["Ada Example"], ["hep-th"], "2026-03-01T10:00:00Z"),
    entry("2602.00001v1", "A collision", ["Ada Examples", "Cy Doe"], ["cs.AI"], "2026-02-01T10:00:00Z"),
    entry("2601.00002v3", "Accents on the name", ["ADA  EXÁMPLE"], ["stat.ML"], "2026-01-01T10:00:00Z"),
)


class FakeClock:
    """Monotonic time that only moves when something sleeps."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.t += seconds


def client(handler, clock: FakeClock | None = None, **kw) -> ArxivClient:
    clock = clock or FakeClock()
    kw.setdefault("max_wait", 0)
    return ArxivClient(ARXIV, http=httpx.Client(transport=httpx.MockTransport(handler)),
                       throttle=Throttle(3.0, clock=clock, sleep=clock.sleep), sleep=clock.sleep, **kw)


def serve(text: str = FEED, status: int = 200, seen: list | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, text=text, headers={"content-type": "application/atom+xml"})
    return handler


def test_query_asks_for_the_author_in_ml_categories_newest_first():
    seen: list[httpx.Request] = []
    client(serve(seen=seen)).search_author("Ada Example")
    params = seen[0].url.params
    assert seen[0].url.path == "/api/query"
    assert params["search_query"] == 'au:"Ada Example" AND (cat:cs.LG OR cat:cs.AI OR cat:cs.CL OR cat:cs.CV OR cat:stat.ML)'
    assert (params["sortBy"], params["sortOrder"], params["max_results"]) == ("submittedDate", "descending", "50")


def test_keeps_ml_papers_whose_author_list_holds_the_exact_name():
    papers = client(serve()).search_author("Ada Example")
    assert [p["id"] for p in papers] == ["2604.01234", "2601.00002"]
    first = papers[0]
    assert first["title"] == "Tiny Retrieval Heads"
    assert first["categories"] == ["cs.LG", "cs.CL"] and first["primary_category"] == "cs.LG"
    assert first["published"] == "2026-04-03" and first["url"] == "https://arxiv.org/abs/2604.01234"
    assert all(p["name_match"] is True for p in papers)


def test_fetch_profile_is_a_partial_snapshot():
    snap = client(serve()).fetch_profile("Ada Example")
    assert snap["arxiv_name"] == "Ada Example" and len(snap["signals"]["papers"]) == 2


def test_requests_are_spaced_three_seconds_apart():
    clock = FakeClock()
    starts: list[float] = []

    def handler(request):
        starts.append(clock())
        clock.t += 0.5  # the exchange itself takes half a second
        return httpx.Response(200, text=FEED)

    c = client(handler, clock)
    for _ in range(3):
        c.search_author("Ada Example")
    assert [round(b - a, 6) for a, b in zip(starts, starts[1:])] == [3.5, 3.5]
    assert clock.sleeps == [3.0, 3.0]


def test_retries_go_through_the_throttle_too():
    clock = FakeClock()
    starts: list[float] = []
    answers = [httpx.Response(503, text="busy"), httpx.Response(200, text=FEED)]

    def handler(request):
        starts.append(clock())
        return answers.pop(0)

    client(handler, clock, max_wait=5).search_author("Ada Example")
    assert len(starts) == 2 and starts[1] - starts[0] >= 3.0


def test_one_connection_at_a_time_across_threads():
    active = 0
    most = 0
    lock = threading.Lock()

    def handler(request):
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        time.sleep(0.02)
        with lock:
            active -= 1
        return httpx.Response(200, text=FEED)

    throttle = Throttle(0.0)
    clients = [ArxivClient(ARXIV, http=httpx.Client(transport=httpx.MockTransport(handler)), throttle=throttle)
               for _ in range(4)]
    threads = [threading.Thread(target=c.search_author, args=("Ada Example",)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1


def test_clients_share_one_throttle_per_host():
    a = ArxivClient("http://export.arxiv.org")
    b = ArxivClient("http://export.arxiv.org/")
    assert a.throttle is b.throttle is shared_throttle("http://export.arxiv.org")
    assert ArxivClient("http://other.test").throttle is not a.throttle


def test_rate_exceeded_text_and_error_entries_are_unavailable():
    with pytest.raises(SourceUnavailable, match="not an Atom feed"):
        client(serve("Rate exceeded.")).search_author("Ada Example")
    error_feed = feed().replace("</feed>", """<entry><id>http://arxiv.org/api/errors#incorrect_id_format</id>
      <title>Error</title><summary>incorrect id format</summary></entry></feed>""")
    with pytest.raises(SourceUnavailable, match="query error"):
        parse_feed(error_feed)


def test_5xx_and_timeouts_are_unavailable():
    with pytest.raises(SourceUnavailable, match="HTTP 503"):
        client(serve("down", status=503)).search_author("Ada Example")

    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(SourceUnavailable, match="timeout"):
        client(slow).search_author("Ada Example")


def test_quotes_in_a_name_cannot_break_the_query():
    assert build_query('Ada "x" Example', ("cs.LG",)) == 'au:"Ada x Example" AND (cat:cs.LG)'
