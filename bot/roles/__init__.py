"""bot.roles."""
