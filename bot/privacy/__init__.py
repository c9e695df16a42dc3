"""bot.privacy."""
