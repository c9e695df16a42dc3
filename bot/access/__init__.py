"""bot.access."""
