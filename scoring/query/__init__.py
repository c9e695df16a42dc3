"""Reading what people type into filters: plain-English shortlist requests (pure, deterministic)."""

from scoring.query.shortlist import KEYS, ShortlistQuery, read_shortlist

__all__ = ["KEYS", "ShortlistQuery", "read_shortlist"]
