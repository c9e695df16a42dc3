"""bot.salary."""
