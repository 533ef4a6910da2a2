"""The Flyer tab of the rally editor: choose languages, layout, paper and logo; see the flyer
as it will print; save it as PDF or print it; see what is missing and jump to fix it.

The flyer shows the rally as saved (``show_event``); the editor calls it after every load.

Making the PDF runs on the UI thread, on purpose: a flyer takes 20–70 ms (STYLE.md measured
~25 ms), below what a person notices, and option changes are debounced (150 ms) so a run of
clicks makes one render; ReportLab's font state is shared, so its renders must not overlap.
Drawing the PDF's pages as pixels, the slower part at high zoom, runs off the UI thread in the
preview (gui/flyer/page_view.py). A flyer is only made while the tab is visible.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError, ValidationError
from rallyorg.domain.events import EventData
from rallyorg.domain.look import FlyerLook
from rallyorg.domain.pictures import FlyerArt
from rallyorg.flyers import (
    FlyerOptions,
    FlyerResult,
    Layout,
    build_content,
    missing_translations,
    render_flyer,
)
from rallyorg.flyers.chat import chat_text
from rallyorg.flyers.phone import PhoneSize, render_phone_content
from rallyorg.flyers.report import FIELD_MISSING, TITLE_MISSING
from rallyorg.gui.context import GuiContext
from rallyorg.gui.flyer.controls import FlyerControls
from rallyorg.gui.flyer.editor_links import editor_has_unsaved_changes, open_texts
from rallyorg.gui.flyer.empty import unsaved_rally_state
from rallyorg.gui.flyer.labels import PAPER_LABELS, PHONE_SIZE_LABELS
from rallyorg.gui.flyer.naming import flyer_file_name
from rallyorg.gui.flyer.preview import FlyerPreview
from rallyorg.gui.flyer.printing import print_with_dialog
from rallyorg.gui.flyer.saving import save_flyer_as, save_picture_as
from rallyorg.gui.flyer.warnings_panel import FlyerWarnings
from rallyorg.gui.rallies.notice import Notice
from rallyorg.gui.widgets.fitting import FittingScrollArea
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import ACCENT
from rallyorg.i18n import _
from rallyorg.services import look as look_service
from rallyorg.services import pictures as picture_service

DEBOUNCE_MS = 150


class FlyerTab(QWidget):
    #: "Edit texts" was pressed: (language, field) of the first missing text, "" when none.
    #: The tab also switches its enclosing QTabWidget to the "Texts" tab by itself; the editor
    #: may connect this to focus the exact field instead.
    edit_texts_requested = Signal(str, str)

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rally: EventData | None = None
        self.result: FlyerResult | None = None
        # The rally's picture and its groups' logos, and the coalition's look: read when a
        # rally is shown (or the tab comes back), not on every render.
        self._art = FlyerArt()
        self._look = FlyerLook()
        self._art_for: int | None = None
        self._stale = True
        self._unsaved = False

        self.controls = FlyerControls(context.settings, context.language)
        self.warnings = FlyerWarnings()
        self.save_button = QPushButton(icon("ph.file-pdf"), _("Save PDF…"))
        self.save_button.setToolTip(_("Save the flyer as a PDF file"))
        self.print_button = QPushButton(icon("ph.printer", color="white"), _("Print…"))
        self.print_button.setToolTip(_("Print the flyer"))
        self.print_button.setStyleSheet(
            f"QPushButton {{ background: {ACCENT}; color: white; padding: 4px 14px; border-radius: 4px; }}"
            "QPushButton:disabled { background: palette(mid); }"
        )
        self.image_button = QToolButton()
        self.image_button.setText(_("Save image…"))
        self.image_button.setIcon(icon("ph.image"))
        self.image_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.image_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.image_button.setToolTip(_("A picture of the flyer for WhatsApp, Instagram or Facebook"))
        sizes = QMenu(self.image_button)
        for size, label in PHONE_SIZE_LABELS.items():
            action = sizes.addAction(_(label))
            action.setData(size.value)
        sizes.triggered.connect(lambda action: self.save_image(PhoneSize(action.data())))
        self.image_button.setMenu(sizes)
        self.copy_button = QPushButton(icon("ph.copy"), _("Copy text"))
        self.copy_button.setToolTip(
            _("The rally in a few lines, in both languages, to paste into a group chat")
        )
        self.copy_button.clicked.connect(self.copy_text)
        buttons = QGridLayout()
        buttons.addWidget(self.save_button, 0, 0)
        buttons.addWidget(self.print_button, 0, 1)
        buttons.addWidget(self.image_button, 1, 0)
        buttons.addWidget(self.copy_button, 1, 1)
        self.image_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        panel = QWidget()
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 8, 0)
        side.setSpacing(10)
        side.addWidget(self.controls)
        side.addWidget(self.warnings)
        side.addStretch(1)
        scroll = FittingScrollArea()  # as wide as its controls need, never cut off
        scroll.setWidget(panel)
        scroll.setFrameShape(FittingScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through its fields, not the frame
        # Save and Print stay in sight under the choices, however many there are to scroll.
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(scroll, 1)
        buttons.setContentsMargins(0, 6, 8, 0)
        column_layout.addLayout(buttons)

        self.notice = Notice()
        self.preview = FlyerPreview()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(column)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 420])

        self.empty = unsaved_rally_state()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.pages)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self.controls.changed.connect(self._timer.start)
        self.controls.paper_proposed.connect(
            lambda paper: context.say(
                _("Posters usually print on tabloid paper: paper set to {paper}.").format(paper=paper)
            )
        )
        self.warnings.edit_texts.connect(self._edit_texts)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_flyer)
        self.show_event(None)

    # --- what is shown ----------------------------------------------------------------------------
    def show_event(self, event: EventData | None) -> None:
        """Show the flyer of ``event`` (None: a rally not saved yet)."""
        self.rally = event
        self.pages.setCurrentWidget(self.splitter if event is not None else self.empty)
        self._stale = True
        self._art_for = None
        # After the editor has finished loading: then it knows whether edits are pending.
        QTimer.singleShot(0, self, self._follow_editor_dirty_state)
        if event is None:
            self._timer.stop()
            self.result = None
            self.preview.clear()
            self._enable_actions()
        elif self.isVisible():
            self.render_now()

    def set_unsaved_changes(self, unsaved: bool) -> None:
        """The editor holds edits not saved yet: the flyer (made from the saved rally) says so."""
        self._unsaved = unsaved
        if unsaved:
            self.notice.show_message(
                _("The flyer shows the rally as last saved. Save your changes to see them here."), "warning"
            )
        else:
            self.notice.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_editor_dirty_state()
        self._art_for = None  # a picture or the look may have changed meanwhile
        if self.rally is not None:
            self.render_now()

    def _read_art_and_look(self, event: EventData) -> None:
        if self._art_for == event.id:
            return
        self._art = self.context.call(picture_service.flyer_art, event.id)
        self._look = self.context.call(look_service.get_look)
        self._art_for = event.id

    def _follow_editor_dirty_state(self) -> None:
        # Until the editor calls set_unsaved_changes itself, ask it.
        unsaved = editor_has_unsaved_changes(self)
        if unsaved is not None:
            self.set_unsaved_changes(unsaved)

    @property
    def pdf(self) -> bytes | None:
        """The flyer on show, as PDF bytes."""
        return self.result.pdf if self.result is not None else None

    def render_now(self) -> None:
        self._timer.stop()
        event = self.rally
        if event is None:
            return
        self._stale = False
        self.controls.show_logo_error("")
        try:
            self._read_art_and_look(event)
            options = self.controls.options(look=self._look)
            art = self.controls.art(self._art)
            try:
                result = render_flyer(event, options, art)
            except ValidationError as error:
                if error.field != "logo" or options.logo is None:
                    raise
                # An unreadable logo should not hide the flyer: say so beside it, print without.
                self.controls.show_logo_error(error.translated(_))
                result = render_flyer(event, self.controls.options(with_logo=False, look=self._look), art)
        except RallyorgError as error:
            self.result = None
            self.preview.clear()
            self.warnings.show_error(error.translated(_))
            self._enable_actions()
            return
        self.result = result
        missing = missing_translations(event, options.languages)
        repeated = {(m.language, m.field) for m in missing}
        notes = [
            w
            for w in result.warnings
            if not (w.message in (FIELD_MISSING, TITLE_MISSING) and (w.language, w.field) in repeated)
        ]
        self.warnings.show_problems(missing, notes, self.context.language, options.languages)
        self.preview.show_pdf(result.pdf, self._caption(options))
        self._enable_actions()

    @staticmethod
    def _caption(options: FlyerOptions) -> str:
        paper = _(PAPER_LABELS[options.paper])
        if options.layout == Layout.HANDBILL:
            # Translators: above the preview of a handbill; {paper} is e.g. "US Letter".
            return _("{paper} · two copies: cut along the dashed line").format(paper=paper)
        if options.layout == Layout.QUARTER:
            # Translators: above the preview of quarter-page handouts; {paper} is e.g. "US Letter".
            return _("{paper} · four copies: cut along the dashed lines").format(paper=paper)
        if options.layout == Layout.TEAROFF:
            # Translators: above the preview of a tear-off flyer; {paper} is e.g. "US Letter".
            return _("{paper} · cut along the dashed lines between the strips").format(paper=paper)
        if options.bleed:
            # Translators: above the preview of a poster with bleed; {paper} is e.g. "Tabloid 11×17".
            return _("{paper} · with bleed and crop marks, for a print shop").format(paper=paper)
        return paper

    def _enable_actions(self) -> None:
        ready = self.result is not None
        for button in (self.save_button, self.print_button, self.image_button, self.copy_button):
            button.setEnabled(ready)

    # --- fixing texts, saving, printing ----------------------------------------------------------
    def _edit_texts(self, language: str, field: str) -> None:
        self.edit_texts_requested.emit(language, field)
        open_texts(self, language, field)

    def _flush(self) -> FlyerResult | None:
        """The flyer for the choices on show, even if the debounce has not fired yet."""
        if self._stale or self._timer.isActive():
            self.render_now()
        return self.result if self.rally is not None else None

    def _file_name(self) -> str:
        assert self.rally is not None
        return flyer_file_name(self.rally, self.controls.languages())

    def save_pdf(self) -> Path | None:
        result = self._flush()
        if result is None:
            return None
        path = save_flyer_as(self, self.context.settings, result.pdf, self._file_name())
        if path is not None:
            self.context.say(_("Flyer saved to {path}").format(path=str(path)))
        return path

    def save_image(self, size: PhoneSize) -> Path | None:
        """The flyer as a PNG picture of ``size`` for phones, saved where the organizer says."""
        if self.rally is None:
            return None
        self._read_art_and_look(self.rally)
        content = build_content(self.rally, self.controls.languages())
        picture = render_phone_content(content, size, self._look, self.controls.art(self._art))
        name = Path(self._file_name()).stem + f"-{size.value}.png"
        path = save_picture_as(self, self.context.settings, picture.png, name)
        if path is not None:
            self.context.say(_("Picture saved to {path}").format(path=str(path)))
        return path

    def copy_text(self) -> str:
        """The rally as text for a group chat, on the clipboard."""
        if self.rally is None:
            return ""
        text = chat_text(build_content(self.rally, self.controls.languages()))
        clipboard = QApplication.clipboard()
        clipboard.setText(text)
        self.context.say(_("Copied: paste it into a group chat"))
        return text

    def print_flyer(self) -> None:
        """Print through the system print dialog (what Ctrl+P can call, too)."""
        result = self._flush()
        if result is None:
            return
        name = Path(self._file_name()).stem
        pdf = result.pdf
        if self.controls.options(look=self._look).bleed:  # bleed is for a print shop, not a printer
            assert self.rally is not None
            options = self.controls.options(look=self._look, bleed=False)
            pdf = render_flyer(self.rally, options, self.controls.art(self._art)).pdf
        message = print_with_dialog(self, pdf, self.controls.paper_size(), name)
        if message:
            self.context.say(message)
