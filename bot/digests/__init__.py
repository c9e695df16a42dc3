"""bot.digests."""
