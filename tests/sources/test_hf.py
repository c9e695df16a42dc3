"""HuggingFaceClient against an httpx.MockTransport serving /api/models in the Hub's shape."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest

from bot.sources.base import MemoryResponseCache, NotFoundAtSource, SourceUnavailable
from bot.sources.huggingface import EXPAND, HuggingFaceClient

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
HF = "https://hf.test"

# With expand[], the Hub returns `_id`, `id` and only the listed properties (hub-docs api.md).
MODELS = [
    {"_id": "66a0c0ffee0000000000001", "id": "ada-ex/tiny-rag", "downloads": 1200, "downloadsAllTime": 12000,
     "likes": 35, "pipeline_tag": "text-generation", "library_name": "transformers",
     "createdAt": "2026-03-02T10:11:12.000Z", "lastModified": "2026-10-02T10:11:12.000Z",
     "cardData": {"license": "apache-2.0", "language": ["en"], "tags": ["rag"], "base_model": "Qwen/Qwen2.5-0.5B"}},
    {"_id": "66a0c0ffee0000000000002", "id": "ada-ex/lora-scratch", "downloads": 3, "downloadsAllTime": 40,
     "likes": 0, "library_name": "peft", "createdAt": "2026-05-02T10:11:12.000Z",
     "lastModified": "2026-05-02T10:11:12.000Z"},
]


class Hub:
    """A fake Hub: records requests, serves MODELS with an ETag, can be told to fail."""

    def __init__(self, models=MODELS):
        self.models = models
        self.requests: list[httpx.Request] = []
        self.fail: list[httpx.Response | Exception] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.fail:
            item = self.fail.pop(0)
            if isinstance(item, Exception):
                raise item
            return item
        if request.url.path != "/api/models":
            return httpx.Response(404, json={"error": "Not Found"})
        author = request.url.params.get("author")
        body = [m for m in self.models if m["id"].split("/")[0] == author]
        etag = f'W/"{len(body)}-{author}"'
        if request.headers.get("if-none-match") == etag:
            return httpx.Response(304, headers={"etag": etag})
        return httpx.Response(200, json=body, headers={
            "etag": etag, "ratelimit": '"api";r=997;t=240',
            "ratelimit-policy": '"fixed window";"api";q=1000;w=300'})


def rate_limited(t: int) -> httpx.Response:
    return httpx.Response(429, headers={"ratelimit": f'"api";r=0;t={t}',
                                        "ratelimit-policy": '"fixed window";"api";q=500;w=300'},
                          json={"error": "You have exceeded our hourly quotas for action: api"})


def client(hub: Hub, **kw) -> HuggingFaceClient:
    kw.setdefault("max_wait", 0)
    kw.setdefault("now", lambda: NOW)
    kw.setdefault("sleep", lambda s: None)
    return HuggingFaceClient(HF, http=httpx.Client(transport=httpx.MockTransport(hub)), **kw)


def test_one_request_lists_models_with_the_expanded_fields_it_needs():
    hub = Hub()
    models = client(hub, token="hf_secret").list_models("ada-ex")
    assert len(hub.requests) == 1
    req = hub.requests[0]
    assert req.url.path == "/api/models"
    assert req.url.params["author"] == "ada-ex" and req.url.params["sort"] == "downloads"
    assert req.url.params["limit"] == "100"
    # expand[] replaces the default fields, so every field the snapshot reads is listed.
    assert req.url.params.get_list("expand[]") == list(EXPAND)
    assert {"downloads", "downloadsAllTime", "likes", "pipeline_tag", "cardData"} <= set(EXPAND)
    assert req.headers["authorization"] == "Bearer hf_secret"
    assert models[0] == {"id": "ada-ex/tiny-rag", "downloads": 12000, "downloads_30d": 1200, "likes": 35,
                         "has_card": True, "pipeline_tag": "text-generation", "library": "transformers",
                         "created_at": "2026-03-02"}
    assert models[1]["has_card"] is False and models[1]["pipeline_tag"] is None


def test_fetch_profile_is_a_partial_snapshot_with_library_skills():
    snap = client(Hub()).fetch_profile("https://huggingface.co/ada-ex")
    assert snap["huggingface"] == "ada-ex"
    assert [m["id"] for m in snap["signals"]["hf_models"]] == ["ada-ex/tiny-rag", "ada-ex/lora-scratch"]
    assert snap["signals"]["skills"] == ["transformers", "peft"]


def test_unknown_author_has_no_models():
    assert client(Hub()).list_models("nobody") == []


def test_invalid_name_is_not_found_without_a_request():
    hub = Hub()
    with pytest.raises(NotFoundAtSource):
        client(hub).list_models("no spaces allowed")
    assert hub.requests == []


def test_second_call_is_served_from_cache_by_304():
    hub = Hub()
    c = client(hub, cache=MemoryResponseCache())
    assert c.list_models("ada-ex") == c.list_models("ada-ex")
    assert hub.requests[1].headers["if-none-match"] == 'W/"2-ada-ex"'


def test_429_with_ratelimit_header_beyond_max_wait_is_unavailable_until_reset():
    hub = Hub()
    hub.fail.append(rate_limited(55))
    with pytest.raises(SourceUnavailable) as info:
        client(hub).list_models("ada-ex")
    assert info.value.retry_at == NOW + timedelta(seconds=55)
    assert len(hub.requests) == 1


def test_429_with_short_reset_waits_and_retries():
    hub = Hub()
    hub.fail.append(rate_limited(2))
    waits: list[float] = []
    models = client(hub, max_wait=10, sleep=waits.append).list_models("ada-ex")
    assert waits == [2.0] and len(models) == 2 and len(hub.requests) == 2


def test_spent_window_skips_the_next_call():
    hub = Hub()
    hub.fail.append(rate_limited(120))
    c = client(hub)
    with pytest.raises(SourceUnavailable):
        c.list_models("ada-ex")
    with pytest.raises(SourceUnavailable):
        c.list_models("someone")
    assert len(hub.requests) == 1


def test_timeout_and_5xx_are_unavailable():
    hub = Hub()
    hub.fail += [httpx.ReadTimeout("slow"), httpx.ReadTimeout("slow")]
    with pytest.raises(SourceUnavailable, match="timeout"):
        client(hub).list_models("ada-ex")
    hub.fail += [httpx.Response(500), httpx.Response(500)]
    with pytest.raises(SourceUnavailable, match="HTTP 500"):
        client(hub).list_models("ada-ex")
