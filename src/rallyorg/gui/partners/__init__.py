"""The partners place."""
