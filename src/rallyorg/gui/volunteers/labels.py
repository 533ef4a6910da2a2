"""Words the Volunteers place shows for codes: language names, skills, consent."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rallyorg.domain.enums import Skill
from rallyorg.domain.languages import language_name
from rallyorg.i18n import _
from rallyorg.services.volunteers import Consent


def language_names(codes: Iterable[str], ui_language: str) -> str:
    return ", ".join(language_name(code, ui_language) for code in codes)


def parse_language_codes(text: str) -> tuple[str, ...]:
    """What someone types in the languages field ("es, EN; pt-br ht") as stored codes
    ("es", "en", "pt_BR", "ht"): language in lower case, region in upper case."""
    codes: list[str] = []
    for part in re.split(r"[\s,;/]+", text):
        if not part:
            continue
        language, _sep, region = part.replace("-", "_").partition("_")
        code = f"{language.lower()}_{region.upper()}" if region else language.lower()
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def skill_label(code: str) -> str:
    try:
        return _(Skill(code).label)
    except ValueError:
        return code


def skill_labels(codes: Iterable[str]) -> str:
    return ", ".join(skill_label(code) for code in codes)


def consent_filter_labels() -> list[tuple[str, Consent]]:
    """The consent filter's choices, in the order an organizer thinks of them."""
    return [
        (_("May email"), Consent.MAY_EMAIL),
        (_("May text"), Consent.MAY_TEXT),
        (_("May call"), Consent.MAY_CALL),
        (_("May share with partner groups"), Consent.MAY_SHARE),
        (_("Do not contact"), Consent.DO_NOT_CONTACT),
    ]


def consent_summary(
    *, may_email: bool, may_text: bool, may_call: bool, do_not_contact: bool, may_share: bool
) -> tuple[str, str]:
    """(short words for a table cell, full sentences for its tooltip)."""
    if do_not_contact:
        short = _("Do not contact")
        full = [_("Do not contact this person.")]
    else:
        # Translators: short consent words in the volunteer list, e.g. "Email · Text · Call"
        words = [w for w, ok in ((_("Email"), may_email), (_("Text"), may_text), (_("Call"), may_call)) if ok]
        full = [
            s
            for s, ok in (
                (_("May email."), may_email),
                (_("May text."), may_text),
                (_("May call."), may_call),
            )
            if ok
        ]
        short = " · ".join(words) if words else _("No consent")
        if not full:
            full = [_("No consent to email, text or call.")]
    if may_share:
        # Translators: added to the consent words when details may go to partner groups
        short = _("{consent} · Share").format(consent=short)
        full.append(_("May share details with partner groups."))
    return short, " ".join(full)
