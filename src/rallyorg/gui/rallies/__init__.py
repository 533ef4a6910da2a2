"""The rallies place."""
