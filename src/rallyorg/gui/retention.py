"""Settings ▸ Your data ▸ Retention: an optional rule that forgets volunteers nobody has heard
from in N months (services/retention.py). Nothing is forgotten behind anyone's back: "Review…"
lists who the rule would forget, and they are forgotten only when the user says so."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.forget import drop_undo
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _, format_short_date, ngettext
from rallyorg.services import retention
from rallyorg.services.forget import ForgetReport
from rallyorg.services.retention import InactiveVolunteer

_ENABLED = "privacy/retention_enabled"
_MONTHS = "privacy/inactive_months"
DEFAULT_MONTHS = 24


class RetentionDialog(QDialog):
    """Who the rule would forget; "Forget them" forgets them, then says what was done."""

    def __init__(
        self, context: GuiContext, months: int, found: list[InactiveVolunteer], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.months = context, months
        self.report: ForgetReport | None = None
        self.setWindowTitle(_("Forget inactive volunteers"))
        layout = QVBoxLayout(self)
        self.text = QLabel(
            ngettext(
                "{count} volunteer has had no sign-up, walk-in or edit in {months} months. Forgetting "
                "removes them from rallyorg and its backups for good; it cannot be undone.",
                "{count} volunteers have had no sign-up, walk-in or edit in {months} months. Forgetting "
                "removes them from rallyorg and its backups for good; it cannot be undone.",
                len(found),
            ).format(count=len(found), months=months)
        )
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.table = QTableWidget(len(found), 2)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Last active")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        language = context.language
        for row, person in enumerate(found):
            self.table.setItem(row, 0, QTableWidgetItem(person.name))
            when = format_short_date(person.last_active.astimezone(), language)
            self.table.setItem(row, 1, QTableWidgetItem(when))
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.forget_button = QPushButton(
            icon("ph.eraser"),
            ngettext("Forget {count} volunteer", "Forget {count} volunteers", len(found)).format(
                count=len(found)
            ),
        )
        self.forget_button.setAutoDefault(False)
        self.buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter must never forget anyone
        cancel.clicked.connect(self.reject)
        self.forget_button.clicked.connect(self.forget_now)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def forget_now(self) -> None:
        self.buttons.setEnabled(False)
        try:
            report = self.context.call(retention.forget_inactive, self.months)
        except RallyorgError as error:
            show_error(self, error)
            self.reject()
            return
        self.report = report
        drop_undo(self.context)
        self.table.hide()
        count = len(report.record_ids)
        lines = [
            ngettext("{count} volunteer was forgotten.", "{count} volunteers were forgotten.", count).format(
                count=count
            ),
            *report.describe(),
        ]
        self.text.setText("\n".join(f"• {line}" for line in lines))
        self.buttons.clear()
        self.buttons.setEnabled(True)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.clicked.connect(self.accept)


class RetentionPanel(QWidget):
    """The rule's switch, its number of months and "Review…"."""

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.enabled = QCheckBox(_("Forget volunteers inactive for"))
        self.months = QSpinBox()
        self.months.setRange(1, retention.MAX_MONTHS)
        # "1 month", "24 months": the word follows the number (in every language's plural rule).
        self.months.valueChanged.connect(
            lambda n: self.months.setSuffix(" " + ngettext("month", "months", n))
        )
        self.months.setAccessibleName(_("Months without a sign-up, walk-in or edit"))
        settings = context.settings
        self.months.setValue(int(str(settings.value(_MONTHS, DEFAULT_MONTHS))))
        self.months.setSuffix(" " + ngettext("month", "months", self.months.value()))
        self.enabled.setChecked(str(settings.value(_ENABLED, "false")).lower() == "true")
        self.review = QPushButton(icon("ph.eraser"), _("Review…"))
        self.review.clicked.connect(self.review_now)
        row.addWidget(self.enabled)
        row.addWidget(self.months)
        row.addWidget(self.review)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = hint_label(
            _(
                "Inactive means no sign-up, walk-in or edit. Review lists who the rule would forget; "
                "nobody is forgotten until you confirm. Their past sign-ups stay as anonymous counts."
            )
        )
        layout.addWidget(self.status)
        self.enabled.toggled.connect(self._changed)
        self.months.valueChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        self.context.settings.setValue(_ENABLED, "true" if self.enabled.isChecked() else "false")
        self.context.settings.setValue(_MONTHS, self.months.value())
        self.months.setEnabled(self.enabled.isChecked())
        self.review.setEnabled(self.enabled.isChecked())

    def review_now(self) -> ForgetReport | None:
        """List who the rule would forget; the report when the user had them forgotten."""
        months = self.months.value()
        try:
            found = self.context.call(retention.inactive_volunteers, months)
        except RallyorgError as error:
            show_error(self, error)
            return None
        if not found:
            self.context.say(_("No volunteer has been inactive for {months} months.").format(months=months))
            return None
        dialog = RetentionDialog(self.context, months, found, self)
        dialog.exec()
        report = dialog.report
        dialog.deleteLater()
        if report is not None and report.record_ids:
            forgotten = Change.of(Record.VOLUNTEERS | Record.SIGNUPS, Op.DELETED, *report.record_ids)
            self.context.data_changed(forgotten)
        return report
