"""Hirebot: the Slack bot for teams hiring machine-learning engineers."""

__version__ = "0.1.0"
