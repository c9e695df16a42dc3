"""bot.candidates."""
