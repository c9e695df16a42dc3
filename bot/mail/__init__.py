"""Outreach by email: mailboxes, sending reviewed steps, catching replies and bounces over IMAP."""
