"""The quick reading of plain email addresses and US phone numbers gives exactly what
email_validator and phonenumbers give, for valid and invalid input alike."""

from __future__ import annotations

import email_validator
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rallyorg.domain import validation as v
from rallyorg.domain.control_chars import clean_text
from rallyorg.domain.errors import ValidationError


def as_typed(text: str) -> str:
    """What rallyorg checks: the field without control characters and outer spaces (as
    validation._text does for every field, before either way of checking)."""
    return clean_text(text).strip()


def library_email(text: str) -> str | None:
    text = as_typed(text)
    if not text:
        return ""
    try:
        return str(email_validator.validate_email(text, check_deliverability=False).normalized)
    except email_validator.EmailNotValidError:
        return None


def library_phone(text: str, region: str = "US") -> str | None:
    text = as_typed(text)
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def ours(check, text: str) -> str | None:  # type: ignore[no-untyped-def]
    try:
        return str(check("field", text))
    except ValidationError:
        return None


ATEXT = "abcxyzABCXYZ0129!#$%&'*+/=?^_`{|}~-"
local_parts = st.one_of(
    st.text(alphabet=ATEXT + ".", min_size=0, max_size=70),
    st.text(alphabet=ATEXT + '."@ \\()<>,;:[]é\t', min_size=1, max_size=12),
    st.sampled_from(["maria.gonzalez", "j.o.s.e", ".lead", "trail.", "two..dots", "a" * 64, "a" * 65]),
)
DOMAINS = [
    "gmail.com", "GMail.COM", "example.org", "iglesia-san-jose.org", "localhost", "test",
    "x.invalid", "-bad.com", "bad-.com", "a..com", "münchen.de", "xn--mnchen-3ya.de",
    "sub.domain.example.co.uk", "1.2.3.4", "[127.0.0.1]", "example.com.", "ex_ample.com",
    "a" * 63 + ".com", "a" * 64 + ".com", ("b" * 60 + ".") * 3 + "com", "",
]  # fmt: skip
domains = st.one_of(
    st.sampled_from(DOMAINS),
    st.text(alphabet="abc-.9XÉ_", min_size=0, max_size=20),
)


@settings(max_examples=1500, deadline=None, derandomize=True)  # the same cases in every run
@given(local=local_parts, domain=domains)
def test_email_answers_are_the_libraries(local: str, domain: str) -> None:
    text = f"{local}@{domain}"
    assert ours(v.normalise_email, text) == library_email(text)


@pytest.mark.parametrize(
    "text",
    ["maria@gmail.com", "Maria.Gonzalez@GMail.COM", "a" * 64 + "@x.org", "a" * 65 + "@x.org",
     "no-at-sign", "@example.org", "two@@example.org", '"quoted"@example.org', "x@" + "b" * 250 + ".com"],
)  # fmt: skip
def test_email_examples(text: str) -> None:
    assert ours(v.normalise_email, text) == library_email(text)


separators = st.sampled_from(["", " ", "-", ".", "  ", "/", "--"])
digits = st.text(alphabet="0123456789", min_size=0, max_size=5)


@st.composite
def written_phones(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["", "1", "+1", "+1 ", "1 ", "1-", "+", "+44 ", "011 ", "(1)"]))
    area = draw(st.one_of(st.text(alphabet="0123456789", min_size=3, max_size=3), digits))
    area = draw(st.sampled_from([area, f"({area})", f"({area}) ", f"({area}", f"{area})"]))
    return (
        prefix
        + area
        + draw(separators)
        + draw(st.one_of(st.text(alphabet="0123456789", min_size=3, max_size=3), digits))
        + draw(separators)
        + draw(st.one_of(st.text(alphabet="0123456789", min_size=4, max_size=4), digits))
        + draw(st.sampled_from(["", " ", " x12", "#", "0"]))
    )


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(text=written_phones())
def test_phone_answers_are_the_libraries(text: str) -> None:
    assert ours(v.normalise_phone, text) == library_phone(text)


@pytest.mark.parametrize(
    "text",
    ["(203) 555-0123", "203.555.0123", "+1 203 555 0123", "1-203-555-0123", "12035550123",
     "(203)555-0123", "(123) 555-0123", "(203) 155-0123", "(800) 555-0123", "(416) 555-0123",
     "(787) 555-0123", "(999) 555-0123", "203 555 0123 x12", "+55 11 91234-5678"],
)  # fmt: skip
def test_phone_examples(text: str) -> None:
    assert ours(v.normalise_phone, text) == library_phone(text)
