"""Salary benchmarks: market figures with sources, the team's offers beside them, a range chart."""
