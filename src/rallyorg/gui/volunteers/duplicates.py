"""Review likely duplicate volunteers side by side and merge them, keeping every sign-up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.domain.validation import format_phone
from rallyorg.gui.background import Task, run_in_background
from rallyorg.gui.changes import Change, Op, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.volunteers.comparison import DIFFERENT, ComparisonTable
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _, ngettext
from rallyorg.services import volunteers
from rallyorg.services.volunteers import DuplicatePair, VolunteerData

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1
LOADING, EMPTY, PAIRS = range(3)


def reason_text(pair: DuplicatePair) -> str:
    if pair.reason == "phone":
        return _("Same phone number: {phone}").format(phone=format_phone(pair.first.phone))
    return _("Same name and email: {email}").format(email=pair.first.email)


class DuplicatesDialog(QDialog):
    merged = Signal(int, int)  # the id of the record kept, the id of the one merged into it

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Possible duplicate volunteers"))
        self.resize(1040, 640)
        self.pairs: list[DuplicatePair] = []
        self.left: VolunteerData | None = None
        self.right: VolunteerData | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "These records may be the same person: they share a phone number, or a name and an "
                "email. Compare them and merge the ones that are. Merging keeps every sign-up."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.pair_list = QListWidget()
        self.pair_list.setAccessibleName(_("Possible duplicates"))
        self.pair_list.setWordWrap(True)
        self.pair_list.setAlternatingRowColors(True)
        self.pair_list.setSpacing(3)
        self.pair_list.currentRowChanged.connect(self._pair_chosen)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.left_stack = QStackedWidget()
        loading = QLabel(_("Looking for possible duplicates…"))
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.left_stack.addWidget(loading)
        self.left_stack.addWidget(self.status)
        self.left_stack.addWidget(self.pair_list)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.comparison = ComparisonTable(context.language)
        column.addWidget(self.comparison, 1)
        legend = QLabel(_("{mark} and bold mark the fields that differ.").format(mark=DIFFERENT))
        column.addWidget(legend)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.merge_left = QPushButton(icon("ph.arrow-left"), _("Merge into left"))
        self.merge_left.setToolTip(_("Keep the left record and move everything from the right one into it"))
        self.merge_left.clicked.connect(lambda: self.merge(keep_left=True))
        self.merge_right = QPushButton(icon("ph.arrow-right"), _("Merge into right"))
        self.merge_right.setToolTip(_("Keep the right record and move everything from the left one into it"))
        self.merge_right.clicked.connect(lambda: self.merge(keep_left=False))
        buttons.addWidget(self.merge_left)
        buttons.addWidget(self.merge_right)
        column.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.left_stack)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 740])
        layout.addWidget(splitter, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self._update_buttons()

    # --- the pairs ------------------------------------------------------------------------
    def load_pairs(self) -> None:
        """Look for duplicates off the UI thread (a big list takes a while)."""
        self.left_stack.setCurrentIndex(LOADING)
        self._busy = True
        self._update_buttons()

        def failed(error: BaseException) -> None:
            self._busy = False
            show_error(self, error)

        db = self.context.db
        run_in_background(
            self,
            _("Looking for possible duplicates…"),
            lambda _task: volunteers.find_duplicates(db),
            self._show_pairs,
            failed,
        )

    def _show_pairs(self, pairs: list[DuplicatePair]) -> None:
        self._busy = False
        self.pairs = pairs
        self.pair_list.blockSignals(True)
        self.pair_list.clear()
        for pair in pairs:
            item = QListWidgetItem(
                _("{first} and {second}").format(first=pair.first.name, second=pair.second.name)
                + "\n"
                + reason_text(pair)
            )
            item.setData(PAIR_ROLE, (pair.first.id, pair.second.id))
            self.pair_list.addItem(item)
        self.pair_list.blockSignals(False)
        if pairs:
            self.left_stack.setCurrentIndex(PAIRS)
            self.pair_list.setCurrentRow(0)
        else:
            self.status.setText(_("No likely duplicates found. Nothing to merge."))
            self.left_stack.setCurrentIndex(EMPTY)
            self._pair_chosen(-1)
        self.setWindowTitle(
            ngettext(
                "Possible duplicate volunteers: {n} pair",
                "Possible duplicate volunteers: {n} pairs",
                len(pairs),
            ).format(n=len(pairs))
        )

    def _pair_chosen(self, row: int) -> None:
        self.left = self.right = None
        if 0 <= row < len(self.pairs):
            pair = self.pairs[row]
            language = self.context.language
            try:
                self.left = self.context.call(volunteers.get_volunteer, pair.first.id, language)
                self.right = self.context.call(volunteers.get_volunteer, pair.second.id, language)
            except RallyorgError:  # merged or deleted elsewhere meanwhile
                self.left = self.right = None
                self.load_pairs()
                return
        self.comparison.set_records(self.left, self.right)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = not self._busy and self.left is not None and self.right is not None
        self.merge_left.setEnabled(ready)
        self.merge_right.setEnabled(ready)

    def reject(self) -> None:
        """Close, unless background work still reports to this dialog."""
        if self._busy:
            self.context.say(_("Please wait: still working on the duplicates."))
            return
        super().reject()

    # --- merging --------------------------------------------------------------------------
    def merge(self, *, keep_left: bool) -> None:
        if self.left is None or self.right is None or self._busy:
            return
        keep, other = (self.left, self.right) if keep_left else (self.right, self.left)
        answer = QMessageBox.question(
            self,
            _("Merge volunteers"),
            "\n\n".join(
                (
                    _("Merge {other} into {keep}?"),
                    _(
                        "Every sign-up of {other} moves to {keep}, empty fields are filled in from "
                        "{other}, and the separate record of {other} is removed. This cannot be undone."
                    ),
                )
            ).format(other=other.name, keep=keep.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy = True
        self._update_buttons()
        db = self.context.db

        def work(task: Task) -> VolunteerData:
            task.progress(0, 0, _("Merging {other} into {keep}…").format(other=other.name, keep=keep.name))
            return volunteers.merge_volunteers(db, keep.id, other.id)

        def done(result: VolunteerData) -> None:
            self._busy = False
            self.context.say(
                ngettext(
                    "Merged {other} into {keep}; {n} sign-up kept.",
                    "Merged {other} into {keep}; {n} sign-ups kept.",
                    len(result.history),
                ).format(other=other.name, keep=result.name, n=len(result.history))
            )
            self.context.data_changed(Change.of(Record.VOLUNTEERS | Record.SIGNUPS, Op.DELETED, other.id))
            self.merged.emit(result.id, other.id)
            self.load_pairs()

        def failed(error: BaseException) -> None:
            self._busy = False
            self._update_buttons()
            show_error(self, error)

        run_in_background(self, _("Merging volunteers…"), work, done, failed)
