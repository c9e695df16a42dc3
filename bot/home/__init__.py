"""App Home: a reader's due follow-ups, the stages past the hiring clock, pipeline counts per role."""
