"""The service layer: one module per area. Every public function is one transaction, validates
its input (raising ``ValidationError`` naming the field) and returns plain data (frozen
dataclasses) that front ends can show without a live database session."""

from rallyorg.db import Database, open_database

__all__ = ["Database", "open_database"]
