"""Notifications people keep on: per-kind preferences, quiet hours, summaries, and new work from known candidates."""
