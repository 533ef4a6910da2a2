"""Read-only questions about partner groups that screens need besides the lists themselves."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from rallyorg.db import Database
from rallyorg.domain.text import fold
from rallyorg.models import PartnerGroup


@dataclass(frozen=True)
class PartnerFilterChoices:
    """The cities and tags in use, for filter menus (sorted, accents and case ignored)."""

    cities: tuple[str, ...]
    tags: tuple[str, ...]


def filter_choices(db: Database) -> PartnerFilterChoices:
    with db.reading() as session:
        rows = session.execute(select(PartnerGroup.city, PartnerGroup.tags)).all()
    cities: dict[str, str] = {}
    tags: set[str] = set()
    for city, group_tags in rows:
        if city and city.strip():
            # "New Haven" and "new haven" are one choice; the first spelling seen is kept.
            cities.setdefault(fold(city), city.strip())
        tags.update(group_tags or ())
    return PartnerFilterChoices(
        cities=tuple(sorted(cities.values(), key=fold)),
        tags=tuple(sorted(tags, key=fold)),
    )
