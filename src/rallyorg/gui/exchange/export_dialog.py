"""One export dialog for the five kinds of file: the options the command line has (format,
shared-only, redacted, which event, which language, phones on the roster), a word on whose
data leaves the app and how many consent leaves out, a question before people who did not
agree to be shared go into a file, then a save-file dialog with a sensible name (or, for
one vCard per contact, a new folder) and the export in the background."""

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
from rallyorg.gui.exchange.export_kinds import (
    CONTACT_FORMAT_LABELS,
    CONTACT_FORMATS,
    SPECS,
    ExportChoice,
    ExportSpec,
    default_file_name,
)
from rallyorg.gui.exchange.export_messages import (
    consent_text,
    exported_message,
    problems_text,
    unshared_question,
)
from rallyorg.gui.widgets.style import title_label
from rallyorg.i18n import _
from rallyorg.services import exports as export_service
from rallyorg.services.exports import ContactConsent, ExportFormat, ExportKind, ExportResult

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
        self.format_combo: QComboBox | None = None
        self.split: QCheckBox | None = None
        self.include_phones: QCheckBox | None = None
        self.consent: ContactConsent | None = None
        self.consent_label: QLabel | None = None
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
            self.include_phones = QCheckBox(_("Include phones"))
            self.include_phones.setToolTip(
                _("Everyone who signs the sheet can read the phone numbers on it.")
            )
            form.addRow("", self.include_phones)
        layout.addLayout(form)
        if spec.kind == ExportKind.CONTACTS:
            self.consent = context.call(export_service.contact_consent)
            self.consent_label = _wrapped("")
            self.consent_label.setAccessibleName(_("Left out for consent"))
            layout.addWidget(self.consent_label)
            if self.shared_only is not None:
                self.shared_only.toggled.connect(self._show_consent)
            self._show_consent()
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
        if self.format_combo is not None:
            return CONTACT_FORMATS[ExportFormat(self.format_combo.currentData())]
        return SPECS[self.choice]

    @property
    def splitting(self) -> bool:
        """One vCard per file, into a new folder."""
        return self.spec.format == ExportFormat.VCARD and self.split is not None and self.split.isChecked()

    # --- options ----------------------------------------------------------------------------------
    def _format_rows(self, form: QFormLayout) -> None:
        self.format_combo = QComboBox()
        for export_format, text in CONTACT_FORMAT_LABELS.items():
            self.format_combo.addItem(_(text), export_format.value)
        chosen = ExportFormat.VCARD if self.choice == ExportChoice.CONTACTS_VCARD else ExportFormat.CSV
        self.format_combo.setCurrentIndex(self.format_combo.findData(chosen.value))
        self.format_combo.setAccessibleName(_("Format"))
        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        label = QLabel(_("Format"))
        label.setBuddy(self.format_combo)
        form.addRow(label, self.format_combo)
        self.vcard_version = QComboBox()
        self.vcard_version.addItem(_("vCard 3.0 (most phones and address books)"), "3.0")
        self.vcard_version.addItem(_("vCard 4.0"), "4.0")
        self.vcard_version.setAccessibleName(_("vCard version"))
        self.vcard_label = QLabel(_("vCard version"))
        self.vcard_label.setBuddy(self.vcard_version)
        form.addRow(self.vcard_label, self.vcard_version)
        self.split = QCheckBox(
            _("One file per contact, in a new folder (Outlook reads only the first card of a file)")
        )
        form.addRow("", self.split)

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
                    "The people expected are listed, then the waitlist; cancelled sign-ups never. Phones "
                    "are printed only with “Include phones”, and never those of people marked “do not "
                    "contact”."
                )
                + " "
                + log
            )
        return (
            _("Only the events: titles, times, places and descriptions. No one's personal data.") + " " + log
        )

    def _format_chosen(self) -> None:
        vcard = self.spec.format == ExportFormat.VCARD
        self.choice = ExportChoice.CONTACTS_VCARD if vcard else ExportChoice.CONTACTS_CSV
        self.intro.setText(_(self.spec.intro))
        self._update()

    def _show_consent(self) -> None:
        if self.consent_label is not None and self.consent is not None:
            shared = bool(self.shared_only and self.shared_only.isChecked())
            self.consent_label.setText(consent_text(self.consent, shared, self.context.language))

    def _update(self) -> None:
        if self.vcard_version is not None:
            vcard = self.spec.format == ExportFormat.VCARD
            self.vcard_version.setVisible(vcard)
            self.vcard_label.setVisible(vcard)
            if self.split is not None:
                self.split.setVisible(vcard)
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

    def _export_folder(self) -> Path:
        folder = str(self.context.settings.value(EXPORT_DIR_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(folder)

    def suggested_path(self) -> Path:
        detail = ""
        event = self.events.chosen_event() if self.events is not None and self._chosen_event_id() else None
        if event is not None:
            detail = event.title(self.context.language) or ""
        name = default_file_name(self.spec, dt.date.today(), detail, suffix=not self.splitting)
        return self._export_folder() / name

    def _unshared_agreed(self) -> bool:
        """Before people who said they may not be shared go into a file: asked, and answered yes
        (or there are none, or "shared only" leaves them out)."""
        if self.spec.kind != ExportKind.CONTACTS or (self.shared_only and self.shared_only.isChecked()):
            return True
        self.consent = self.context.call(export_service.contact_consent)
        self._show_consent()
        unshared = self.consent.not_shared
        if not unshared:
            return True
        reply = QMessageBox.question(
            self,
            _(self.spec.title),
            unshared_question(unshared, self.context.language),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return reply == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        if self.busy or not self.export_button.isEnabled() or not self._unshared_agreed():
            return
        if self.splitting:
            self._export_to_new_folder()
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

    def _export_to_new_folder(self) -> None:
        """Where to put the folder of cards; the folder itself is new, named like the file would
        be ("partner-contacts-2025-05-20", then "… (2)"), so nothing already there is touched."""
        where = QFileDialog.getExistingDirectory(
            self, _("Choose where to put the folder of contact cards"), str(self._export_folder())
        )
        if not where:
            return
        stem = self.suggested_path().name
        target, count = Path(where) / stem, 1
        while target.exists():
            count += 1
            target = Path(where) / f"{stem} ({count})"
        self.export_to(target)

    def export_to(self, path: Path) -> None:
        """Write the export to ``path`` in the background; the dialog closes when it is done."""
        call = self._export_call(path)
        message = _("Writing {file}…").format(file=path.name)

        def work(task: Task) -> ExportResult:
            task.progress(0, 0, message)
            return call()

        def done(result: ExportResult) -> None:
            self.busy = False
            self.context.settings.setValue(EXPORT_DIR_KEY, str(path.parent))  # a folder's too
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
                split=self.splitting,
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
        phones = bool(self.include_phones and self.include_phones.isChecked())
        return partial(export_service.export_roster, db, event_id, path, include_phones=phones)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
