"""The Contacts tab of a partner group: the table and its actions (add, edit, remove with
undo, mark as primary). Each action is saved at once through the services."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.deletion import confirm_and_delete
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.forget import confirm_and_forget
from rallyorg.gui.partners.contact_dialog import ContactDialog, ContactStore
from rallyorg.gui.partners.contacts_model import CONSENT, LANGUAGE, PERSON, PRIMARY, REACH, ContactsModel
from rallyorg.gui.widgets.fitting import compact_in
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.tables import read_only_table
from rallyorg.i18n import _
from rallyorg.services import partners
from rallyorg.services.partners import ContactData, ContactInput, PartnerGroupData


class ContactsPanel(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._group: PartnerGroupData | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("ph.user-plus"), _("Add contact…"))
        self.edit_button = QPushButton(icon("ph.pencil-simple"), _("Edit…"))
        self.remove_button = QPushButton(icon("ph.user-minus"), _("Remove"))
        self.primary_button = QPushButton(icon("ph.star"), _("Mark as primary"))
        self.forget_button = QPushButton(icon("ph.eraser"), _("Forget this person…"))
        self.forget_button.setToolTip(_("Remove this contact from rallyorg and its backups for good"))
        for button, slot in (
            (self.add_button, self.add_contact),
            (self.edit_button, self.edit_contact),
            (self.remove_button, self.remove_contact),
            (self.primary_button, self.mark_primary),
            (self.forget_button, self.forget_contact),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # In a narrow window the buttons show their icons alone (their words as tooltips).
        self.compact_buttons = compact_in(
            self,
            (self.add_button, self.edit_button, self.remove_button, self.primary_button, self.forget_button),
        )

        self.model = ContactsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        read_only_table(self.table, _("Contacts"))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for column in (PERSON, REACH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (LANGUAGE, PRIMARY, CONSENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit_contact())
        self.table.activated.connect(lambda _index: self.edit_contact())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())

        self.empty = QLabel(_("No contacts yet. Add the person you talk to at this group."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    # --- data -------------------------------------------------------------------------
    def set_group(self, group: PartnerGroupData | None, keep_contact: int | None = None) -> None:
        """Show ``group``'s contacts, keeping the selected one (or ``keep_contact``)."""
        if (
            keep_contact is None
            and group is not None
            and self._group is not None
            and group.id == self._group.id
        ):
            current = self.selected_contact()
            keep_contact = current.id if current else None
        self._group = group
        self.model.set_rows(list(group.contacts) if group else [])
        self.stack.setCurrentIndex(0 if self.model.rowCount() else 1)
        self.add_button.setEnabled(group is not None)
        row = self.model.row_of(keep_contact) if keep_contact is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_contact(self) -> ContactData | None:
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.contact_at(index.row())

    def _update_buttons(self) -> None:
        contact = self.selected_contact()
        for button in (self.edit_button, self.remove_button, self.forget_button):
            button.setEnabled(contact is not None)
        self.primary_button.setEnabled(contact is not None and not contact.is_primary)

    def _reload(self, keep_contact: int | None = None) -> None:
        if self._group is None:
            return
        try:
            group = self.context.call(partners.get_group, self._group.id)
        except RallyorgError as error:
            show_error(self, error)
            return
        self.set_group(group, keep_contact)
        # The list shows contact counts; other places show contacts too.
        self.context.data_changed(Change.of(Record.PARTNERS, Op.UPDATED, self._group.id))

    # --- actions ----------------------------------------------------------------------
    def add_contact(self) -> None:
        if self._group is None:
            return
        group_id = self._group.id
        dialog = ContactDialog(
            self._group.name,
            lambda data: self.context.call(partners.add_contact, group_id, data),
            parent=self,
        )
        if dialog.exec() and dialog.result_contact is not None:
            self._reload(dialog.result_contact.id)
            self.context.say(_("Contact {name} added").format(name=dialog.result_contact.name))

    def edit_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None or self._group is None:
            return
        group_id = self._group.id
        dialog = ContactDialog(
            self._group.name,
            lambda data: self.context.call(
                partners.update_contact, contact.id, data, version=contact.version
            ),
            contact,
            parent=self,
            store=self._contact_store(group_id),
        )
        if dialog.exec() and dialog.result_contact is not None:
            self._reload(dialog.result_contact.id)
            self.context.say(_("Contact {name} saved").format(name=dialog.result_contact.name))
        elif dialog.record_gone:
            self._reload()

    def _contact_store(self, group_id: int) -> ContactStore:
        call = self.context.call
        return ContactStore(
            read=lambda contact_id: call(partners.get_contact, contact_id),
            update=lambda contact_id, data, version: call(
                partners.update_contact, contact_id, data, version=version
            ),
            add=lambda data: call(partners.add_contact, group_id, data),
        )

    def mark_primary(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        data = ContactInput(
            name=contact.name,
            role=contact.role,
            email=contact.email,
            phone=contact.phone,
            preferred_language=contact.preferred_language,
            is_primary=True,
            do_not_contact=contact.do_not_contact,
            may_share=contact.may_share,
        )
        try:
            self.context.call(partners.update_contact, contact.id, data, version=contact.version)
        except RallyorgError as error:
            show_error(self, error)
            return
        self._reload(contact.id)
        self.context.say(_("{name} is now the primary contact").format(name=contact.name))

    def remove_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        if not confirm_and_delete(
            self,
            self.context,
            "contact",
            contact.id,
            title=_("Remove contact"),
            question=_("Remove {name} from this group's contacts?").format(name=contact.name),
            undo_label=_("remove contact"),
        ):
            return
        self._reload()
        self.context.say(_("{name} removed. Undo with Ctrl+Z.").format(name=contact.name))

    def forget_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        if confirm_and_forget(self, self.context, "contact", contact.id) is None:
            return
        self._reload()
        self.context.say(_("The contact was forgotten."))
