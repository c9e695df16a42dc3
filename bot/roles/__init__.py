"""Roles and their scorecards, and the stored scores per candidate and role."""
