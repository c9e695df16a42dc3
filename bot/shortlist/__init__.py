"""Shortlists: a team's best candidates for a role by verified public work."""
