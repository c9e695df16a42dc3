"""The hiring clock: stage deadlines, overdue nudges and escalations."""
