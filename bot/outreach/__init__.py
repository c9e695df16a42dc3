"""Outreach sequences: enrolment, follow-up nudges with drafts, reply intents."""
