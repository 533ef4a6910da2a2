"""The Shifts tab: the rally's shifts with their staffing, and under the chosen shift the
people signed up. Every action here is saved at once (one service call each): assigning
volunteers (a full shift puts them on the waitlist), cancelling (the waitlist moves up).
Whoever moves up from a waitlist, by any action, is named in the notice and the status bar
and marked in the sign-ups list (``waitlist_words`` has the sentences).

Layout: shifts over sign-ups in a splitter; how the tables and the splitter are sized is in
``shift_layout``."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.enums import Language, SignUpStatus
from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.events import EventData
from rallyorg.domain.languages import language_name
from rallyorg.domain.shifts import ShiftChange, ShiftData, SignUpData
from rallyorg.domain.validation import format_phone
from rallyorg.gui.context import GuiContext
from rallyorg.gui.deletion import confirm_and_delete
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.rallies.assign_dialog import AssignDialog
from rallyorg.gui.rallies.notice import Notice
from rallyorg.gui.rallies.shift_dialog import ShiftDialog
from rallyorg.gui.rallies.shift_layout import (
    PLACES,
    STAFFING,
    WAITLIST,
    ShiftColumns,
    ShiftsSplit,
    make_table,
)
from rallyorg.gui.rallies.waitlist_words import cancel_outcome, cancel_question, promotions_by_shift
from rallyorg.gui.reminders.dialog import RemindDialog
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.fitting import compact_in
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.staffing import STAFFING_ROLE, StaffingDelegate, places_text
from rallyorg.gui.widgets.style import section_label
from rallyorg.i18n import (
    _,
    format_long_date,
    format_number,
    format_short_date,
    format_time,
    ngettext,
    pgettext,
)
from rallyorg.services import reminders, signups

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ICONS = {
    SignUpStatus.SIGNED_UP: "ph.check",
    SignUpStatus.CONFIRMED: "ph.check-circle",
    SignUpStatus.WAITLISTED: "ph.hourglass",
    SignUpStatus.CANCELLED: "ph.x-circle",
    SignUpStatus.ATTENDED: "ph.user-circle-plus",
    SignUpStatus.NO_SHOW: "ph.prohibit",
}
REMINDED = 4  # the sign-ups' "Last reminded" column
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _signup_order(signup: SignUpData) -> tuple[int, object, int]:
    group = 0 if signup.status.holds_a_place else 1 if signup.status == SignUpStatus.WAITLISTED else 2
    return (group, signup.signed_up_at, signup.id)


class ShiftsTab(QWidget):
    #: a service call changed data; the area for ``GuiContext.data_changed``
    changed = Signal()  # a shift or sign-up was saved: staffing numbers elsewhere change

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rally: EventData | None = None
        self.dialog: QDialog | None = None  # the dialog last opened (shift or assign)
        self.just_promoted: set[int] = set()  # sign-ups the last action moved up: shown in bold
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)  # the tab is narrow: the tables get the width
        self.notice = Notice()
        layout.addWidget(self.notice)
        self.unsaved_note = QLabel(_("Save the rally first; then add its shifts here."))
        self.unsaved_note.setWordWrap(True)
        layout.addWidget(self.unsaved_note)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("ph.plus"), _("Add shift…"))
        self.add_button.clicked.connect(self.add_shift)
        self.edit_button = QPushButton(icon("ph.pencil-simple"), _("Edit shift…"))
        self.edit_button.clicked.connect(self.edit_shift)
        self.remove_button = QPushButton(icon("ph.trash"), _("Remove shift"))
        self.remove_button.clicked.connect(self.remove_shift)
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        # Translators: "Places" is how many people the shift needs (its capacity).
        self.shifts = make_table(
            [
                pgettext("shift of volunteers", "Role"),
                _("Time"),
                _("Places"),
                _("Language"),
                _("Staffing"),
                _("Waitlist"),
            ],
            _("Shifts"),
        )
        self._columns = ShiftColumns(self.shifts, self)  # widths from the contents and the room
        self.shifts.setItemDelegateForColumn(STAFFING, StaffingDelegate(self.shifts))
        self.shifts.itemSelectionChanged.connect(self._show_signups)
        self.shifts.itemActivated.connect(lambda _item: self.edit_shift())
        self.shifts_stack = QStackedWidget()
        self.shifts_stack.addWidget(self.shifts)
        self.no_shifts = EmptyState(
            _("No shifts yet. Add the marshals, the sign-in table and the interpreters this rally needs."),
            [(_("Add shift…"), self.add_shift)],
        )
        self.shifts_stack.addWidget(self.no_shifts)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        self.signups_title = section_label(_("Sign-ups"))
        self.signups_title.setWordWrap(True)
        lower_layout.addWidget(self.signups_title)
        header = QHBoxLayout()
        self.assign_button = QPushButton(icon("ph.user-plus"), _("Assign volunteers…"))
        self.assign_button.clicked.connect(self.assign_volunteers)
        self.confirm_button = QPushButton(icon("ph.check-circle"), _("Confirm"))
        self.confirm_button.setToolTip(_("Mark the selected person as confirmed"))
        self.confirm_button.clicked.connect(self.confirm_signup)
        self.cancel_button = QPushButton(icon("ph.user-minus"), _("Cancel sign-up"))
        self.cancel_button.clicked.connect(self.cancel_signup)
        for button in (self.assign_button, self.confirm_button, self.cancel_button):
            header.addWidget(button)
        header.addStretch(1)
        lower_layout.addLayout(header)
        self.signups = make_table(
            [_("Name"), _("Phone"), _("Status"), _("Signed up"), _("Last reminded")], _("Sign-ups")
        )
        self.reminded: dict[int, dt.datetime] = {}  # volunteer → their last reminder for the rally
        self.signups.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.signups.itemSelectionChanged.connect(self._update_buttons)
        lower_layout.addWidget(self.signups, 1)

        # In a narrow window the buttons show their icons alone (their words as tooltips).
        self.compact_buttons = compact_in(
            self,
            (
                self.add_button,
                self.edit_button,
                self.remove_button,
                self.assign_button,
                self.confirm_button,
                self.cancel_button,
            ),
        )
        self._split = ShiftsSplit(
            self.shifts_stack, self.shifts, self.no_shifts, lower, lower_layout, self.signups, self
        )
        self.splitter = self._split.splitter
        layout.addWidget(self.splitter, 1)
        self.signups_box = lower
        self.load(None)

    @property
    def split_moved_by_hand(self) -> bool:
        """True once the organizer has dragged the splitter: their split is kept from then on."""
        return self._split.moved_by_hand

    @split_moved_by_hand.setter
    def split_moved_by_hand(self, moved: bool) -> None:
        self._split.moved_by_hand = moved

    # --- showing ------------------------------------------------------------------------------
    def load(self, event: EventData | None) -> None:
        """Show ``event``'s shifts (None: a rally not saved yet), keeping the chosen shift."""
        previous = self.selected_shift()
        if event is None or self.rally is None or event.id != self.rally.id:
            self.notice.hide()
            self.just_promoted.clear()
            previous = None
        self.rally = event
        self._load_reminded()
        shifts = sorted(event.shifts, key=lambda s: (s.starts_at, s.role.casefold(), s.id)) if event else []
        self.unsaved_note.setVisible(event is None)
        self.add_button.setEnabled(event is not None)
        self.no_shifts.buttons[0].setEnabled(event is not None)
        self.shifts.blockSignals(True)
        self.shifts.setRowCount(len(shifts))
        for row, shift in enumerate(shifts):
            self._set_shift_row(row, shift)
        self.shifts.blockSignals(False)
        self.shifts_stack.setCurrentWidget(self.shifts if shifts else self.no_shifts)
        ids = [s.id for s in shifts]
        if previous is not None and previous.id in ids:
            self.shifts.selectRow(ids.index(previous.id))
        elif shifts:
            self.shifts.selectRow(0)
        self._show_signups()
        self._columns.refit()
        self._split.fit()

    def _set_shift_row(self, row: int, shift: ShiftData) -> None:
        language = self.context.language
        hours = f"{format_time(shift.starts_at, language)} – {format_time(shift.ends_at, language)}"
        if self.rally is not None and shift.starts_at.date() != self.rally.starts_at.date():
            hours = f"{format_short_date(shift.starts_at, language)}, {hours}"
        cells = (
            shift.role,
            hours,
            format_number(shift.capacity, language),
            self._language(shift.required_language),
            f"{shift.filled} / {shift.capacity}",
            format_number(shift.waitlisted, language) if shift.waitlisted else "",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, shift.id)
            item.setToolTip(text)
            if column in (PLACES, WAITLIST):
                item.setTextAlignment(RIGHT)
            self.shifts.setItem(row, column, item)
        self.shifts.item(row, 1).setToolTip(f"{format_long_date(shift.starts_at, language)}, {hours}")
        self.shifts.item(row, STAFFING).setData(STAFFING_ROLE, (shift.filled, shift.capacity))
        self.shifts.item(row, STAFFING).setToolTip(places_text(shift.filled, shift.capacity))

    def _language(self, code: str | None) -> str:
        if not code:
            # Translators: a shift that needs no particular language.
            return _("Any")
        try:
            return Language(code).native_name  # as the Texts columns name them
        except ValueError:
            return language_name(code, self.context.language)

    def selected_shift(self) -> ShiftData | None:
        if self.rally is None:
            return None
        item = self.shifts.item(self.shifts.currentRow(), 0) if self.shifts.currentRow() >= 0 else None
        shift_id = item.data(ID_ROLE) if item is not None else None
        return next((s for s in self.rally.shifts if s.id == shift_id), None)

    def selected_signup(self) -> SignUpData | None:
        shift = self.selected_shift()
        row = self.signups.currentRow()
        item = self.signups.item(row, 0) if shift is not None and row >= 0 else None
        if item is None or not self.signups.selectionModel().hasSelection():
            return None
        return next((s for s in shift.signups if s.id == item.data(ID_ROLE)), None)

    def _show_signups(self) -> None:
        shift = self.selected_shift()
        self.signups_box.setEnabled(shift is not None)
        rows = sorted(shift.signups, key=_signup_order) if shift else []
        if shift is not None:
            self.signups_title.setText(
                # Translators: e.g. "Sign-ups for Marshal — 3 of 12 places filled".
                _("Sign-ups for {role} — {places}").format(
                    role=shift.role, places=places_text(shift.filled, shift.capacity)
                )
            )
        else:
            self.signups_title.setText(_("Sign-ups"))
        language = self.context.language
        position = 0
        self.signups.setRowCount(len(rows))
        for row, signup in enumerate(rows):
            status = _(signup.status.label)
            if signup.status.holds_a_place and signup.promoted_at is not None:
                # Translators: a sign-up status, e.g. "Signed up, moved up from the waitlist".
                status = _("{status}, moved up from the waitlist").format(status=status)
            if signup.status == SignUpStatus.WAITLISTED:
                position += 1
                # Translators: a sign-up status with its place in the waitlist queue.
                status = _("Waitlisted, number {n}").format(n=position)
            cells = (
                # Translators: in a shift's sign-ups, someone whose details were forgotten on request.
                signup.volunteer_name if signup.volunteer_id is not None else _("A forgotten person"),
                format_phone(signup.volunteer_phone),
                status,
                format_short_date(signup.signed_up_at, language),
                self._reminded_text(signup.volunteer_id),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, signup.id)
                item.setToolTip(text)
                if not signup.status.holds_a_place and signup.status != SignUpStatus.WAITLISTED:
                    item.setForeground(self.palette().placeholderText())
                if signup.id in self.just_promoted:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.signups.setItem(row, column, item)
            self.signups.item(row, 2).setIcon(icon(STATUS_ICONS[signup.status]))
        self.signups.clearSelection()
        self._update_buttons()

    def _load_reminded(self) -> None:
        """When each person was last reminded (read in the background; the column fills in)."""
        # Only organizers and admins may read the reminders sent (a partner or viewer login on
        # a shared server may not): for them the column stays empty.
        if self.rally is None or not self.context.rights.write_events:
            self.reminded = {}
            return
        self.context.fetch(reminders.last_reminded, self.rally.id, on_success=self._show_reminded, owner=self)

    def _show_reminded(self, reminded: dict[int, dt.datetime]) -> None:
        self.reminded = reminded
        shift = self.selected_shift()
        by_signup = {s.id: s.volunteer_id for s in shift.signups} if shift else {}
        for row in range(self.signups.rowCount()):
            item = self.signups.item(row, REMINDED)
            if item is not None:
                text = self._reminded_text(by_signup.get(item.data(ID_ROLE)))
                item.setText(text)
                item.setToolTip(text)

    def _reminded_text(self, volunteer_id: int | None) -> str:
        moment = self.reminded.get(volunteer_id) if volunteer_id is not None else None
        if moment is None or self.rally is None:
            return ""
        local = moment.astimezone(zoneinfo.ZoneInfo(self.rally.timezone))
        language = self.context.language
        return f"{format_short_date(local, language)}, {format_time(local, language)}"

    def remind(self, shift_id: int | None) -> None:
        """Remind volunteers… for the rally (or one shift): the Rallies toolbar's action, which
        passes the shift selected here (the dialog can change it)."""
        if self.rally is None:
            return
        dialog = RemindDialog(self.context, self.rally, shift_id, self)
        dialog.sent.connect(self._load_reminded)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        dialog.open()

    def _update_buttons(self) -> None:
        has_shift = self.selected_shift() is not None
        self.edit_button.setEnabled(has_shift)
        self.remove_button.setEnabled(has_shift)
        signup = self.selected_signup()
        active = signup is not None and signup.status not in (SignUpStatus.CANCELLED,)
        self.cancel_button.setEnabled(active)
        self.confirm_button.setEnabled(signup is not None and signup.status == SignUpStatus.SIGNED_UP)

    def select_signup(self, name: str) -> bool:
        """Select the sign-up row of the person called ``name`` (as a click would)."""
        for row in range(self.signups.rowCount()):
            if self.signups.item(row, 0).text() == name:
                self.signups.selectRow(row)
                return True
        return False

    # --- shifts -------------------------------------------------------------------------------
    def add_shift(self) -> None:
        if self.rally is None:
            return
        dialog = ShiftDialog(self.context, self.rally, parent=self)
        dialog.saved.connect(lambda change: self._shift_saved(change, _("Shift “{role}” added")))
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        dialog.open()

    def edit_shift(self) -> None:
        shift = self.selected_shift()
        if self.rally is None or shift is None:
            return
        dialog = ShiftDialog(self.context, self.rally, shift, parent=self)
        dialog.saved.connect(lambda saved: self._shift_saved(saved, _("Shift “{role}” saved")))
        dialog.gone.connect(self.changed.emit)  # deleted meanwhile: the tab reads the rally again
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        dialog.open()

    def _shift_saved(self, change: ShiftChange, message: str) -> None:
        shift = change.shift
        self.just_promoted = {s.id for s in change.promotions}
        said = message.format(role=shift.role)
        if change.promotions:
            said += ". " + promotions_by_shift(change.promotions, {shift.id: shift.role})
        self.changed.emit()
        self.select_shift(shift.id)
        if change.promotions:
            self.notice.show_message(said, "info")
        self.context.say(said)

    def announce_promotions(self, promoted: Sequence[SignUpData], roles: dict[int, str]) -> str:
        """Name whoever moved up from a waitlist (after the rally moved its shifts); the
        sentence, also said in the status bar by the caller."""
        self.just_promoted = {s.id for s in promoted}
        sentence = promotions_by_shift(promoted, roles)
        if promoted:
            self.select_shift(promoted[0].shift_id)
            self._show_signups()  # in bold, as moved up
            self.notice.show_message(sentence, "info")
        return sentence

    def select_shift(self, shift_id: int) -> None:
        for row in range(self.shifts.rowCount()):
            if self.shifts.item(row, 0).data(ID_ROLE) == shift_id:
                self.shifts.selectRow(row)
                return

    def remove_shift(self) -> None:
        shift = self.selected_shift()
        if shift is None:
            return
        people = sum(1 for s in shift.signups if s.status != SignUpStatus.CANCELLED)
        question = _("Remove the shift “{role}”?").format(role=shift.role)
        if people:
            question += "\n" + ngettext(
                "{n} person is signed up for it.", "{n} people are signed up for it.", people
            ).format(n=people)
        if not confirm_and_delete(
            self,
            self.context,
            "shift",
            shift.id,
            title=_("Remove shift"),
            question=question,
            undo_label=_("remove shift"),
        ):
            return
        self.context.say(_("Shift “{role}” removed. Undo with Ctrl+Z.").format(role=shift.role))
        self.changed.emit()

    # --- sign-ups -----------------------------------------------------------------------------
    def assign_volunteers(self) -> None:
        shift = self.selected_shift()
        if shift is None:
            return
        dialog = AssignDialog(self.context, shift, self)
        dialog.chosen.connect(lambda picked: self.sign_up(shift, picked))
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # else each one stays a hidden child
        dialog.open()

    def sign_up(self, shift: ShiftData, picked: list[tuple[int, str]]) -> None:
        self.just_promoted.clear()
        signed: list[str] = []
        waitlisted: list[str] = []
        problems: list[str] = []
        for volunteer_id, name in picked:
            try:
                result = self.context.call(signups.sign_up, volunteer_id, shift.id)
            except RallyorgError as error:
                problems.append(error.translated(_))
                continue
            (waitlisted if result.status == SignUpStatus.WAITLISTED else signed).append(name)
        sentences = []
        if len(signed) == 1:
            sentences.append(_("{name} is signed up for {role}.").format(name=signed[0], role=shift.role))
        elif signed:
            sentences.append(
                ngettext(
                    "{n} person signed up for {role}.", "{n} people signed up for {role}.", len(signed)
                ).format(n=len(signed), role=shift.role)
            )
        if waitlisted:
            sentences.append(
                ngettext(
                    "Shift full — {names} is on the waitlist.",
                    "Shift full — {names} are on the waitlist.",
                    len(waitlisted),
                ).format(names=", ".join(waitlisted))
            )
        sentences.extend(problems)
        message = " ".join(sentences)
        self.changed.emit()
        self.notice.show_message(message, "warning" if waitlisted or problems else "done")
        self.context.say(message)

    def cancel_signup(self) -> None:
        signup = self.selected_signup()
        shift = self.selected_shift()
        if signup is None or shift is None:
            return
        answer = QMessageBox.question(
            self,
            _("Cancel sign-up"),
            cancel_question(signup, shift, dt.datetime.now(dt.UTC)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = self.context.call(signups.cancel_signup, signup.id)
        except RallyorgError as error:
            show_error(self, error)
            return
        message = cancel_outcome(change, shift.role)
        self.just_promoted = {s.id for s in change.promotions}
        self.changed.emit()
        self.notice.show_message(message, "info")
        self.context.say(message)

    def confirm_signup(self) -> None:
        signup = self.selected_signup()
        if signup is None:
            return
        try:
            self.context.call(
                signups.set_signup_status, signup.id, SignUpStatus.CONFIRMED, version=signup.version
            )
        except RallyorgError as error:
            show_error(self, error)
            return
        self.changed.emit()
        self.context.say(_("{name} is confirmed.").format(name=signup.volunteer_name))

    def delete_focused(self) -> bool:
        """The Delete key inside this tab: cancel the chosen sign-up or remove the shift."""
        focus = QApplication.focusWidget()
        if focus is self.signups and self.selected_signup() is not None:
            self.cancel_signup()
            return True
        if focus is self.shifts and self.selected_shift() is not None:
            self.remove_shift()
            return True
        return False
