"""One export dialog for the five kinds of file: the options the command line has (format,
shared-only, redacted, which event, which language), a word on whose data leaves the app,
then a save-file dialog with a sensible name and the export in the background."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.exchange.banner import Banner
from rallyorg.gui.exchange.event_combo import EventCombo
from rallyorg.gui.exchange.export_kinds import SPECS, ExportChoice, ExportSpec, default_file_name
from rallyorg.gui.exchange.export_messages import exported_message, problems_text
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _
from rallyorg.services import exports as export_service
from rallyorg.services.exports import ExportKind, ExportResult

EXPORT_DIR_KEY = "exchange/export_dir"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class ExportDialog(QDialog):
    exported = Signal(object)  # the ExportResult

    def __init__(
        self,
        context: GuiContext,
        choice: ExportChoice | str,
        event_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.choice = ExportChoice(choice)
        self.busy = False
        spec = self.spec
        self.setWindowTitle(_(spec.title))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_(spec.title), 1.25))
        self.intro = _wrapped(_(spec.intro))
        layout.addWidget(self.intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.shared_only: QCheckBox | None = None
        self.redacted: QCheckBox | None = None
        self.events: EventCombo | None = None
        self.vcard_version: QComboBox | None = None
        if spec.kind == ExportKind.CONTACTS:
            self._format_rows(form)
        if spec.kind in (ExportKind.CONTACTS, ExportKind.VOLUNTEERS):
            self._people_rows(form, spec.kind)
        if spec.kind == ExportKind.EVENTS:
            self._event_rows(form, event_id)
        if spec.kind == ExportKind.ROSTER:
            self.events = EventCombo(context, event_id)
            self.events.setAccessibleName(_("Event"))
            label = QLabel(_("Event *"))
            label.setBuddy(self.events)
            form.addRow(label, self.events)
        layout.addLayout(form)
        layout.addWidget(Banner(self._privacy_note(spec.kind), "privacy"))
        if self.events is not None and not self.events.count():
            layout.addWidget(Banner(_("There are no events yet, so there is nothing to export."), "warning"))
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(_("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()
        self.export_button.setFocus()

    @property
    def spec(self) -> ExportSpec:
        return SPECS[self.choice]

    # --- options ----------------------------------------------------------------------------------
    def _format_rows(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        self.format_group = QButtonGroup(self)
        self.csv_button = QRadioButton(_("Spreadsheet (CSV)"))
        self.vcard_button = QRadioButton(_("Contact cards (vCard)"))
        for button in (self.csv_button, self.vcard_button):
            self.format_group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.csv_button.setChecked(self.choice == ExportChoice.CONTACTS_CSV)
        self.vcard_button.setChecked(self.choice == ExportChoice.CONTACTS_VCARD)
        self.vcard_button.toggled.connect(self._format_chosen)
        label = QLabel(_("Format"))
        label.setBuddy(self.csv_button)
        form.addRow(label, row)
        self.vcard_version = QComboBox()
        self.vcard_version.addItem(_("vCard 3.0 (most phones and address books)"), "3.0")
        self.vcard_version.addItem(_("vCard 4.0"), "4.0")
        self.vcard_version.setAccessibleName(_("vCard version"))
        self.vcard_label = QLabel(_("vCard version"))
        self.vcard_label.setBuddy(self.vcard_version)
        form.addRow(self.vcard_label, self.vcard_version)

    def _people_rows(self, form: QFormLayout, kind: ExportKind) -> None:
        self.shared_only = QCheckBox(_("Only people who agreed to be shared with partner groups"))
        if kind == ExportKind.CONTACTS:
            self.redacted = QCheckBox(_("Redacted: only initials, group and city"))
        else:
            self.redacted = QCheckBox(_("Redacted: only first name, last-name initial and city"))
        column = QVBoxLayout()
        column.addWidget(self.shared_only)
        column.addWidget(self.redacted)
        label = QLabel(_("People"))
        label.setBuddy(self.shared_only)
        form.addRow(label, column)

    def _event_rows(self, form: QFormLayout, event_id: int | None) -> None:
        self.all_upcoming = QRadioButton(_("All upcoming events"))
        self.one_event = QRadioButton(_("One event:"))
        group = QButtonGroup(self)
        group.addButton(self.all_upcoming)
        group.addButton(self.one_event)
        self.events = EventCombo(self.context, event_id)
        self.events.setAccessibleName(_("The one event to export"))
        self.one_event.setChecked(event_id is not None)
        self.all_upcoming.setChecked(event_id is None)
        self.one_event.toggled.connect(self._update)
        column = QVBoxLayout()
        column.addWidget(self.all_upcoming)
        one = QHBoxLayout()
        one.addWidget(self.one_event)
        one.addWidget(self.events, 1)
        column.addLayout(one)
        label = QLabel(_("Events"))
        label.setBuddy(self.all_upcoming)
        form.addRow(label, column)
        self.include_drafts = QCheckBox(_("Also events still in draft"))
        form.addRow("", self.include_drafts)
        self.language = QComboBox()
        for language in Language:
            self.language.addItem(language.native_name, language.value)
        self.language.setCurrentIndex(max(self.language.findData(self.context.language), 0))
        self.language.setAccessibleName(_("Language of the titles"))
        label = QLabel(_("Titles in"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)

    @staticmethod
    def _privacy_note(kind: ExportKind) -> str:
        log = _("The export is noted in File ▸ Export log: what and how many, never who.")
        if kind in (ExportKind.CONTACTS, ExportKind.VOLUNTEERS):
            return _("People marked “do not contact” are always left out.") + " " + log
        if kind == ExportKind.ROSTER:
            return (
                _(
                    "Everyone signed up is listed; the phone numbers of people marked “do not contact” "
                    "are left off."
                )
                + " "
                + log
            )
        return (
            _("Only the events: titles, times, places and descriptions. No one's personal data.") + " " + log
        )

    def _format_chosen(self, vcard: bool) -> None:
        self.choice = ExportChoice.CONTACTS_VCARD if vcard else ExportChoice.CONTACTS_CSV
        self.intro.setText(_(self.spec.intro))
        self._update()

    def _update(self) -> None:
        if self.vcard_version is not None:
            vcard = self.choice == ExportChoice.CONTACTS_VCARD
            self.vcard_version.setVisible(vcard)
            self.vcard_label.setVisible(vcard)
        if self.spec.kind == ExportKind.EVENTS and self.events is not None:
            self.events.setEnabled(self.one_event.isChecked())
        needs_event = self.spec.kind == ExportKind.ROSTER or (
            self.spec.kind == ExportKind.EVENTS and self.one_event.isChecked()
        )
        ready = not self.busy and (
            not needs_event or (self.events is not None and self.events.event_id() is not None)
        )
        self.export_button.setEnabled(ready)

    # --- exporting --------------------------------------------------------------------------------
    def _chosen_event_id(self) -> int | None:
        if self.events is None:
            return None
        if self.spec.kind == ExportKind.EVENTS and not self.one_event.isChecked():
            return None
        return self.events.event_id()

    def suggested_path(self) -> Path:
        folder = str(self.context.settings.value(EXPORT_DIR_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        detail = ""
        event = self.events.chosen_event() if self.events is not None and self._chosen_event_id() else None
        if event is not None:
            detail = event.title(self.context.language) or ""
        return Path(folder) / default_file_name(self.spec, dt.date.today(), detail)

    def accept(self) -> None:
        if self.busy or not self.export_button.isEnabled():
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _(self.spec.title), str(self.suggested_path()), _(self.spec.file_filter)
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(self.spec.suffix)
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the export to ``path`` in the background; the dialog closes when it is done."""
        call = self._export_call(path)
        message = _("Writing {file}…").format(file=path.name)

        def work(task: Task) -> ExportResult:
            task.progress(0, 0, message)
            return call()

        def done(result: ExportResult) -> None:
            self.busy = False
            self.context.settings.setValue(EXPORT_DIR_KEY, str(path.parent))
            self.context.say(exported_message(result, self.context.language))
            self.exported.emit(result)
            super(ExportDialog, self).accept()
            problems = problems_text(result)
            if problems:  # records left out, or names the roster could not print: say which
                QMessageBox.warning(self.parentWidget(), _("Export"), problems)

        def failed(error: BaseException) -> None:
            self.busy = False
            self._update()
            show_error(self, error)

        self.busy = True
        self._update()
        run_in_background(self, _("Exporting…"), work, done, failed)

    def _export_call(self, path: Path) -> Callable[[], ExportResult]:
        """The service call with the options chosen, read now on the UI thread."""
        db, spec = self.context.db, self.spec
        shared = bool(self.shared_only and self.shared_only.isChecked())
        redacted = bool(self.redacted and self.redacted.isChecked())
        event_id = self._chosen_event_id()
        if spec.kind == ExportKind.CONTACTS:
            version = str(self.vcard_version.currentData()) if self.vcard_version is not None else "3.0"
            return partial(
                export_service.export_contacts,
                db,
                path,
                export_format=spec.format,
                shared_only=shared,
                redacted=redacted,
                vcard_version=version,
                translate=_,
            )
        if spec.kind == ExportKind.VOLUNTEERS:
            return partial(export_service.export_volunteers, db, path, shared_only=shared, redacted=redacted)
        if spec.kind == ExportKind.EVENTS:
            return partial(
                export_service.export_events,
                db,
                path,
                event_id=event_id,
                language=str(self.language.currentData()),
                include_drafts=self.include_drafts.isChecked(),
            )
        assert event_id is not None
        return partial(export_service.export_roster, db, event_id, path)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
