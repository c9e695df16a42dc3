"""Infrastructure every feature uses: settings, database, models, Slack client, rendering, delivery, clock."""
