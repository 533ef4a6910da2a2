"""A rally's form field by field, for the conflict dialog (gui/conflicts.py): the details, each
language's texts on their own (two people often edit different languages), and the partners
as one list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from rallyorg.domain.enums import Language, PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.venues import VenueData
from rallyorg.gui.conflicts import ConflictField, attribute, same_items, value_text
from rallyorg.i18n import _

TEXT_FIELDS = ("title", "headline", "summary", "call_to_action", "accessibility_note")


def stored_input(event: EventData) -> EventInput:
    """A stored rally as its editor's form gives it back."""
    return EventInput(
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        kind=event.kind,
        status=event.status,
        timezone=event.timezone,
        venue_id=event.venue.id if event.venue else None,
        expected_attendance=event.expected_attendance,
        public_url=event.public_url,
        texts={
            code: EventTextInput(t.title, t.summary, t.call_to_action, t.accessibility_note, t.headline)
            for code, t in event.texts.items()
        },
        partners=tuple(EventPartnerInput(p.group_id, p.role, p.commitment) for p in event.partners),
        tags=event.tags,
    )


def _text_field(language: Language, name: str, label: str) -> ConflictField[EventInput]:
    def get(data: EventInput) -> str:
        return str(getattr(data.texts.get(language.value) or EventTextInput(), name))

    def put(data: EventInput, value: Any) -> EventInput:
        text = replace(data.texts.get(language.value) or EventTextInput(), **{name: value})
        return replace(data, texts={**data.texts, language.value: text})

    # Translators: a rally's text in one language, e.g. "Title (Español)".
    return ConflictField(
        _("{field} ({language})").format(field=label, language=language.native_name), get, put
    )


def rally_fields(venues: list[VenueData], group_names: Mapping[int, str]) -> list[ConflictField[EventInput]]:
    def venue_text(venue_id: object) -> str:
        venue = next((v for v in venues if v.id == venue_id), None)
        return venue.name if venue else (_("No venue yet") if venue_id is None else str(venue_id))

    def attendance_text(value: object) -> str:
        return _("Not estimated") if value is None else value_text(value)

    def partners_text(value: object) -> str:
        rows: tuple[EventPartnerInput, ...] = value or ()  # type: ignore[assignment]
        return value_text(
            tuple(
                # Translators: one partner of a rally in the conflict dialog, e.g. "Unidad Latina (Lead)".
                _("{group} ({role})").format(
                    group=group_names.get(p.group_id, str(p.group_id)), role=_(PartnerRole(p.role).label)
                )
                for p in rows
            )
        )

    labels = {
        "title": _("Title"),
        "headline": _("Short headline"),
        "summary": _("Summary"),
        "call_to_action": _("Call to action"),
        "accessibility_note": _("Accessibility and interpretation"),
    }
    return [
        attribute("kind", _("Kind")),
        attribute("status", _("Status")),
        attribute("starts_at", _("Starts")),
        attribute("ends_at", _("Ends")),
        attribute("timezone", _("Time zone")),
        attribute("venue_id", _("Venue"), venue_text),
        attribute("expected_attendance", _("Expected attendance"), attendance_text),
        attribute("public_url", _("Public web page")),
        attribute("tags", _("Campaign tags"), same=same_items),
        *(_text_field(language, name, labels[name]) for language in Language for name in TEXT_FIELDS),
        attribute("partners", _("Partners"), partners_text, same_items),
    ]
