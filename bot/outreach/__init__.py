"""bot.outreach."""
