"""Candidates: intake, import, enrichment from public sources, pipeline stages, cards."""
