"""Daily digests: new candidates posted to a channel at its local morning, exactly once."""
