"""The checkin place."""
