"""Pictures kept in the database: a partner group's logo, an event's photo or illustration.

Plain data here; reading a file into a :class:`StoredPicture` (and refusing what is not a
picture) is :func:`read_picture`'s job, drawing one on a flyer is the flyers package's.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from rallyorg.domain.errors import ValidationError, os_reason
from rallyorg.i18n import N_

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


# --- reading a chosen file ------------------------------------------------------------------

#: The most a picture may weigh: a logo or a poster photo is well under this; more is a camera
#: original that would swell every backup and flyer.
MAX_BYTES = 5 * 1024 * 1024
#: The most pixels a PNG or JPEG may have on a side (a 17-inch poster at 300 dpi is 5100).
MAX_SIDE = 6000
#: An SVG's viewBox smaller than this on its longer side is scaled up in the stored size, so
#: that its shape survives whole numbers (a viewBox of 0 0 1.5 1 is 1000 × 667, not 2 × 1).
_SVG_MIN_SIDE = 100
_SVG_SCALED_SIDE = 1000
_SVG_TAG = "http://www.w3.org/2000/svg svg"  # expat's name for <svg> in the SVG namespace
# CSS pixels per unit, for an SVG sized in absolute units and without a viewBox.
_SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z%]*)\s*$")

_NOT_A_PICTURE = N_("{file} is not a picture rallyorg can use: choose a PNG, JPEG or SVG file.")


def read_picture_file(path: Path, *, field: str = "picture") -> StoredPicture:
    """The picture in the file at ``path`` (see :func:`read_picture`); a file that cannot be
    read is refused with the reason, one too big without reading more than the limit."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ValidationError(
            field,
            N_("{path} cannot be read: {reason}"),
            path=str(path),
            reason=os_reason(error, writing=False),
        ) from error
    if len(data) > MAX_BYTES:
        raise _too_heavy(field, path.name, max(size, len(data)))
    return read_picture(data, path.name, field=field)


def read_picture(data: bytes, file_name: str, *, field: str = "picture") -> StoredPicture:
    """``data`` as a :class:`StoredPicture`, if it is a PNG, JPEG or SVG picture of a sensible
    size; else a ValidationError for ``field`` that names ``file_name``.

    The kind comes from the bytes, not from the file's name. A PNG or JPEG is decoded whole,
    so a damaged file is refused here rather than on a flyer. An SVG is read with the
    standard library's XML parser and refused if it declares entities (what "billion laughs"
    and external-entity attacks need); a plain ``<!DOCTYPE svg PUBLIC …>`` line, as
    Illustrator writes, is allowed: nothing fetches or expands it.
    """
    name = Path(file_name).name
    if len(data) > MAX_BYTES:
        raise _too_heavy(field, name, len(data))
    kind = looks_like(data)
    if kind == PNG:
        return _raster(data, name, field, PNG, "PNG")
    if kind == JPEG:
        return _raster(data, name, field, JPEG, "JPEG")
    if kind == SVG:
        return _svg(data, name, field)
    raise ValidationError(field, _NOT_A_PICTURE, file=name)


def looks_like(data: bytes) -> str | None:
    """The media type ``data`` starts like (PNG, JPEG or SVG), or None: a first glance at the
    bytes, not a check that the rest is sound (:func:`read_picture` does that)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data[:65536]:
        return SVG
    return None


def _too_heavy(field: str, name: str, size: int) -> ValidationError:
    return ValidationError(
        field,
        N_("{file} is too big ({size} MB): a picture may have at most {limit} MB."),
        file=name,
        size=f"{size / (1024 * 1024):.1f}",
        limit=MAX_BYTES // (1024 * 1024),
    )


def _damaged(field: str, name: str) -> ValidationError:
    return ValidationError(
        field, N_("{file} cannot be read: the picture is damaged or incomplete."), file=name
    )


def _raster(data: bytes, name: str, field: str, media_type: str, pillow_format: str) -> StoredPicture:
    # Pillow is imported here: reading a picture is rare, and it costs ~40 ms to load.
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            width, height = image.size
            if max(width, height) > MAX_SIDE:
                raise ValidationError(
                    field,
                    N_(
                        "{file} is too large ({width} × {height} pixels): a picture may have "
                        "at most {limit} pixels on a side."
                    ),
                    file=name,
                    width=width,
                    height=height,
                    limit=MAX_SIDE,
                )
            image.load()  # every pixel: a truncated or damaged file fails here, not on a flyer
            if pillow_format == "JPEG" and image.getexif():
                data, width, height = _upright_without_metadata(image)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:  # a side of tens of thousands of pixels
        raise ValidationError(
            field,
            N_("{file} is too large: a picture may have at most {limit} pixels on a side."),
            file=name,
            limit=MAX_SIDE,
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _damaged(field, name) from error
    if width < 1 or height < 1:
        raise _damaged(field, name)
    return StoredPicture(media_type, width, height, data, name)


def _upright_without_metadata(image: Any) -> tuple[bytes, int, int]:
    """A phone's JPEG turned the way its camera says it was held, and without its EXIF block:
    a flyer embeds a JPEG's bytes as they are, and that block may hold where the photo was
    taken (GPS) and the phone's serial number — nothing to hand out on a thousand flyers.
    Re-encoded at quality 95, which no print shows."""
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    icc = image.info.get("icc_profile")
    upright.save(buffer, format="JPEG", quality=95, **({"icc_profile": icc} if icc else {}))
    return buffer.getvalue(), upright.width, upright.height


class _Refused(Exception):
    """What the SVG reader stops at: entity declarations or external entities."""


def _svg(data: bytes, name: str, field: str) -> StoredPicture:
    root: dict[str, str] = {}
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(_name: str, _system: str | None, _public: str | None, internal_subset: int) -> None:
        if internal_subset:  # where entities are declared: refused before they are read
            raise _Refused

    def entity(*_args: object) -> None:
        raise _Refused

    def external(*_args: object) -> int:
        raise _Refused

    def start(tag: str, attributes: dict[str, str]) -> None:
        if not root:
            root.update(attributes, __tag__=tag)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Refused as error:
        raise ValidationError(
            field,
            N_("{file} cannot be used: the SVG declares XML entities, which rallyorg does not read."),
            file=name,
        ) from error
    except expat.ExpatError as error:
        raise _damaged(field, name) from error
    if root.pop("__tag__", "") not in (_SVG_TAG, "svg"):  # "svg": a hand-written file without xmlns
        raise ValidationError(field, _NOT_A_PICTURE, file=name)
    size = _svg_size(root)
    if size is None:
        raise ValidationError(
            field,
            N_("{file} cannot be used: the SVG has no size (a viewBox, or a width and height)."),
            file=name,
        )
    width, height = size
    longer = max(width, height)
    if longer < _SVG_MIN_SIDE:
        width, height = width * _SVG_SCALED_SIDE / longer, height * _SVG_SCALED_SIDE / longer
    return StoredPicture(SVG, max(1, round(width)), max(1, round(height)), data, name)


def _svg_size(attributes: dict[str, str]) -> tuple[float, float] | None:
    """The viewBox's width and height, else the width and height attributes in CSS pixels."""
    box = re.split(r"[\s,]+", attributes.get("viewBox", "").strip())
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            pass
        else:
            if _usable(width) and _usable(height):
                return width, height
    given = _length(attributes.get("width", "")), _length(attributes.get("height", ""))
    return (given[0], given[1]) if given[0] is not None and given[1] is not None else None


def _length(text: str) -> float | None:
    match = _LENGTH.match(text)
    if match is None or match.group(2) not in _SVG_UNITS:  # "100%", "10em": no size of its own
        return None
    value = float(match.group(1)) * _SVG_UNITS[match.group(2)]
    return value if _usable(value) else None


def _usable(value: float) -> bool:
    return math.isfinite(value) and 0 < value < 1e7
