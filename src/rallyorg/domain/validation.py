"""Field validation and normalisation shared by the services (one way to report errors)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable
from functools import cache, lru_cache
from urllib.parse import urlsplit

from rallyorg.domain.control_chars import clean_text
from rallyorg.domain.dates import EARLIEST_YEAR, LATEST_YEAR, in_year_range
from rallyorg.domain.enums import Language
from rallyorg.domain.errors import ValidationError
from rallyorg.i18n import N_

DEFAULT_PHONE_REGION = "US"


def _text(value: str | None, *, multiline: bool = False) -> str:
    """What every text field gets first: control characters and escape sequences removed
    (see ``control_chars``), outer whitespace stripped."""
    return clean_text(value or "", multiline=multiline).strip()


def required_text(field: str, value: str | None, *, max_length: int = 200, multiline: bool = False) -> str:
    text = _text(value, multiline=multiline)
    if not text:
        raise ValidationError(field, N_("This field is required."))
    return limited_text(field, text, max_length=max_length, multiline=multiline)


def limited_text(field: str, value: str | None, *, max_length: int = 200, multiline: bool = False) -> str:
    """Cleaned text of at most ``max_length`` characters; line breaks and tabs are kept only
    in a ``multiline`` field (notes, summaries), elsewhere they become spaces."""
    text = _text(value, multiline=multiline)
    if len(text) > max_length:
        raise ValidationError(field, N_("Too long: at most {limit} characters."), limit=max_length)
    return text


_WEB_SCHEMES = ("http", "https")
_NOT_A_WEB_ADDRESS = N_("Not a web address: {value}. Write it in full, e.g. https://example.org/rally")


def web_address(field: str, value: str | None, *, max_length: int = 500) -> str:
    """An http(s) address naming a site, or "" when none is given.

    Refused rather than cleaned when it holds spaces, line breaks or control characters: the
    address goes into calendars (where a line break starts a new property) and QR codes.
    """
    text = (value or "").strip()
    if not text:
        return ""
    if any(char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in text):
        raise ValidationError(
            field, N_("A web address cannot contain spaces, line breaks or control characters.")
        )
    if len(text) > max_length:
        raise ValidationError(field, N_("Too long: at most {limit} characters."), limit=max_length)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        raise ValidationError(field, _NOT_A_WEB_ADDRESS, value=text) from None
    if parts.scheme.lower() not in _WEB_SCHEMES:
        raise ValidationError(field, N_("A web address starts with https://"))
    if not parts.hostname:
        raise ValidationError(field, _NOT_A_WEB_ADDRESS, value=text)
    return text


def normalise_email(field: str, value: str | None) -> str:
    """A syntactically valid, normalised email address, or "" when none is given."""
    text = _text(value)
    if not text:
        return ""
    plain = _plain_email(text)
    if plain:
        return plain
    import email_validator  # here, not on top: it costs a command that reads no email 40 ms

    try:
        result = email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        raise ValidationError(field, N_("Not a valid email address: {value}"), value=text) from error
    return str(result.normalized)


# A local part of plain ASCII words joined by dots (RFC 5322 "dot-atom"): email_validator
# keeps it as written, so such an address is valid exactly when its domain is, and
# normalises to the local part, "@" and the domain's normal form. The domain is checked by
# email_validator once per import, not once per person: 100,000 addresses took 2.1 s.
_PLAIN_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LONGEST_LOCAL_PART = 64
_LONGEST_ADDRESS = 254


def _plain_email(text: str) -> str:
    """The normalised address when ``text`` is a plain address with a valid domain; "" when
    it needs the full check (and then gets it: "" never means invalid)."""
    local, at, domain = text.rpartition("@")
    if not at or len(local) > _LONGEST_LOCAL_PART or not _PLAIN_LOCAL_PART.fullmatch(local):
        return ""
    normal_domain = _checked_domain(domain)
    if not normal_domain or len(local) + 1 + len(normal_domain) > _LONGEST_ADDRESS:
        return ""
    return f"{local}@{normal_domain}"


@lru_cache(maxsize=4096)
def _checked_domain(domain: str) -> str:
    import email_validator

    try:
        return str(email_validator.validate_email(f"a@{domain}", check_deliverability=False).domain)
    except email_validator.EmailNotValidError:
        return ""


def normalise_phone(field: str, value: str | None, region: str = DEFAULT_PHONE_REGION) -> str:
    """The phone number in E.164 ("+12035550123"), or "" when none is given."""
    text = _text(value)
    if not text:
        return ""
    if region == DEFAULT_PHONE_REGION:
        plain = _plain_north_american(text)
        if plain:
            return plain
    import phonenumbers  # here, not on top: see normalise_email

    _keep_phone_patterns()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(field, N_("Not a valid phone number: {value}"), value=text) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, N_("Not a valid phone number: {value}"), value=text)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


# Ten digits as people in the US write them, "(203) 555-0123", "203.555.0123", "+1 203 555
# 0123", "1-203-555-0123": phonenumbers reads each as +1 and those ten digits. Read here, the
# number skips phonenumbers.parse, and its check asks the US metadata first (the US is the
# first region phonenumbers tries for +1, so a number valid there is valid): 100,000 phones
# took 2.6 s. Anything else (other countries, extensions, letters) takes the full way.
_PLAIN_NORTH_AMERICAN = re.compile(
    r"(?:\+?1[ .-]?)?(?:\(([2-9][0-9]{2})\) ?|([2-9][0-9]{2})[ .-]?)([0-9]{3})[ .-]?([0-9]{4})"
)


def _plain_north_american(text: str) -> str:
    """ "+1" and the ten digits when ``text`` is a plain US number phonenumbers finds valid;
    "" when it needs the full check."""
    written = _PLAIN_NORTH_AMERICAN.fullmatch(text)
    if not written:
        return ""
    import phonenumbers

    _keep_phone_patterns()
    in_parentheses, bare, exchange, line = written.groups()
    digits = f"{in_parentheses or bare}{exchange}{line}"
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(digits))
    return f"+1{digits}" if phonenumbers.is_valid_number_for_region(number, DEFAULT_PHONE_REGION) else ""


@cache
def _keep_phone_patterns() -> None:
    """phonenumbers looks up each of its metadata's patterns in re's own cache every time a
    number is checked (a dozen per number); from the first check on, it keeps them itself
    (its enable_pattern_cache): 100,000 phones 0.25 s sooner. A phonenumbers without that
    switch goes on as before."""
    import phonenumbers

    keep = getattr(phonenumbers, "enable_pattern_cache", None)
    if keep is not None:
        keep()


# A ten-digit North American number, which phonenumbers writes "(203) 555-0123" (its one
# national format for ten digits starting 2-9; checked against it in tests/exchange/
# test_export_streaming.py). Written directly: an export of 100,000 people spent 1.6 s in
# phonenumbers.parse and format_number.
_NORTH_AMERICAN = re.compile(r"\+1([2-9][0-9]{2})([0-9]{3})([0-9]{4})")


def format_phone(e164: str) -> str:
    """A stored E.164 number written for people: "(203) 555-0123" or "+55 11 91234-5678"."""
    if not e164:
        return ""
    north_american = _NORTH_AMERICAN.fullmatch(e164)
    if north_american:
        area, exchange, line = north_american.groups()
        return f"({area}) {exchange}-{line}"
    import phonenumbers  # here, not on top: see normalise_email

    try:
        number = phonenumbers.parse(e164, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, style))


def language_code(field: str, value: str) -> str:
    try:
        return Language(value).value
    except ValueError as error:
        raise ValidationError(
            field, N_("Unknown language {value}: use en, es or pt_BR."), value=value
        ) from error


def canonical_language(code: str) -> str:
    """One spelling per language, matching the app's own codes where it has them: "pt",
    "pt-BR" and "pt_br" are all "pt_BR" (so a shift needing Portuguese finds every speaker),
    "es-MX" is "es", "EN" is "en"; other codes (ht, ar, zh…) are kept in lowercase."""
    text = code.strip().replace("-", "_")
    base = text.split("_")[0].lower()
    if base == "pt":
        return "pt_BR"
    if base in ("en", "es"):
        return base
    return text.lower()


def language_codes(field: str, values: list[str] | tuple[str, ...]) -> list[str]:
    """Languages a person speaks, canonical (see ``canonical_language``) and de-duplicated."""
    return list(_language_codes(field, tuple(values)))


# An import asks about the same few lists of languages for every row: 1.1 µs -> 0.2 µs a row.
@lru_cache(maxsize=1024)
def _language_codes(field: str, values: tuple[str, ...]) -> tuple[str, ...]:
    codes: list[str] = []
    for value in (_text(item) for item in values):
        if not value:
            continue
        if "," in value or len(value.strip()) > 10:
            raise ValidationError(field, N_("Not a language code: {value}"), value=value)
        code = canonical_language(value)
        if code not in codes:
            codes.append(code)
    return tuple(codes)


MAX_CAMPAIGN_TAGS = 10


def campaign_tags(field: str, values: Iterable[str]) -> list[str]:
    """An event's campaign tags ("TRUST Act 2027"): trimmed, spaces collapsed, the same tag
    written twice ("census 2030", "Census 2030") kept once, as first written."""
    tags: dict[str, str] = {}
    for value in values:
        tag = " ".join(_text(value).split())
        if not tag:
            continue
        if "," in tag:
            raise ValidationError(field, N_("A campaign tag cannot hold a comma: {value}"), value=tag)
        if len(tag) > 60:
            raise ValidationError(field, N_("Too long: at most {limit} characters."), limit=60)
        tags.setdefault(tag.casefold(), tag)
    if len(tags) > MAX_CAMPAIGN_TAGS:
        raise ValidationError(field, N_("At most {limit} campaign tags."), limit=MAX_CAMPAIGN_TAGS)
    return sorted(tags.values())  # as the CodeList column stores them


def time_zone(field: str, value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    # A zone *folder* such as "America" raises IsADirectoryError (an OSError), not NotFound.
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ValidationError(
            field, N_("Unknown time zone {value}, e.g. America/New_York."), value=value
        ) from error
    return value


def non_negative(field: str, value: int | None) -> int | None:
    if value is not None and value < 0:
        raise ValidationError(field, N_("Must be zero or more."))
    return value


def moment(field: str, value: dt.datetime) -> dt.datetime:
    """A date and time with its time zone, in a year a plan can be for (no "3202")."""
    if value.tzinfo is None:
        raise ValidationError(field, N_("A date and time with a time zone is required."))
    if not in_year_range(value.date()):
        raise ValidationError(
            field,
            N_("The year must be between {first} and {last}."),
            first=str(EARLIEST_YEAR),
            last=str(LATEST_YEAR),
        )
    return value
