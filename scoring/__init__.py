"""Pure domain logic for Hirebot: no Slack, database, HTTP or template imports here."""
