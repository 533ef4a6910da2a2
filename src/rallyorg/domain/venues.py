"""Venues as plain records: what a form gives (VenueInput) and what services return (VenueData)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VenueInput:
    name: str
    street: str = ""
    city: str = ""
    state: str = "CT"
    postal_code: str = ""
    accessibility_notes: str = ""


@dataclass(frozen=True)
class VenueData:
    id: int
    name: str
    street: str
    city: str
    state: str
    postal_code: str
    accessibility_notes: str
    version: int

    @property
    def address(self) -> str:
        """One line: "1 Main St, Danbury, CT 06810"."""
        region = " ".join(part for part in (self.state, self.postal_code) if part)
        return ", ".join(part for part in (self.street, self.city, region) if part)
