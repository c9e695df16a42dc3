"""Public-data clients (GitHub, Hugging Face, arXiv) and the Enricher that merges their snapshots."""

from .arxiv import ArxivClient, Throttle
from .base import (
    MemoryResponseCache,
    NotFoundAtSource,
    RateLimitBook,
    ResponseCache,
    SourceError,
    SourceUnavailable,
)
from .enrich import Enricher, EnrichResult
from .github import PROFILE_QUERY, GitHubClient
from .huggingface import HuggingFaceClient

__all__ = [
    "ArxivClient",
    "EnrichResult",
    "Enricher",
    "GitHubClient",
    "HuggingFaceClient",
    "MemoryResponseCache",
    "NotFoundAtSource",
    "PROFILE_QUERY",
    "RateLimitBook",
    "ResponseCache",
    "SourceError",
    "SourceUnavailable",
    "Throttle",
]
