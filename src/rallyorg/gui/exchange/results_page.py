"""The import dialog's check and result steps: the accounting ("120 rows: 97 new, 12
updated, 6 duplicates skipped, 5 rejected") and every row that was not simply added, with
its line, the field at fault and the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rallyorg.gui.exchange.banner import Banner
from rallyorg.gui.exchange.labels import (
    accounting,
    extra_accounting,
    fate_label,
    notice_text,
    outcome_reason,
    reason_field,
)
from rallyorg.gui.exchange.table_model import Cell, Row, RowsModel, fit_columns, rows_table
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import scaled_font, section_label
from rallyorg.i18n import _, ngettext
from rallyorg.services.imports import ImportReport, RowFate, RowOutcome

# Rejected rows first (they need fixing), then duplicates and cancellations, then rows added
# with a warning.
_ORDER = {
    RowFate.REJECTED: 0,
    RowFate.DUPLICATE: 1,
    RowFate.CANCELLED: 2,
    RowFate.OPEN_SLOT: 3,
    RowFate.UPDATED: 4,
    RowFate.CREATED: 5,
}


class ResultsPage(QWidget):
    save_rejected = Signal()
    undo = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.report: ImportReport | None = None
        self._noted: dict[int, RowOutcome] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.summary = QLabel()
        self.summary.setFont(scaled_font(self.summary, 1.2, bold=True))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        layout.addWidget(self.extra)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        layout.addWidget(self.notices)
        self.rows_title = section_label(_("Rows to look at"))
        layout.addWidget(self.rows_title)
        self.model = RowsModel([_("Line"), _("Result"), _("Field"), _("Reason")])
        self.view = rows_table(self.model, _("Rows rejected, skipped or imported with a warning"))
        layout.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _old: self._show_detail(current.row())
        )
        layout.addWidget(self.detail)
        self.all_fine = QLabel(_("Every row can be imported as it is."))
        self.all_fine.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.all_fine, 1)
        actions = QHBoxLayout()
        self.save_button = QPushButton(icon("ph.floppy-disk"), _("Save rejected rows…"))
        self.save_button.setToolTip(
            _("Save the rejected rows as a CSV file with their line and reason, to fix and import again")
        )
        self.save_button.clicked.connect(self.save_rejected)
        self.undo_button = QPushButton(icon("ph.arrow-counter-clockwise"), _("Undo import…"))
        self.undo_button.setToolTip(_("Remove everything this import added and put back what it changed"))
        self.undo_button.clicked.connect(self.undo)
        actions.addWidget(self.save_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        if report.dry_run:
            self.banner.show_message(
                _("Checked. Nothing has been imported yet: press Import to add these rows."), "info"
            )
        else:
            self.banner.show_message(
                _(
                    "Imported {file}. You can undo this import here, from Edit ▸ Undo, or later from "
                    "File ▸ Import history."
                ).format(file=report.file_name),
                "done",
            )
        self.summary.setText(accounting(report, self.language))
        extra = extra_accounting(report, self.language)
        self.extra.setText(extra)
        self.extra.setVisible(bool(extra))
        notes = [notice_text(n) for n in report.notices]
        self.notices.setText("\n".join(notes))
        self.notices.setVisible(bool(notes))
        self._show_rows(report)
        self.save_button.setEnabled(report.rejected > 0)
        self.undo_button.setVisible(not report.dry_run)
        self.undo_button.setEnabled(not report.dry_run and report.batch_id is not None)

    def show_undone(self, text: str) -> None:
        self.banner.show_message(text, "info")
        self.undo_button.setEnabled(False)

    def _show_rows(self, report: ImportReport) -> None:
        skipped = (RowFate.REJECTED, RowFate.DUPLICATE, RowFate.CANCELLED, RowFate.OPEN_SLOT)
        noted = [o for o in report.outcomes if o.fate in skipped or o.warnings]
        noted.sort(key=lambda o: (_ORDER[o.fate], o.line))
        self.model.set_rows(
            [
                Row(
                    (
                        Cell(str(o.line), o.line, number=True),
                        Cell(fate_label(o.fate), _ORDER[o.fate]),
                        Cell(reason_field(report.kind, o)),
                        Cell(outcome_reason(o)),
                    ),
                    o.line,
                )
                for o in noted
            ]
        )
        self.rows_title.setText(
            ngettext("{n} row to look at", "{n} rows to look at", len(noted)).format(n=len(noted))
        )
        self.rows_title.setVisible(bool(noted))
        self.view.setVisible(bool(noted))
        self.all_fine.setVisible(not noted)
        self.all_fine.setText(
            _("Every row can be imported as it is.") if report.dry_run else _("Every row was imported.")
        )
        fit_columns(self.view, 260)
        self._noted = {o.line: o for o in noted}
        self.detail.setVisible(bool(noted))
        if noted:
            self.view.selectRow(0)
        self._show_detail(0 if noted else -1)

    def _show_detail(self, row: int) -> None:
        """The selected row's whole reason, which the table may have cut short."""
        outcome = self._noted.get(self.model.key_at(row)) if self.report is not None else None
        if outcome is None:
            self.detail.clear()
            return
        field = reason_field(self.report.kind, outcome) if self.report is not None else ""
        reason = outcome_reason(outcome)
        text = (
            _("Line {line}, {field}: {reason}").format(line=outcome.line, field=field, reason=reason)
            if field
            else _("Line {line}: {reason}").format(line=outcome.line, reason=reason)
        )
        self.detail.setText(text)
