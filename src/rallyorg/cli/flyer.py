"""``rallyorg flyer``: bilingual flyers as PDF, for one event or every upcoming one.

    rallyorg flyer 12 --langs en,es --layout columns --paper letter -o rally.pdf
    rallyorg flyer --upcoming -o flyers/

Written PDF paths go to stdout (one per line, for scripts); progress and warnings to stderr.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rallyorg.cli.choices import (
    DEFAULT_FLYER_LAYOUT,
    FLYER_FORMATS,
    FLYER_LANGUAGES,
    FLYER_LAYOUTS,
    FLYER_PAPERS,
    PHONE_SIZES,
)
from rallyorg.cli.context import CliContext
from rallyorg.domain.enums import EventStatus
from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.i18n import N_, _

if TYPE_CHECKING:
    from rallyorg.domain.events import EventData, MissingText
    from rallyorg.flyers import FlyerOptions, FlyerResult

# rallyorg.flyers (ReportLab) and the event services are imported by the functions that
# render, not at the top: see cli/__init__.py. The parser's choices come from cli/choices.py.


class MissingTranslationError(RallyorgError):
    """A flyer language lacks a text; the command refuses unless ``--allow-missing``."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "flyer",
        help=_("print an event's bilingual flyer as PDF"),
        description=_(
            "Print an event's flyer as PDF in one or two languages, or one flyer for every "
            "upcoming event with --upcoming."
        ),
    )
    parser.add_argument(
        "event_id", nargs="?", type=int, metavar="EVENT_ID", help=_("the event's number (see: events list)")
    )
    parser.add_argument(
        "--upcoming",
        action="store_true",
        help=_("a flyer for every upcoming event, written into the folder given with -o"),
    )
    parser.add_argument(
        "--langs",
        default="en,es",
        metavar="LANGS",
        help=_("one or two languages, in order, from {choices} (default: en,es)").format(
            choices=", ".join(FLYER_LANGUAGES)
        ),
    )
    parser.add_argument(
        "--layout",
        choices=FLYER_LAYOUTS,
        default=DEFAULT_FLYER_LAYOUT,
        help=_(
            "side-by-side columns, stacked halves, a half-page handbill printed twice, a poster, "
            "a flyer with tear-off strips, or four quarter-page handouts"
        ),
    )
    parser.add_argument(
        "--paper",
        choices=FLYER_PAPERS,
        help=_("paper size (default: tabloid for a poster, letter otherwise)"),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="PATH",
        help=_("the PDF file to write; a folder with --upcoming"),
    )
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help=_("print even when a language lacks a text (the flyer leaves it out)"),
    )
    parser.add_argument(
        "--logo",
        type=Path,
        metavar="IMAGE",
        help=_("a logo for the footer (PNG, JPEG or SVG) instead of the lead group's own"),
    )
    parser.add_argument(
        "--format",
        choices=FLYER_FORMATS,
        default="pdf",
        help=_("a PDF to print, a PNG picture for phones (see --size), or text for a group chat"),
    )
    parser.add_argument(
        "--size",
        choices=PHONE_SIZES,
        default="square",
        help=_("the PNG's shape: square 1080×1080, story 1080×1920, post 1200×630 (default: square)"),
    )
    parser.add_argument(
        "--bleed",
        metavar="LENGTH",
        help=_("for a print shop: bleed around the page, with crop marks (3mm or 0.125in)"),
    )
    parser.set_defaults(handler=run)


def flyer_filename(event: EventData, options: FlyerOptions) -> str:
    """``2025-05-20-event-12-columns-en-es.pdf``: sorts by date, and says what is inside."""
    languages = "-".join(options.languages)
    return f"{event.starts_at:%Y-%m-%d}-event-{event.id}-{options.layout.value}-{languages}.pdf"


def describe_missing(missing: Sequence[MissingText]) -> str:
    """``"es: title, summary; pt_BR: call to action"``, field names in the interface language."""
    from rallyorg.flyers.report import FIELD_NAMES

    by_language: dict[str, list[str]] = {}
    for item in missing:
        by_language.setdefault(item.language, []).append(_(FIELD_NAMES.get(item.field, item.field)))
    return "; ".join(f"{language}: {', '.join(fields)}" for language, fields in by_language.items())


def _options(args: argparse.Namespace, context: CliContext) -> FlyerOptions:
    from rallyorg.flyers import FlyerOptions, Layout, Paper, default_paper, parse_languages
    from rallyorg.flyers.options import parse_bleed
    from rallyorg.services.look import get_look

    layout = Layout(args.layout)
    return FlyerOptions(
        languages=parse_languages(args.langs),
        layout=layout,
        paper=Paper(args.paper) if args.paper else default_paper(layout),
        logo=args.logo,
        look=get_look(context.db),
        bleed=parse_bleed(args.bleed) if args.bleed else 0.0,
    )


def _report(context: CliContext, result: FlyerResult, event: EventData) -> None:
    for warning in result.warnings:
        context.progress(
            _("warning: event {id}: {warning}").format(id=event.id, warning=warning.translated(_))
        )


def run(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.flyers import missing_translations, render_flyer, save_pdf
    from rallyorg.services import events as event_service
    from rallyorg.services.pictures import flyer_art

    if args.upcoming and args.event_id is not None:
        raise ValidationError("event_id", N_("Give either an event number or --upcoming, not both."))
    if not args.upcoming and args.event_id is None:
        raise ValidationError("event_id", N_("Give an event number, or --upcoming for every upcoming event."))
    options = _options(args, context)
    if args.upcoming:
        return run_upcoming(args, context, options)
    event = event_service.get_listed_event(context.db, args.event_id)
    missing = missing_translations(event, options.languages)
    if missing and not args.allow_missing:
        raise MissingTranslationError(
            N_("Event {id} lacks texts in a flyer language ({missing}). Add them, or use --allow-missing."),
            id=event.id,
            missing=describe_missing(missing),
        )
    path: Path = args.output
    if args.format != "pdf":
        return _write_other(args, context, event, options, path)
    if path.is_dir():
        path = path / flyer_filename(event, options)
    result = render_flyer(event, options, flyer_art(context.db, event.id))
    save_pdf(path, result.pdf)
    _report(context, result, event)
    context.print(str(path))
    return 0


def _write_other(
    args: argparse.Namespace, context: CliContext, event: EventData, options: FlyerOptions, path: Path
) -> int:
    """The PNG picture for phones, or the text for a group chat (``-o -``: printed)."""
    from rallyorg.domain.files import write_atomically
    from rallyorg.flyers import build_content
    from rallyorg.flyers.chat import chat_text
    from rallyorg.flyers.phone import parse_size, render_phone_content
    from rallyorg.services.pictures import flyer_art

    if args.bleed:
        raise ValidationError(
            "bleed", N_("Bleed is for a printed PDF, not for --format {format}."), format=args.format
        )
    content = build_content(event, options.languages)
    if args.format == "text":
        text = chat_text(content)
        if str(path) == "-":
            context.print(text.rstrip("\n"))
            return 0
        write_atomically(path, text.encode("utf-8"), private=False)
    else:
        if path.is_dir():
            path = path / flyer_filename(event, options).replace(".pdf", f"-{args.size}.png")
        phone = render_phone_content(
            content, parse_size(args.size), options.look, flyer_art(context.db, event.id)
        )
        write_atomically(path, phone.png, private=False)
        _report(context, phone.flyer, event)
    context.print(str(path))
    return 0


def run_upcoming(args: argparse.Namespace, context: CliContext, options: FlyerOptions) -> int:
    from rallyorg.flyers import missing_translations, render_flyer, save_pdf
    from rallyorg.services import events as event_service
    from rallyorg.services.pictures import flyer_art

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        raise ValidationError("output", N_("{path} is not a folder."), path=str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    found = event_service.list_events(context.db, upcoming_only=True)
    if not found:
        context.progress(_("No upcoming events."))
        return 0
    refused = 0
    for number, event in enumerate(found, start=1):
        step = f"[{number}/{len(found)}]"
        if event.status == EventStatus.CANCELLED:
            context.progress(_("{step} event {id}: cancelled, no flyer").format(step=step, id=event.id))
            continue
        missing = missing_translations(event, options.languages)
        if missing and not args.allow_missing:
            refused += 1
            context.progress(
                _("{step} event {id}: not made, texts missing ({missing})").format(
                    step=step, id=event.id, missing=describe_missing(missing)
                )
            )
            continue
        result = render_flyer(event, options, flyer_art(context.db, event.id))
        path = folder / flyer_filename(event, options)
        save_pdf(path, result.pdf)
        context.progress(_("{step} event {id}: {path}").format(step=step, id=event.id, path=path))
        _report(context, result, event)
        context.print(str(path))
    if refused:
        context.progress(
            _("{count} of {total} flyers not made: add the missing texts, or use --allow-missing.").format(
                count=refused, total=len(found)
            )
        )
        return 1
    return 0
