"""Reply-intent rules behind scoring.intent, one module per step; import the public names from scoring.intent."""
