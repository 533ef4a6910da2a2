"""The Flyer tab of the rally editor: choose languages, layout, paper and logo; see the flyer
as it will print; save it as PDF or print it; see what is missing and jump to fix it.

The flyer shows the rally as saved (``show_event``); the editor calls it after every load.

Rendering runs on the UI thread, on purpose: a flyer takes 20–70 ms (STYLE.md measured ~25
ms), below what a person notices, and option changes are debounced (150 ms) so a run of
clicks makes one render. ``run_in_background`` would add a thread hop, a progress dialog to
suppress, and a queue to keep ReportLab's renders one at a time (its font state is shared),
for no visible gain. A flyer is only rendered while the tab is visible.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rallyorg.errors import RallyorgError, ValidationError
from rallyorg.flyers import FlyerOptions, FlyerResult, Layout, missing_translations, render_flyer, save_pdf
from rallyorg.flyers.report import FIELD_MISSING, TITLE_MISSING
from rallyorg.gui.context import GuiContext
from rallyorg.gui.flyer.controls import FlyerControls
from rallyorg.gui.flyer.labels import PAPER_LABELS
from rallyorg.gui.flyer.naming import flyer_file_name
from rallyorg.gui.flyer.preview import FlyerPreview
from rallyorg.gui.flyer.printing import prepare_printer, print_document
from rallyorg.gui.flyer.warnings_panel import FlyerWarnings
from rallyorg.gui.rallies.notice import Notice
from rallyorg.gui.widgets.empty_state import EmptyState
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import ACCENT
from rallyorg.i18n import _
from rallyorg.services.events import EventData

DEBOUNCE_MS = 150
_SAVE_DIR_KEY = "flyer/save_dir"


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
        self._stale = True
        self._unsaved = False

        self.controls = FlyerControls(context.settings)
        self.warnings = FlyerWarnings()
        self.save_button = QPushButton(icon("ph.file-pdf"), _("Save PDF…"))
        self.save_button.setToolTip(_("Save the flyer as a PDF file"))
        self.print_button = QPushButton(icon("ph.printer", color="white"), _("Print…"))
        self.print_button.setToolTip(_("Print the flyer"))
        self.print_button.setStyleSheet(
            f"QPushButton {{ background: {ACCENT}; color: white; padding: 4px 14px; border-radius: 4px; }}"
            "QPushButton:disabled { background: palette(mid); }"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.print_button, 1)

        panel = QWidget()
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 8, 0)
        side.setSpacing(10)
        side.addWidget(self.controls)
        side.addWidget(self.warnings)
        side.addStretch(1)
        side.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(210)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through its fields, not the frame

        self.notice = Notice()
        self.preview = FlyerPreview()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 420])

        self.empty = EmptyState(_("Save the rally to see its flyer."), [])
        picture = QLabel()
        size = picture.fontMetrics().height() * 4
        picture.setPixmap(icon("ph.file-pdf", color="#6e7781").pixmap(QSize(size, size)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            _("The flyer is made from the rally's texts, place and partners, in one language or two.")
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        empty_layout = self.empty.layout()
        assert isinstance(empty_layout, QVBoxLayout)
        empty_layout.insertWidget(1, picture)
        empty_layout.insertWidget(3, hint)
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
        # After the editor has finished loading: then it knows whether edits are pending.
        QTimer.singleShot(0, self._follow_editor_dirty_state)
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
        if self._stale and self.rally is not None:
            self.render_now()

    def _follow_editor_dirty_state(self) -> None:
        # Until the editor calls set_unsaved_changes itself: ask the nearest ancestor that knows.
        widget = self.parentWidget()
        while widget is not None:
            is_dirty = getattr(widget, "is_dirty", None)
            if callable(is_dirty):
                self.set_unsaved_changes(bool(is_dirty()))
                return
            widget = widget.parentWidget()

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
        options = self.controls.options()
        self.controls.show_logo_error("")
        try:
            try:
                result = render_flyer(event, options)
            except ValidationError as error:
                if error.field != "logo" or options.logo is None:
                    raise
                # An unreadable logo should not hide the flyer: say so beside it, print without.
                self.controls.show_logo_error(error.translated(_))
                result = render_flyer(event, self.controls.options(with_logo=False))
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
        return paper

    def _enable_actions(self) -> None:
        ready = self.result is not None
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # --- fixing texts -----------------------------------------------------------------------------
    def _edit_texts(self, language: str, field: str) -> None:
        self.edit_texts_requested.emit(language, field)
        tabs, texts_index = self._texts_tab()
        if tabs is None:
            return
        tabs.setCurrentIndex(texts_index)
        # The rallies Texts tab has a column per language with a widget per field; go to the
        # first missing one if it is there (looked up, not imported: the tab is not ours).
        column = getattr(tabs.widget(texts_index), "columns", {}).get(language)
        widget = getattr(column, field, None)
        if isinstance(widget, QWidget):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            ensure_visible = getattr(tabs.widget(texts_index), "ensureWidgetVisible", None)
            if callable(ensure_visible):
                ensure_visible(widget)

    def _texts_tab(self) -> tuple[QTabWidget | None, int]:
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, QTabWidget):
                for index in range(widget.count()):
                    if widget.tabText(index).replace("&", "") == _("Texts"):
                        return widget, index
            widget = widget.parentWidget()
        return None, -1

    # --- saving and printing ----------------------------------------------------------------------
    def _file_name(self) -> str:
        assert self.rally is not None
        return flyer_file_name(self.rally, self.controls.languages())

    def save_pdf(self) -> Path | None:
        if self.result is None or self.rally is None:
            return None
        folder = str(
            self.context.settings.value(_SAVE_DIR_KEY, "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save flyer as PDF"), str(Path(folder) / self._file_name()), _("PDF documents (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            save_pdf(path, self.result.pdf)
        except OSError as error:
            # A full disk or a read-only folder is the user's to fix, not a crash to log.
            QMessageBox.warning(
                self,
                _("Save flyer as PDF"),
                _("The flyer could not be saved to {path}: {reason}").format(
                    path=str(path), reason=error.strerror or type(error).__name__
                ),
            )
            return None
        self.context.settings.setValue(_SAVE_DIR_KEY, str(path.parent))
        self.context.say(_("Flyer saved to {path}").format(path=str(path)))
        return path

    def print_flyer(self) -> None:
        """Print through the system print dialog (also what Ctrl+P can call)."""
        if self._stale or self._timer.isActive():
            self.render_now()
        if self.result is None or self.rally is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.controls.paper_size(), Path(self._file_name()).stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print flyer"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_document(self.preview.document, printer)
        finally:
            QApplication.restoreOverrideCursor()
        if pages:
            self.context.say(
                _("Flyer sent to {printer}").format(printer=printer.printerName() or _("the printer"))
            )
        else:
            self.context.say(_("The flyer could not be printed: the printer did not start."))
