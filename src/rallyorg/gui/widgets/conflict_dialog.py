"""When a save finds the record changed or deleted by someone else meanwhile: both versions side
by side, field by field, and the user's choice of which to keep. Plain Qt, given text only; the
record-specific glue (reading, comparing, saving again) is gui/conflicts.py."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rallyorg.gui.widgets.style import scaled_font, title_label
from rallyorg.i18n import _


class Choice(enum.Enum):
    MINE = "mine"
    THEIRS = "theirs"


class Outcome(enum.Enum):
    KEEP_EDITING = "keep"  # nothing saved; the form keeps what was typed
    SAVE_CHOICES = "save"  # the per-field choices
    TAKE_THEIRS = "theirs"  # the saved version for everything
    SAVE_AS_NEW = "new"  # (deleted meanwhile) what was typed, as a new record
    DISCARD = "discard"  # (deleted meanwhile) drop what was typed


@dataclass(frozen=True)
class ConflictRow:
    label: str
    mine: str  # as text, ready to show
    theirs: str
    differs: bool
    # False when the user left this field as they opened it (only the other person changed it):
    # then "Mine" would only put the old value back, so the saved one is offered first.
    mine_changed: bool = True

    @property
    def default(self) -> Choice:
        return Choice.MINE if self.mine_changed else Choice.THEIRS


def _cell(text: str, *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # people's words, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if muted:
        label.setEnabled(False)  # the palette's own "disabled" colour: readable in light and dark
    return label


class _Dialog(QDialog):
    """Common frame: a bold headline, a sentence, the body, the buttons; Escape keeps editing."""

    def __init__(self, title: str, headline: str, explanation: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.outcome = Outcome.KEEP_EDITING
        self.default_button: QPushButton | None = None
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        heading = title_label(headline, 1.15)
        heading.setWordWrap(True)
        self.layout_.addWidget(heading)
        sentence = QLabel(explanation)
        sentence.setWordWrap(True)
        self.layout_.addWidget(sentence)
        self.buttons = QDialogButtonBox()
        self.keep_button = self.buttons.addButton(_("Keep editing"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once shown: showing gives focus, and so the default, to the first button in the box.
        widget = self.first_focus()
        if widget is not None:
            widget.setFocus()
        if self.default_button is not None:
            self.default_button.setDefault(True)  # Enter on a choice saves with the choices

    def first_focus(self) -> QWidget | None:
        return None

    def _add_action(self, text: str, outcome: Outcome, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = self.buttons.addButton(text, role)
        button.clicked.connect(lambda: self._finish(outcome))
        return button

    def _finish(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.accept()

    def reject(self) -> None:
        self.outcome = Outcome.KEEP_EDITING
        super().reject()


class ConflictDialog(_Dialog):
    """Someone else saved the record first. Each field that differs gets a Mine / Theirs choice
    (a pair of radio buttons: Tab reaches each pair, the arrow keys switch within it)."""

    def __init__(self, rows: Sequence[ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(
            _("Changed meanwhile"),
            _("Someone else changed this record while you were editing it"),
            _(
                "Choose, for each field that differs, which version to keep. "
                "Nothing is saved until you choose Save."
            ),
            parent,
        )
        self.rows = list(rows)
        self.choice_groups: dict[int, QButtonGroup] = {}  # row index -> its Mine/Theirs pair
        self.choice_buttons: dict[int, tuple[QRadioButton, QRadioButton]] = {}

        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, text in enumerate((_("Field"), _("Yours"), _("Saved meanwhile"), _("Keep"))):
            header = QLabel(text)
            header.setFont(scaled_font(header, 1.0, bold=True))
            grid.addWidget(header, 0, column)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(line, 1, 0, 1, 4)

        # Differing fields first (they are what needs attention), then the others, muted.
        ordered = [i for i, r in enumerate(self.rows) if r.differs]
        ordered += [i for i, r in enumerate(self.rows) if not r.differs]
        for grid_row, index in enumerate(ordered, start=2):
            row = self.rows[index]
            name = _cell(row.label, muted=not row.differs)
            name.setFont(scaled_font(name, 1.0, bold=row.differs))
            grid.addWidget(name, grid_row, 0)
            mine_text = row.mine
            if row.differs and not row.mine_changed:
                mine_text = _("{value} (as you opened it)").format(value=row.mine)
            grid.addWidget(_cell(mine_text, muted=not row.differs), grid_row, 1)
            grid.addWidget(_cell(row.theirs, muted=not row.differs), grid_row, 2)
            if row.differs:
                grid.addWidget(self._choice(index, row), grid_row, 3, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addWidget(_cell(_("Same in both"), muted=True), grid_row, 3)
        grid.setRowStretch(len(ordered) + 2, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_widget)
        self.layout_.addWidget(scroll, 1)

        self.save_button = self._add_action(
            _("Save with these choices"), Outcome.SAVE_CHOICES, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.theirs_button = self._add_action(
            _("Take theirs for everything"), Outcome.TAKE_THEIRS, QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.default_button = self.save_button
        self.layout_.addWidget(self.buttons)
        # Readable at 1024×700: wide enough for two values side by side, never taller than that.
        self.resize(self.fontMetrics().averageCharWidth() * 100, min(self.sizeHint().height() + 40, 620))

    def first_focus(self) -> QWidget | None:
        """The first choice (the arrow keys switch it), or Save when there is none."""
        first = next(iter(self.choice_buttons.values()), None)
        if first is None:
            return self.save_button
        return first[0] if first[0].isChecked() else first[1]

    def _choice(self, index: int, row: ConflictRow) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        mine = QRadioButton(_("Mine"))
        theirs = QRadioButton(_("Theirs"))
        for button, side in ((mine, _("Mine")), (theirs, _("Theirs"))):
            # Translators: read by screen readers for a choice in the conflict dialog, e.g. "City: Mine".
            button.setAccessibleName(_("{field}: {side}").format(field=row.label, side=side))
        group = QButtonGroup(box)
        group.addButton(mine)
        group.addButton(theirs)
        (mine if row.default == Choice.MINE else theirs).setChecked(True)
        layout.addWidget(mine)
        layout.addWidget(theirs)
        layout.addStretch(1)
        self.choice_groups[index] = group
        self.choice_buttons[index] = (mine, theirs)
        return box

    def choose(self, index: int, choice: Choice) -> None:
        mine, theirs = self.choice_buttons[index]
        (mine if choice == Choice.MINE else theirs).setChecked(True)

    def choices(self) -> list[Choice]:
        """One per row, in the order given; rows that do not differ keep Mine (the same value)."""
        picked = []
        for index in range(len(self.rows)):
            buttons = self.choice_buttons.get(index)
            picked.append(Choice.THEIRS if buttons and buttons[1].isChecked() else Choice.MINE)
        return picked


class DeletedDialog(_Dialog):
    """Someone deleted the record meanwhile: save what was typed as a new one, or let it go."""

    def __init__(self, can_save_as_new: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Deleted meanwhile"),
            _("Someone deleted this record while you were editing it"),
            _("Your changes are still in the form. You can save them as a new record or discard them."),
            parent,
        )
        self.new_button: QPushButton | None = None
        if can_save_as_new:
            self.new_button = self._add_action(
                _("Save mine as a new record"), Outcome.SAVE_AS_NEW, QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.default_button = self.new_button
        self.discard_button = self._add_action(
            _("Discard my changes"), Outcome.DISCARD, QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.layout_.addWidget(self.buttons)

    def first_focus(self) -> QWidget | None:
        return self.new_button or self.keep_button
