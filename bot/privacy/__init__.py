"""Personal data: forget, retention, uninstall erasure."""
