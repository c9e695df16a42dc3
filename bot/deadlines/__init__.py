"""bot.deadlines."""
