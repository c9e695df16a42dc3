"""Hugging Face Hub client: a person's models, most downloaded first, in one request.

`expand[]` replaces the default fields of /api/models (only `id` and the listed properties
come back), so EXPAND lists every field the snapshot needs. A 429 carries the IETF draft
headers `RateLimit: "api";r=0;t=55` and `RateLimit-Policy: "fixed window";"api";q=1000;w=300`
(hub-docs, rate-limits.md); `t` is the wait until the window resets.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Mapping

import httpx

from .base import HttpSource, NotFoundAtSource, parse_retry_after, token_fingerprint

DEFAULT_API_URL = "https://huggingface.co"
SOURCE = "huggingface"

EXPAND = ("downloads", "downloadsAllTime", "likes", "pipeline_tag", "library_name", "cardData",
          "createdAt", "lastModified")

_USER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
_RATELIMIT_T = re.compile(r"(?:^|;)\s*t=(\d+)")
_RATELIMIT_R = re.compile(r"(?:^|;)\s*r=(\d+)")


def normalize_username(username: str) -> str:
    """A Hub user or org name from input ('@ada', 'huggingface.co/ada'); raise if impossible."""
    text = (username or "").strip().lstrip("@").rstrip("/")
    if "huggingface.co/" in text:
        text = text.split("huggingface.co/", 1)[1].split("/", 1)[0]
    if not _USER_RE.match(text):
        raise NotFoundAtSource(SOURCE, username, "is not a valid Hugging Face name")
    return text


def model_entry(item: Mapping[str, Any]) -> dict:
    """One snapshot hf_models entry from an /api/models item (expanded fields)."""
    card = item.get("cardData")
    all_time = item.get("downloadsAllTime")
    entry = {
        "id": item["id"],
        # All-time downloads when the Hub gives them (stable); the 30-day count is kept beside it.
        "downloads": int(all_time if all_time is not None else item.get("downloads") or 0),
        "downloads_30d": int(item.get("downloads") or 0),
        "likes": int(item.get("likes") or 0),
        # cardData is the model card's YAML metadata: present when the card says something.
        "has_card": bool(card),
        "pipeline_tag": item.get("pipeline_tag"),
    }
    if item.get("library_name"):
        entry["library"] = item["library_name"]
    if item.get("createdAt"):
        entry["created_at"] = str(item["createdAt"])[:10]
    return entry


class HuggingFaceClient(HttpSource):
    """Lists a Hub user's public models with downloads, likes and model-card presence."""

    source = SOURCE
    default_bucket = "api"

    def __init__(self, base_url: str = DEFAULT_API_URL, token: str | None = None, http=None, cache=None,
                 **kwargs: Any):
        super().__init__(base_url, token=token, http=http, cache=cache, **kwargs)
        self._cache_prefix = f"hf:{token_fingerprint(token)}:"

    def _record_limits(self, bucket: str, headers: httpx.Headers) -> None:
        value = headers.get("ratelimit")
        if not value:
            return
        remaining = _RATELIMIT_R.search(value)
        reset = _RATELIMIT_T.search(value)
        self.limits.record(bucket, remaining=int(remaining.group(1)) if remaining else None,
                           reset_at=(self._now() + timedelta(seconds=int(reset.group(1)))) if reset else None)

    def _rate_limit_wait(self, resp: httpx.Response, bucket: str) -> float | None:
        after = parse_retry_after(resp.headers.get("retry-after"), self._now())
        if after is not None:
            return after
        match = _RATELIMIT_T.search(resp.headers.get("ratelimit") or "")
        if match:
            return float(match.group(1))
        return 60.0 if resp.status_code == 429 else None

    def list_models(self, author: str) -> list[dict]:
        """The author's public models (up to 100, by downloads) as snapshot hf_models entries."""
        author = normalize_username(author)
        params = [("author", author), ("sort", "downloads"), ("direction", "-1"), ("limit", "100")]
        params += [("expand[]", f) for f in EXPAND]
        # The other parameters are constants of this module; the key stays short (a DB column).
        key = f"{self._cache_prefix}{self.base_url}/api/models?author={author}&expand={','.join(EXPAND)}"
        body = self._send("GET", "/api/models", params=params, cache_key=key).body
        return [model_entry(m) for m in body or () if isinstance(m, Mapping) and m.get("id")]

    def fetch_profile(self, username: str) -> dict:
        """A partial snapshot: {'huggingface': name, 'signals': {'hf_models': [...], 'skills': [...]}}."""
        username = normalize_username(username)
        models = self.list_models(username)
        skills: list[str] = []
        for m in models:
            lib = str(m.get("library") or "").lower()
            if lib and lib not in skills:
                skills.append(lib)
        return {"huggingface": username, "signals": {"hf_models": models, "skills": skills}}
