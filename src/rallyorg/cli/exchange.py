"""``rallyorg import …``: volunteers, partner groups and sign-ups in from CSV (exports are in
``cli/exports.py``).

rallyorg import volunteers|partners|signups FILE [--event ID] [--dry-run]
                [--on-duplicate skip|update] [--column FIELD=HEADER] [--rejected FILE]
                [--encoding utf-8|utf-16|cp1252|latin-1|mac-roman]
                [--phone-region CC]
rallyorg import history | undo BATCH_ID [--force]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rallyorg.cli.choices import DEFAULT_ON_DUPLICATE, DEFAULT_PHONE_REGION, ON_DUPLICATE
from rallyorg.cli.context import CliContext
from rallyorg.domain.errors import ValidationError
from rallyorg.exchange.columns import FIELDS, IGNORE, ImportKind, apply_overrides
from rallyorg.exchange.encodings import ENCODING_OPTIONS, option_for
from rallyorg.exchange.errors import AmbiguousEncodingError, ImportFileError
from rallyorg.i18n import N_, _, format_datetime, ngettext, pgettext, ui_language

if TYPE_CHECKING:
    from rallyorg.exchange.rows import Notice
    from rallyorg.services.imports import ImportReport

# The import services (SQLAlchemy, clevercsv, phonenumbers) are imported by the functions
# that run an import, not at the top: see cli/__init__.py. The column, encoding and error
# modules above are plain data the parser needs; the other choices come from cli/choices.py.

# Progress lines on stderr for big files only, and not too often.
_PROGRESS_MIN_ROWS = 5_000
_PROGRESS_STEP = 5_000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_import(subparsers)


def _region(text: str) -> str:
    """A two-letter country code that phonenumbers knows (argparse says so when it is not)."""
    import phonenumbers  # only when --phone-region is given (or its default parsed): see cli/__init__.py

    region = text.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise argparse.ArgumentTypeError(
            _("not a country code phone numbers know: {value}").format(value=text)
        )
    return region


def _register_import(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("import", help=_("import volunteers, partner groups or sign-ups from CSV"))
    actions = parser.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    helps = {
        ImportKind.VOLUNTEERS: _("volunteers from a CSV file (sign-up sheets, Google Forms, Mobilize…)"),
        ImportKind.PARTNERS: _("partner groups and their contacts from a CSV file"),
        ImportKind.SIGNUPS: _("sign-ups for an event's shifts from a CSV file (needs --event)"),
    }
    for kind, text in helps.items():
        action = actions.add_parser(kind.value, help=text)
        action.add_argument(
            "file", metavar="FILE", help=_("the CSV file (UTF-8, UTF-16, Windows-1252 or Mac Roman)")
        )
        action.add_argument(
            "--event", type=int, metavar="ID", help=_("the event whose shifts people signed up for")
        )
        action.add_argument(
            "--dry-run", action="store_true", help=_("check everything and report, but write nothing")
        )
        action.add_argument(
            "--on-duplicate",
            choices=ON_DUPLICATE,
            default=DEFAULT_ON_DUPLICATE,
            help=_("what to do with people already in rallyorg (default: skip)"),
        )
        action.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help=_(
                "read FIELD from the column HEADER; ignore=HEADER leaves a column out. Fields: {fields}"
            ).format(fields=", ".join(spec.name for spec in FIELDS[kind])),
        )
        action.add_argument(
            "--rejected",
            metavar="FILE",
            help=_("where to save rejected rows (default: FILE.rejected.csv beside it)"),
        )
        action.add_argument(
            "--encoding",
            choices=ENCODING_OPTIONS,
            metavar="ENC",
            help=_(
                "how the file's letters are written: utf-8, utf-16, cp1252 (Windows), latin-1 or "
                "mac-roman (default: found from the file; asked for when it reads two ways)"
            ),
        )
        action.add_argument(
            "--phone-region",
            default=DEFAULT_PHONE_REGION,
            metavar="CC",
            type=_region,
            help=_(
                "the country of phone numbers written without +country code, e.g. US or BR "
                "(default: US; rows and files in Portuguese try BR first)"
            ),
        )
        action.set_defaults(handler=run_import, kind=kind.value)
    history = actions.add_parser("history", help=_("list earlier imports"))
    history.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    history.set_defaults(handler=run_history)
    undo = actions.add_parser("undo", help=_("undo an import as a whole"))
    undo.add_argument(
        "batch", type=int, metavar="BATCH_ID", help=_("the import's number (see: import history)")
    )
    undo.add_argument("--force", action="store_true", help=_("undo even if its records were edited since"))
    undo.set_defaults(handler=run_undo)


# --- import ---------------------------------------------------------------------------------------------


def _overrides(pairs: list[str]) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for pair in pairs:
        field, sep, header = pair.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise ValidationError("column", N_("Write --column as FIELD=HEADER, e.g. phone=Celular."))
        overrides[field.strip()] = header.strip()
    return overrides


def _notice(notice: Notice) -> str:
    return notice.text(_)


def _say_which_encoding(file: str, error: AmbiguousEncodingError) -> ImportFileError:
    """The refusal of a file whose letters read two ways, with the option that settles it."""
    first, second = error.readings[0], error.readings[1]
    return ImportFileError(
        N_(
            "{file} could be read two ways, and rallyorg will not guess: line {line} reads "
            "“{first}” as {first_encoding} but “{second}” as {second_encoding}. Say which is right "
            "with --encoding {first_option} or --encoding {second_option} (or save the file again "
            "as CSV UTF-8)."
        ),
        line=first.line,
        file=file,
        first=first.example,
        first_encoding=first.name,
        first_option=option_for(first.encoding),
        second=second.example,
        second_encoding=second.name,
        second_option=option_for(second.encoding),
    )


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.exchange.csv_reading import DELIMITER_NAMES, ENCODING_NAMES
    from rallyorg.services import imports as import_service
    from rallyorg.services.imports import OnDuplicate

    kind = ImportKind(args.kind)
    try:
        preview = import_service.preview_import(args.file, kind, encoding=args.encoding)
    except AmbiguousEncodingError as error:
        raise _say_which_encoding(args.file, error) from error
    mapping = preview.mapping
    overrides = _overrides(args.column)
    if overrides:
        unknown = [f for f in overrides if f != IGNORE and f not in {spec.name for spec in FIELDS[kind]}]
        if unknown:
            raise ValidationError(
                "column",
                N_("Unknown field {name}; the fields are: {fields}"),
                name=unknown[0],
                fields=", ".join(spec.name for spec in FIELDS[kind]),
            )
        mapping = apply_overrides(mapping, overrides)
    context.print(
        _("Read {file}: {encoding}, {delimiter}-separated, {count} rows.").format(
            file=args.file,
            encoding=ENCODING_NAMES.get(preview.encoding, preview.encoding),
            delimiter=_(DELIMITER_NAMES[preview.delimiter]),
            count=preview.row_count,
        )
    )
    labels = {spec.name: _(spec.label) for spec in FIELDS[kind]}
    context.print(
        _("Columns: {columns}").format(
            columns="; ".join(
                f"{header} → {labels[field] if field else _('(not imported)')}"
                for header, field in zip(mapping.headers, mapping.fields, strict=True)
            )
        )
    )
    next_step = [0]

    def progress(done: int, total: int) -> None:
        if total >= _PROGRESS_MIN_ROWS and done >= next_step[0] and done < total:
            context.progress(_("{done} of {total} rows…").format(done=done, total=total))
            next_step[0] = done + _PROGRESS_STEP

    report = import_service.run_import(
        context.db,
        args.file,
        kind,
        mapping=mapping,
        encoding=args.encoding,
        on_duplicate=OnDuplicate(args.on_duplicate),
        event_id=args.event,
        dry_run=args.dry_run,
        rejected_path=args.rejected,
        progress=progress,
        translate=_,
        phone_region=args.phone_region,
    )
    _print_report(context, report)
    return 0


def _print_report(context: CliContext, report: ImportReport) -> None:
    from rallyorg.services.imports import RowFate

    fate_labels = {
        RowFate.CREATED: N_("added"),
        RowFate.UPDATED: N_("updated"),
        RowFate.DUPLICATE: N_("duplicate, skipped"),
        RowFate.REJECTED: N_("rejected"),
        RowFate.CANCELLED: N_("skipped: cancelled in the source"),
        RowFate.OPEN_SLOT: N_("skipped: an open slot"),
    }
    for notice in report.notices:
        context.print(_("Note: {text}").format(text=_notice(notice)))
    labels = {spec.name: _(spec.label) for spec in FIELDS[report.kind]}
    for outcome in report.outcomes:
        texts = []
        if outcome.reason is not None:
            reason = _notice(outcome.reason)
            field = outcome.reason.field
            texts.append(reason if field == "row" else f"{labels.get(field, field)}: {reason}")
        texts.extend(_notice(w) for w in outcome.warnings)
        if outcome.fate not in (RowFate.CREATED, RowFate.UPDATED) or texts:
            context.print(
                _("Line {line}: {fate}. {reason}")
                .format(line=outcome.line, fate=_(fate_labels[outcome.fate]), reason=" ".join(texts))
                .rstrip()
            )
    accounting = _(
        "{rows} rows in file = {created} added + {updated} updated + {skipped} duplicates skipped "
        "+ {rejected} rejected."
    ).format(
        rows=report.rows_in_file,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        rejected=report.rejected,
    )
    # Sign-up files also hold rows that are nobody's sign-up; said only when there are some.
    if report.cancelled:
        accounting = (
            accounting.removesuffix(".")
            + " "
            + _("+ {n} cancelled in the source.").format(n=report.cancelled)
        )
    if report.open_slots:
        accounting = accounting.removesuffix(".") + " " + _("+ {n} open slots.").format(n=report.open_slots)
    context.print(accounting)
    extras = []
    if report.groups_created or report.groups_updated:
        extras.append(
            _("Partner groups: {created} new, {updated} updated.").format(
                created=report.groups_created, updated=report.groups_updated
            )
        )
    if report.kind == ImportKind.SIGNUPS:
        extras.append(
            _("New volunteers: {people}. On a waitlist because the shift is full: {waitlisted}.").format(
                people=report.volunteers_created, waitlisted=report.waitlisted
            )
        )
    for line in extras:
        context.print(line)
    if report.dry_run:
        context.print(_("Dry run: nothing was written."))
        return
    if report.rejected_file is not None:
        context.print(
            _("Rejected rows saved to {file}, with their line and reason.").format(file=report.rejected_file)
        )
    context.print(_("Saved as import {id}. To undo it: rallyorg import undo {id}").format(id=report.batch_id))


def run_history(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import imports as import_service

    batches = import_service.list_imports(context.db)
    if args.json:
        context.print_json(
            [
                {
                    "id": b.id,
                    "created_at": b.created_at.isoformat(),
                    "kind": b.kind.value,
                    "file": b.file_name,
                    "encoding": b.encoding,
                    "event_id": b.event_id,
                    "on_duplicate": b.on_duplicate.value,
                    "rows": b.rows_in_file,
                    "created": b.created,
                    "updated": b.updated,
                    "skipped": b.skipped,
                    "rejected": b.rejected,
                    "undone_at": b.undone_at.isoformat() if b.undone_at else None,
                }
                for b in batches
            ]
        )
        return 0
    language = ui_language()
    counts = [
        pgettext("number of rows", "Added"),
        pgettext("number of rows", "Updated"),
        pgettext("number of rows", "Skipped"),
        pgettext("number of rows", "Rejected"),
    ]
    headers = [_("ID"), _("When"), _("What"), _("File"), _("Rows"), *counts]
    context.print_table(
        [*headers, _("Undone")],
        [
            [
                b.id,
                format_datetime(b.created_at, language),
                b.kind.value,
                b.file_name,
                b.rows_in_file,
                b.created,
                b.updated,
                b.skipped,
                b.rejected,
                format_datetime(b.undone_at, language) if b.undone_at else "",
            ]
            for b in batches
        ],
    )
    return 0


def run_undo(args: argparse.Namespace, context: CliContext) -> int:
    from rallyorg.services import imports as import_service

    result = import_service.undo_import(context.db, args.batch, force=args.force)
    context.print(
        _("Undid import {id}: removed {deleted} records, restored {restored}.").format(
            id=result.batch_id, deleted=result.deleted, restored=result.restored
        )
    )
    if result.already_gone:
        context.print(
            ngettext(
                "{count} record had already been deleted.",
                "{count} records had already been deleted.",
                result.already_gone,
            ).format(count=result.already_gone)
        )
    return 0
