"""The coalition's flyer look (Settings ▸ Flyer look, ``rallyorg look``): stored in
``coalition_setting`` so everyone on the database prints with the same colours and font."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select

from rallyorg.db import Database
from rallyorg.domain.errors import ValidationError
from rallyorg.domain.font_families import FAMILIES
from rallyorg.domain.look import FlyerLook, parse_colour, validate_look
from rallyorg.models import CoalitionSetting

log = logging.getLogger(__name__)

ACCENT_KEY = "flyer.accent"
SECOND_KEY = "flyer.second"
FONT_KEY = "flyer.font"
_KEYS = (ACCENT_KEY, SECOND_KEY, FONT_KEY)


def get_look(db: Database) -> FlyerLook:
    """The stored look; rallyorg's default for whatever was never chosen, or for a value this
    version cannot use (a colour written by hand, a font family a later version added)."""
    with db.reading() as session:
        rows = session.execute(
            select(CoalitionSetting.key, CoalitionSetting.value).where(CoalitionSetting.key.in_(_KEYS))
        )
        stored = {key: value for key, value in rows}
    default = FlyerLook()
    return FlyerLook(
        accent=_colour(stored.get(ACCENT_KEY), default.accent),
        second=_colour(stored.get(SECOND_KEY), default.second),
        font=_font(stored.get(FONT_KEY), default.font),
    )


def save_look(db: Database, look: FlyerLook) -> FlyerLook:
    """Check the look (``ValidationError`` with the reason it is refused) and store it, in one
    transaction; returns it as stored (colours as ``#RRGGBB``)."""
    look = validate_look(look)
    with db.transaction() as session:
        for key, value in ((ACCENT_KEY, look.accent), (SECOND_KEY, look.second), (FONT_KEY, look.font)):
            session.merge(CoalitionSetting(key=key, value=value))
    return look


def reset_look(db: Database) -> FlyerLook:
    """Forget the chosen look: flyers use rallyorg's default one (and a later version's, if it
    ever changes). Returns it."""
    with db.transaction() as session:
        session.execute(delete(CoalitionSetting).where(CoalitionSetting.key.in_(_KEYS)))
    return FlyerLook()


def _colour(value: str | None, default: str) -> str:
    if value is None:
        return default
    try:
        return parse_colour(value)
    except ValidationError:
        log.warning("Stored flyer colour %r is not a colour; using %s", value, default)
        return default


def _font(value: str | None, default: str) -> str:
    if value is None:
        return default
    if value not in FAMILIES:
        log.warning("Stored flyer font %r is not a shipped family; using %s", value, default)
        return default
    return value
