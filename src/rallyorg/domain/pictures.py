"""Pictures kept in the database: a partner group's logo, an event's photo or illustration.

Plain data here; reading a file into a :class:`StoredPicture` (and refusing what is not a
picture) is :func:`read_picture`'s job, drawing one on a flyer is the flyers package's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PNG = "image/png"
JPEG = "image/jpeg"
SVG = "image/svg+xml"
MEDIA_TYPES = (PNG, JPEG, SVG)


@dataclass(frozen=True)
class StoredPicture:
    """A picture's bytes as chosen (PNG, JPEG or SVG) and its size in pixels (SVG: its
    viewBox), so a layout knows its shape without decoding it."""

    media_type: str
    width: int
    height: int
    data: bytes = field(repr=False)
    file_name: str = ""

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / max(self.height, 1)


@dataclass(frozen=True)
class FlyerArt:
    """The pictures one event's flyer may print: the event's own, and its groups' logos by
    group id (groups without a logo are absent)."""

    picture: StoredPicture | None = None
    logos: Mapping[int, StoredPicture] = field(default_factory=dict)
