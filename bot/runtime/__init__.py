"""The composition root: app factory, clock jobs table, CLI, web server, console, local Slack."""
