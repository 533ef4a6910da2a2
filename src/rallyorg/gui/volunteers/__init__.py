"""The volunteers place."""
