"""What the dialog offers for text messages: a CSV for a texting tool (Save CSV…, Copy list),
or a WhatsApp link per person that opens the chat with the message written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.files import write_atomically
from rallyorg.domain.reminders import ReminderPlan
from rallyorg.domain.validation import format_phone
from rallyorg.gui.context import GuiContext
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label
from rallyorg.i18n import _
from rallyorg.services import reminders

URL_ROLE = Qt.ItemDataRole.UserRole + 1


class SmsPanel(QWidget):
    handed_over = Signal()  # the CSV was saved: "Last reminded" changed

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan: ReminderPlan | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.save = QPushButton(icon("ph.floppy-disk"), _("Save CSV…"))
        self.save.clicked.connect(self.save_csv)
        self.copy = QPushButton(icon("ph.copy"), _("Copy list"))
        self.copy.setToolTip(_("Each person's name, number and message, to send from a phone"))
        self.copy.clicked.connect(self.copy_list)
        layout.addWidget(self.save)
        layout.addWidget(self.copy)
        layout.addWidget(hint_label(_("Columns: phone, first name, language, message.")), 1)

    def show_plan(self, plan: ReminderPlan | None) -> None:
        self.plan = plan
        for button in (self.save, self.copy):
            button.setEnabled(bool(plan and plan.recipients))

    def save_csv(self) -> None:
        if self.plan is None:
            return
        plan = self.plan
        path = save_private_file(
            self,
            _("Save the text messages"),
            f"reminders-rally-{plan.event_id}.csv",
            _("CSV files (*.csv)"),
            lambda: reminders.sms_csv(plan),
        )
        if path is None:
            return
        self.context.call(reminders.record_handed_over, plan)
        self.handed_over.emit()
        self.context.say(_("Text messages saved to {file}").format(file=path.name))

    def copy_list(self) -> None:
        if self.plan is not None:
            QApplication.clipboard().setText(reminders.text_list(self.plan))
            self.context.say(_("List copied"))


class WhatsAppPanel(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.links: tuple[reminders.WhatsAppLink, ...] = ()
        self.plan: ReminderPlan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(_("WhatsApp links"))
        # A click opens the link; so do Enter and, where the style says so, the click itself.
        self.list.itemActivated.connect(self.open_link)
        if not self.list.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
            self.list.itemClicked.connect(self.open_link)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(hint_label(_("Click a person to open WhatsApp with their message written.")), 1)
        self.copy = QPushButton(icon("ph.copy"), _("Copy links"))
        self.copy.clicked.connect(self.copy_links)
        row.addWidget(self.copy)
        self.save = QPushButton(icon("ph.qr-code"), _("Save printable list…"))
        self.save.setToolTip(_("A PDF with a QR code per person: scan it with your phone to open the chat"))
        self.save.clicked.connect(self.save_sheet)
        row.addWidget(self.save)
        layout.addLayout(row)

    def show_plan(self, plan: ReminderPlan | None) -> None:
        self.plan = plan
        self.links = reminders.whatsapp_links(plan) if plan is not None else ()
        self.list.clear()
        for link in self.links:
            item = QListWidgetItem(icon("ph.whatsapp-logo"), f"{link.name} — {format_phone(link.phone)}")
            item.setData(URL_ROLE, link.url)
            item.setToolTip(link.url)
            self.list.addItem(item)
        self.copy.setEnabled(bool(self.links))
        self.save.setEnabled(bool(self.links))

    def open_link(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl(str(item.data(URL_ROLE))))

    def copy_links(self) -> None:
        text = "\n".join(f"{link.name}: {link.url}" for link in self.links)
        QApplication.clipboard().setText(text + "\n")
        self.context.say(_("Links copied"))

    def save_sheet(self) -> None:
        if self.plan is None or not self.links:
            return
        plan, language = self.plan, self.context.language
        path = save_private_file(
            self,
            _("Save the WhatsApp list"),
            f"whatsapp-rally-{plan.event_id}.pdf",
            _("PDF files (*.pdf)"),
            lambda: reminders.whatsapp_sheet(plan, language),
        )
        if path is not None:
            self.context.say(_("WhatsApp list saved to {file}").format(file=path.name))


def save_private_file(
    parent: QWidget, title: str, suggested: str, kinds: str, content: Callable[[], bytes]
) -> Path | None:
    """Ask where, then write ``content()`` there with the suggested name's extension: whole or
    not at all, for its owner's eyes only (0600) — these files name people. None: not saved
    (the person cancelled, or was told why it failed)."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(suggested).suffix
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    try:
        write_atomically(path, content())
    except (OSError, RallyorgError) as error:  # a folder not writable: FileWriteError
        from rallyorg.gui.error_dialog import show_error

        show_error(parent, error)
        return None
    return path
