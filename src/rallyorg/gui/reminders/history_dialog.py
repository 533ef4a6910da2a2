"""History…: every reminder sent, tried or handed to a texting tool for one rally, newest
first — when, to whom, for which shift, how, in which language, and what came of it (a
failure with the server's reason). The messages themselves are not kept, nor any address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.events import EventData
from rallyorg.domain.reminders import Channel
from rallyorg.gui.context import GuiContext
from rallyorg.gui.reminders.templates_dialog import language_words
from rallyorg.gui.widgets.style import hint_label
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _, format_datetime
from rallyorg.services import reminders
from rallyorg.services.reminders import HANDED_OVER, ReminderRecord

COLUMNS = 6


def result_words(record: ReminderRecord) -> str:
    if record.status == "sent":
        return _("Sent")
    if record.status == HANDED_OVER:
        # Translators: a text reminder saved in the CSV for a texting tool (rallyorg does not send it).
        return _("Given to the texting tool")
    return _("Failed: {reason}").format(reason=record.error) if record.error else _("Failed")


class ReminderHistoryDialog(QDialog):
    def __init__(self, context: GuiContext, rally: EventData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = context.language
        self.setWindowTitle(_("Reminders sent — {rally}").format(rally=rally.title(language)))
        layout = QVBoxLayout(self)
        records = context.call(reminders.reminder_history, rally.id)
        shifts = {shift.id: shift.role for shift in rally.shifts}
        self.table = QTableWidget(len(records), COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Volunteer"), _("Shift"), _("By"), _("Language"), _("Result")]
        )
        read_only_table(self.table, _("Reminders sent"))
        for row, record in enumerate(records):
            texts = (
                format_datetime(record.sent_at.astimezone(), language),
                record.name,
                shifts.get(record.shift_id, "") if record.shift_id is not None else _("Every shift"),
                _("Email") if record.channel == Channel.EMAIL.value else _("Text message"),
                language_words(record.language),
                result_words(record),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(_("No reminders yet for this rally."))
        self.empty.setVisible(not records)
        self.table.setVisible(bool(records))
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint_label(_("Only who, when and how is kept: never the message or an address.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def shown_rows(self) -> list[list[str]]:
        return [[self.table.item(r, c).text() for c in range(COLUMNS)] for r in range(self.table.rowCount())]
