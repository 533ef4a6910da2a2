"""The domain's fixed vocabularies. Plain Python (no SQLAlchemy, no Qt) so every layer can use them.

Each enum value is the stable string stored in the database and used on the command line;
``label`` is the English sentence that front ends pass through gettext.
"""

from __future__ import annotations

from enum import StrEnum

from rallyorg.i18n import N_


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS[self]


class ServerRole(StrEnum):
    """What a login on a shared PostgreSQL server may do (``rallyorg server add-user --role``),
    strongest first: everything and the logins; all the coalition's data; their own partner
    group's people and the events; read the events and print flyers."""

    ADMIN = "admin"
    ORGANIZER = "organizer"
    PARTNER = "partner"
    VIEWER = "viewer"


class PartnerKind(LabelledEnum):
    FAITH = "faith"
    UNION = "union"
    COMMUNITY = "community"
    ADVOCACY = "advocacy"
    STUDENT = "student"
    LEGAL_AID = "legal_aid"
    HEALTH = "health"
    OTHER = "other"


class EventKind(LabelledEnum):
    RALLY = "rally"
    MARCH = "march"
    VIGIL = "vigil"
    MEETING = "meeting"
    TRAINING = "training"
    PRESS_CONFERENCE = "press_conference"
    OTHER = "other"


class EventStatus(LabelledEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    DONE = "done"


class PartnerRole(LabelledEnum):
    LEAD = "lead"
    CO_SPONSOR = "co_sponsor"
    ENDORSER = "endorser"
    MARSHALS = "marshals"
    INTERPRETATION = "interpretation"
    SOUND = "sound"
    OTHER = "other"


class Skill(LabelledEnum):
    MARSHAL = "marshal"
    INTERPRETER = "interpreter"
    MEDIC = "medic"
    DRIVER = "driver"
    SIGN_IN_DESK = "sign_in_desk"
    SOCIAL_MEDIA = "social_media"
    SETUP = "setup"
    OTHER = "other"


class SignUpStatus(LabelledEnum):
    SIGNED_UP = "signed_up"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"

    @property
    def holds_a_place(self) -> bool:
        """Whether this sign-up counts against the shift's capacity."""
        return self in (SignUpStatus.SIGNED_UP, SignUpStatus.CONFIRMED, SignUpStatus.ATTENDED)


class Language(LabelledEnum):
    """Languages rallyorg writes event texts and flyers in (gettext/Babel locale codes)."""

    EN = "en"
    ES = "es"
    PT_BR = "pt_BR"

    @property
    def native_name(self) -> str:
        return {"en": "English", "es": "Español", "pt_BR": "Português"}[self.value]

    @property
    def tag(self) -> str:
        """Short tag printed on flyers: EN / ES / PT."""
        return {"en": "EN", "es": "ES", "pt_BR": "PT"}[self.value]


_LABELS: dict[LabelledEnum, str] = {
    PartnerKind.FAITH: N_("Faith"),
    PartnerKind.UNION: N_("Union"),
    PartnerKind.COMMUNITY: N_("Community"),
    PartnerKind.ADVOCACY: N_("Advocacy"),
    PartnerKind.STUDENT: N_("Student"),
    PartnerKind.LEGAL_AID: N_("Legal aid"),
    PartnerKind.HEALTH: N_("Health"),
    PartnerKind.OTHER: N_("Other"),
    EventKind.RALLY: N_("Rally"),
    EventKind.MARCH: N_("March"),
    EventKind.VIGIL: N_("Vigil"),
    EventKind.MEETING: N_("Meeting"),
    EventKind.TRAINING: N_("Training"),
    EventKind.PRESS_CONFERENCE: N_("Press conference"),
    EventKind.OTHER: N_("Other"),
    EventStatus.DRAFT: N_("Draft"),
    EventStatus.CONFIRMED: N_("Confirmed"),
    EventStatus.CANCELLED: N_("Cancelled"),
    EventStatus.DONE: N_("Done"),
    PartnerRole.LEAD: N_("Lead"),
    PartnerRole.CO_SPONSOR: N_("Co-sponsor"),
    PartnerRole.ENDORSER: N_("Endorser"),
    PartnerRole.MARSHALS: N_("Provides marshals"),
    PartnerRole.INTERPRETATION: N_("Interpretation"),
    PartnerRole.SOUND: N_("Sound"),
    PartnerRole.OTHER: N_("Other"),
    Skill.MARSHAL: N_("Marshal"),
    Skill.INTERPRETER: N_("Interpreter"),
    Skill.MEDIC: N_("Medic"),
    Skill.DRIVER: N_("Driver"),
    Skill.SIGN_IN_DESK: N_("Sign-in desk"),
    Skill.SOCIAL_MEDIA: N_("Social media"),
    Skill.SETUP: N_("Setup"),
    Skill.OTHER: N_("Other"),
    SignUpStatus.SIGNED_UP: N_("Signed up"),
    SignUpStatus.CONFIRMED: N_("Confirmed"),
    SignUpStatus.WAITLISTED: N_("Waitlisted"),
    SignUpStatus.CANCELLED: N_("Cancelled"),
    SignUpStatus.ATTENDED: N_("Attended"),
    SignUpStatus.NO_SHOW: N_("No-show"),
    Language.EN: N_("English"),
    Language.ES: N_("Spanish"),
    Language.PT_BR: N_("Portuguese (Brazil)"),
}
