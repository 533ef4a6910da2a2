"""The row at the bottom of every record editor (Rallies, Partners, Volunteers): any extra
actions on the left ("Forget this person…"), then "Unsaved changes", Discard changes and an
accent Save — one layout, one look, so a person who learnt one editor knows them all.

Every control is always in place; typing only enables buttons and writes the words, so the
first keystroke moves nothing. "Unsaved changes" never widens the editor (which would squeeze
the list beside it): it takes the room left over, and when the editor is too narrow for it
beside the buttons it sits above them — decided by the width alone, never by a keystroke."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.shortcuts import with_shortcut
from rallyorg.gui.widgets.style import ACCENT
from rallyorg.i18n import _


def accent_button_style(palette: QPalette) -> str:
    """Enabled: the accent colour, with a 2 px border that turns the text colour when focused
    (a style sheet hides the platform's focus frame). Disabled: the palette's own greyed-out
    button, light or dark, so there is no grey block with unreadable words. Border + padding
    add up to the same size in every state, so nothing moves when Save becomes available."""
    disabled = QPalette.ColorGroup.Disabled
    text = palette.color(disabled, QPalette.ColorRole.ButtonText).name()
    face = palette.color(disabled, QPalette.ColorRole.Button).name()
    edge = palette.color(QPalette.ColorRole.Mid).name()
    return (
        f"QPushButton {{ background: {ACCENT}; color: white; border: 2px solid {ACCENT};"
        " border-radius: 4px; padding: 3px 14px; }"
        "QPushButton:focus { border-color: palette(window-text); }"
        f"QPushButton:disabled {{ background: {face}; color: {text};"
        f" border: 1px solid {edge}; padding: 4px 15px; }}"
    )


class SaveBar(QWidget):
    """Extra buttons (Forget…), "Unsaved changes", Discard changes and an accent Save."""

    def __init__(
        self,
        *,
        discard: Callable[[], object],
        save: Callable[[], object],
        extra_buttons: Sequence[QPushButton] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.extra_buttons = tuple(extra_buttons)

        # "Unsaved changes", with a pencil, flush against the buttons it is about.
        self.indicator = QWidget()
        self.indicator.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.unsaved_label = QLabel()
        line = self.unsaved_label.fontMetrics().height()
        self.unsaved_label.setMinimumHeight(line)  # the same height written or not
        self.unsaved_icon = QLabel()
        self.unsaved_icon.setFixedSize(line, line)
        self._pencil = icon("ph.note-pencil").pixmap(QSize(line, line))
        inner = QHBoxLayout(self.indicator)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addStretch(1)
        inner.addWidget(self.unsaved_icon)
        inner.addWidget(self.unsaved_label)

        self.revert_button = QPushButton(icon("ph.arrow-u-up-left"), _("Discard changes"))
        self.save_button = QPushButton(icon("ph.floppy-disk", color="white"), _("Save"))
        self.save_button.setToolTip(with_shortcut(_("Save"), QKeySequence.StandardKey.Save))
        self.save_button.setStyleSheet(accent_button_style(self.palette()))
        self.revert_button.clicked.connect(discard)
        self.save_button.clicked.connect(save)
        # Side by side the two look like one pair: the same height whatever the style sheet does.
        height = max(self.revert_button.sizeHint().height(), self.save_button.sizeHint().height())
        for button in (*self.extra_buttons, self.revert_button, self.save_button):
            button.setMinimumHeight(height)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._above = QHBoxLayout()  # holds the indicator only while the bar is narrow
        self._row = QHBoxLayout()
        for button in self.extra_buttons:
            self._row.addWidget(button)
        self._row.addWidget(self.indicator, 1)
        self._row.addWidget(self.revert_button)
        self._row.addWidget(self.save_button)
        layout.addLayout(self._above)
        layout.addLayout(self._row)
        self.show_state(False)

    # --- what the editor tells -----------------------------------------------------------------
    def show_state(self, dirty: bool, can_save: bool | None = None) -> None:
        """Whether the editor holds edits; ``can_save`` when Save is offered without any (a
        new record saved to see what is missing). Enables and writes; moves nothing."""
        savable = dirty if can_save is None else can_save
        greying = [b for b, on in ((self.revert_button, dirty), (self.save_button, savable)) if not on]
        if QApplication.focusWidget() in greying:
            self._step_back_from_the_buttons()
        self.revert_button.setEnabled(dirty)
        self.save_button.setEnabled(savable)
        self.unsaved_label.setText(_("Unsaved changes") if dirty else "")
        self.unsaved_icon.setPixmap(self._pencil if dirty else QPixmap())

    def _step_back_from_the_buttons(self) -> None:
        """After Save or Discard the button pressed greys out; Qt would then send the focus on
        round the window (to the search field at its top). Back to the form's last field
        instead, as Shift+Tab would go."""
        chain = self.focus_chain()
        for _step in range(len(chain)):
            focus = QApplication.focusWidget()
            if focus not in chain or not self.focusNextPrevChild(False):
                return

    def focus_chain(self) -> list[QWidget]:
        """The buttons in reading order, for an editor's Tab chain after its fields."""
        return [*self.extra_buttons, self.revert_button, self.save_button]

    # --- narrow editors ------------------------------------------------------------------------
    def is_stacked(self) -> bool:
        """True while "Unsaved changes" sits above the buttons (the bar is too narrow)."""
        return self._above.indexOf(self.indicator) >= 0

    def _needed_width(self) -> int:
        """The width of everything on one line, "Unsaved changes" written out."""
        words = self.unsaved_label.fontMetrics().horizontalAdvance(_("Unsaved changes"))
        spacing = max(self._row.spacing(), 6)
        buttons = [*self.extra_buttons, self.revert_button, self.save_button]
        return (
            self.unsaved_icon.width()
            + spacing
            + words
            + sum(b.sizeHint().width() for b in buttons)
            + len(buttons) * spacing
            + 2 * spacing  # breathing room between the words and the buttons
        )

    def _arrange(self) -> None:
        stacked = self._needed_width() > self.width()
        if stacked == self.is_stacked():
            return
        if stacked:
            self._row.removeWidget(self.indicator)
            self._above.addWidget(self.indicator)
        else:
            self._above.removeWidget(self.indicator)
            self._row.insertWidget(len(self.extra_buttons), self.indicator, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    @property
    def parts(self) -> tuple[QLabel, QPushButton, QPushButton]:
        """The unsaved label, Discard and Save, which the editors (and their tests) name."""
        return self.unsaved_label, self.revert_button, self.save_button
