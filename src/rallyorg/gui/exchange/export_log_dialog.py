"""File ▸ Export log: every export (when, what, format, how many rows, which columns, which
options). The log holds no personal data and no file paths, so neither does this dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QStackedWidget, QVBoxLayout, QWidget

from rallyorg.domain.enums import Language
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.labels import export_format_name, export_kind_name
from rallyorg.gui.exchange.table_model import Cell, Row, RowsModel, fit_columns, rows_table
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _, format_datetime, format_number
from rallyorg.services import exports as export_service


def options_text(options: dict[str, Any]) -> str:
    """The options an export was made with, in words ("only people who agreed to be shared")."""
    parts = []
    if options.get("shared_only"):
        parts.append(_("only people who agreed to be shared"))
    if options.get("redacted"):
        parts.append(_("redacted"))
    if options.get("event_id") is not None:
        parts.append(_("event {id}").format(id=options["event_id"]))
    elif "event_id" in options and "language" in options:
        parts.append(_("all upcoming events"))
    if options.get("include_drafts"):
        parts.append(_("drafts included"))
    language = options.get("language")
    if language:
        try:
            parts.append(_("titles in {language}").format(language=Language(language).native_name))
        except ValueError:
            parts.append(str(language))
    if options.get("vcard_version"):
        parts.append(_("vCard {version}").format(version=options["vcard_version"]))
    if options.get("walk_in_rows"):
        parts.append(_("{n} blank rows").format(n=options["walk_in_rows"]))
    return ", ".join(parts)


class ExportLogDialog(QDialog):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Export log"))
        self.setMinimumSize(720, 400)
        self.resize(1000, 500)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Export log"), 1.25))
        intro = QLabel(
            _(
                "Every export, newest first: what left the app, when, and how many rows. "
                "Never who: the log keeps no names and no file locations."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = RowsModel([_("When"), _("What"), _("Format"), _("Rows"), _("Options"), _("Columns")])
        self.view = rows_table(self.model, _("Exports"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(
            EmptyState(_("Nothing has been exported yet. Exports are made from File ▸ Export."), [])
        )
        layout.addWidget(self.stack, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        language = self.context.language
        records = self.context.call(export_service.list_exports)
        rows = []
        for record in records:
            local = record.created_at.astimezone()
            columns = ", ".join(record.columns)
            options = options_text(record.options)
            rows.append(
                Row(
                    (
                        Cell(format_datetime(local, language), local),
                        Cell(export_kind_name(record.kind)),
                        Cell(export_format_name(record.format)),
                        Cell(format_number(record.row_count, language), record.row_count, number=True),
                        Cell(options or "—", tooltip=options or _("No options: the usual export")),
                        Cell(columns),
                    ),
                    record.id,
                )
            )
        self.model.set_rows(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        fit_columns(self.view, 300)
