"""bot.shortlist."""
