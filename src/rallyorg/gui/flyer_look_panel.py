"""Settings ▸ Flyer look: the coalition's two colours and font family, shared by everyone on the
database (services/look.py), with a small sample of a flyer in colour and in black and white.

A colour that would not read on the white page or on a black-and-white copy is not saved: the
reason, with the contrast measured, shows under the choices and the previous colour stays."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.font_families import FAMILIES
from rallyorg.domain.look import FlyerLook, grayscale
from rallyorg.gui.changes import Change, Record
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.banner import Banner
from rallyorg.gui.widgets.flyer_fonts import flyer_font
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label, scaled_font
from rallyorg.i18n import _
from rallyorg.services import look as look_service

#: the flyer's paper, whatever the app's colour scheme
PAPER = "#FFFFFF"


def swatch(colour: str, size: int) -> QIcon:
    """A square of ``colour`` with a dark edge (a light colour stays visible on a light button)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#57606a"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class ColourButton(QPushButton):
    """A colour as a swatch and its #RRGGBB; a click asks for another (``chosen``). The button
    keeps showing its colour until told otherwise: a refused choice never shows here."""

    chosen = Signal(str)  # "#RRGGBB"

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.colour = ""
        self.setAccessibleName(name)
        self.clicked.connect(self._choose)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        size = self.fontMetrics().height()
        self.setIcon(swatch(colour, size))
        self.setIconSize(QSize(size, size))
        self.setText(colour)

    def _choose(self) -> None:
        picked = QColorDialog.getColor(QColor(self.colour), self, self.name)
        if picked.isValid():
            self.chosen.emit(picked.name().upper())


class LookSample(QWidget):
    """A corner of a flyer as the look prints it, in colour and in grey side by side: a language
    tag (white on the accent), a heading in the accent and a line in the second colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.colour = _SamplePage(_("In colour"))
        self.grey = _SamplePage(_("In black and white, as photocopied"))
        row.addWidget(self.colour, 1)
        row.addWidget(self.grey, 1)

    def show_look(self, look: FlyerLook) -> None:
        self.colour.paint(look.accent, look.second, look.font)
        self.grey.paint(grayscale(look.accent), grayscale(look.second), look.font)


class _SamplePage(QWidget):
    def __init__(self, caption: str) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.page = QFrame()
        self.page.setObjectName("samplePage")
        self.page.setStyleSheet(f"QFrame#samplePage {{ background: {PAPER}; border: 1px solid #8c959f; }}")
        inside = QVBoxLayout(self.page)
        inside.setContentsMargins(10, 8, 10, 8)
        inside.setSpacing(4)
        # Words of the sample flyer, in the app's language (each rally chooses its flyer's).
        # Translators: the language tag on Settings' sample flyer: your language's code (ES, PT).
        self.tag = QLabel(_("EN"))
        self.heading = QLabel(_("Rally for fair wages"))
        self.heading.setWordWrap(True)
        self.line = QLabel(_("Sign up to volunteer"))
        self.line.setWordWrap(True)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag)
        tag_row.addStretch(1)
        inside.addLayout(tag_row)
        inside.addWidget(self.heading)
        inside.addWidget(self.line)
        column.addWidget(self.page)
        self.caption = hint_label(caption)
        column.addWidget(self.caption)
        self.setAccessibleName(caption)

    def paint(self, accent: str, second: str, font_key: str) -> None:
        base = scaled_font(self)
        self.tag.setFont(flyer_font(font_key, scaled_font(self, 0.9, bold=True)))
        self.tag.setStyleSheet(f"color: {PAPER}; background: {accent}; padding: 1px 6px; border-radius: 3px;")
        self.heading.setFont(flyer_font(font_key, scaled_font(self, 1.4, bold=True)))
        self.heading.setStyleSheet(f"color: {accent}; background: transparent;")
        self.line.setFont(flyer_font(font_key, base))
        self.line.setStyleSheet(f"color: {second}; background: transparent;")


class FlyerLookPanel(QWidget):
    """The two colours, the font family, the sample and "Reset to the default look"."""

    saved = Signal(object)  # the FlyerLook now stored

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.look = FlyerLook()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.accent = ColourButton(_("Accent colour"))
        self.accent.chosen.connect(lambda colour: self._save(replace(self.look, accent=colour)))
        self.second = ColourButton(_("Second colour"))
        self.second.chosen.connect(lambda colour: self._save(replace(self.look, second=colour)))
        self.font_choice = QComboBox()
        self.font_choice.setAccessibleName(_("Font of the flyers"))
        for family in FAMILIES.values():
            # Each family's name in its own face, so the choice shows what it prints.
            self.font_choice.addItem(family.name, family.key)
            index = self.font_choice.count() - 1
            self.font_choice.setItemData(index, flyer_font(family.key, self.font()), Qt.ItemDataRole.FontRole)
        self.font_choice.activated.connect(self._font_chosen)
        for label, widget in (
            (_("Accent colour"), self.accent),
            (_("Second colour"), self.second),
            (_("Font of the flyers"), self.font_choice),
        ):
            row = QHBoxLayout()
            row.addWidget(widget)
            row.addStretch(1)
            self.form.addRow(label, row)
        layout.addLayout(self.form)
        self.problem = Banner()
        layout.addWidget(self.problem)
        self.sample = LookSample()
        layout.addWidget(self.sample)
        buttons = QHBoxLayout()
        self.reset = QPushButton(icon("ph.arrow-counter-clockwise"), _("Reset to the default look"))
        self.reset.clicked.connect(self.reset_look)
        buttons.addWidget(self.reset)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        may_change = context.rights.write_events
        self.hint = hint_label(
            _(
                "Every flyer of the coalition prints with these, from any computer. A colour too light "
                "to read on the white page or on a black-and-white copy is refused, and the reason given."
            )
            if may_change
            else _("Only organizers and admins can change the flyer look, shared by everyone on this server.")
        )
        layout.addWidget(self.hint)
        for control in (self.accent, self.second, self.font_choice, self.reset):
            control.setEnabled(may_change)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored look (another organizer may have changed it meanwhile)."""
        try:
            self._show(self.context.call(look_service.get_look))
        except RallyorgError as error:
            self._show(self.look)
            self.problem.show_message(error.translated(_), "error")

    def reset_look(self) -> None:
        try:
            stored = self.context.call(look_service.reset_look)
        except RallyorgError as error:
            self.problem.show_message(error.translated(_), "error")
            return
        self._stored(stored, _("The flyers are back to rallyorg's default look"))

    def _font_chosen(self, index: int) -> None:
        key = str(self.font_choice.itemData(index))
        if key != self.look.font:
            self._save(replace(self.look, font=key))

    def _save(self, wanted: FlyerLook) -> None:
        """Store ``wanted``; when refused, say why here and keep showing the stored look."""
        try:
            stored = self.context.call(look_service.save_look, wanted)
        except RallyorgError as error:
            self._show(self.look)
            reason = error.translated(_)
            if isinstance(error, ValidationError):
                reason = _("{reason} Nothing was changed.").format(reason=reason)
                field = {"accent": self.accent, "second": self.second}.get(error.field, self.font_choice)
                field.setFocus()
            self.problem.show_message(reason, "error")
            return
        self._stored(stored, _("Flyer look saved"))

    def _stored(self, look: FlyerLook, message: str) -> None:
        self._show(look)
        self.context.say(message)
        self.context.data_changed(Change.of(Record.EVENTS))  # every flyer looks different now
        self.saved.emit(look)

    def _show(self, look: FlyerLook) -> None:
        self.look = look
        self.problem.hide()
        self.accent.set_colour(look.accent)
        self.second.set_colour(look.second)
        self.font_choice.setCurrentIndex(max(0, self.font_choice.findData(look.font)))
        self.font_choice.setFont(flyer_font(look.font, self.font()))
        self.sample.show_look(look)
