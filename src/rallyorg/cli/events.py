"""``rallyorg events list``, ``rallyorg events picture`` and ``rallyorg events tags``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rallyorg.cli.context import CliContext
from rallyorg.cli.partners import add_picture_arguments
from rallyorg.domain.enums import EventStatus
from rallyorg.i18n import N_, _, format_short_date, format_time, ui_language

if TYPE_CHECKING:
    from rallyorg.domain.events import EventData


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("events", help=_("rallies, marches, vigils and other events"))
    actions = parser.add_subparsers(dest="events_command", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=_("list events by date, earliest first (--upcoming: only those still ahead)")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    listing.add_argument("--search", default="", metavar="TEXT", help=_("words in the title"))
    listing.add_argument(
        "--status", choices=[s.value for s in EventStatus], help=_("only events in this state")
    )
    listing.add_argument("--upcoming", action="store_true", help=_("only events not yet over"))
    listing.set_defaults(handler=run_list)
    picture = actions.add_parser(
        "picture",
        help=_("give an event a photo or illustration for its poster and letter flyers, or remove it"),
    )
    picture.add_argument(
        "event_id", type=int, metavar="EVENT_ID", help=_("the event's number (see: events list)")
    )
    add_picture_arguments(picture)
    picture.set_defaults(handler=run_picture)
    tags = actions.add_parser(
        "tags",
        help=_("show an event's campaign tags, or set them (reports can cover one campaign: report --tag)"),
    )
    tags.add_argument(
        "event_id", type=int, metavar="EVENT_ID", help=_("the event's number (see: events list)")
    )
    tags.add_argument("tags", nargs="*", metavar="TAG", help=_("the tags to give it, in place of its tags"))
    tags.add_argument("--clear", action="store_true", help=_("remove every tag"))
    tags.set_defaults(handler=run_tags)


def event_json(event: EventData) -> dict[str, object]:
    return {
        "id": event.id,
        "kind": event.kind.value,
        "status": event.status.value,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "timezone": event.timezone,
        "venue": event.venue.name if event.venue else None,
        "address": event.venue.address if event.venue else None,
        "lead_group": event.lead_group_name or None,
        "expected_attendance": event.expected_attendance,
        "public_url": event.public_url or None,
        "tags": list(event.tags),
        "titles": {lang: text.title for lang, text in event.texts.items() if text.title},
        "missing_texts": [{"language": m.language, "field": m.field} for m in event.missing_texts()],
        "partners": [{"group": p.group_name, "role": p.role.value} for p in event.partners],
        "places": {"needed": event.places_needed, "filled": event.places_filled},
    }


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import events as event_service  # here, not at the top: see cli/__init__.py

    found = event_service.list_events(
        context.db,
        search=args.search,
        status=EventStatus(args.status) if args.status else None,
        upcoming_only=args.upcoming,
    )
    if args.json:
        context.print_json([event_json(e) for e in found])
        return 0
    language = ui_language()
    context.print_table(
        [_("ID"), _("Date"), _("Time"), _("Status"), _("Title"), _("Place"), _("Staffed")],
        [
            [
                e.id,
                format_short_date(e.starts_at, language),
                format_time(e.starts_at, language),
                _(e.status.label),
                e.title(language),
                e.venue.name if e.venue else "",
                f"{e.places_filled}/{e.places_needed}",
            ]
            for e in found
        ],
    )
    return 0


def run_picture(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.domain.pictures import read_picture_file
    from rallyorg.services import pictures

    picture = None if args.remove else read_picture_file(args.file, field="picture")
    pictures.save_event_picture(context.db, args.event_id, picture)
    if picture is None:
        context.print(_("Event {id} has no picture now.").format(id=args.event_id))
    else:
        context.print(
            _("Event {id} has the picture {file} ({width} × {height}).").format(
                id=args.event_id, file=picture.file_name, width=picture.width, height=picture.height
            )
        )
    return 0


def run_tags(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.domain.errors import ValidationError
    from rallyorg.services import events as event_service

    if args.clear and args.tags:
        raise ValidationError("tags", N_("Give tags, or --clear, not both."))
    event = event_service.get_event(context.db, args.event_id, people=False)
    if args.tags or args.clear:
        event = event_service.set_campaign_tags(context.db, event.id, tuple(args.tags), version=event.version)
    if event.tags:
        context.print(_("Event {id}'s campaign tags: {tags}").format(id=event.id, tags=", ".join(event.tags)))
    else:
        context.print(_("Event {id} has no campaign tags.").format(id=event.id))
    return 0
