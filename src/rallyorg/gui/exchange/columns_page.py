"""The import dialog's first step: what rallyorg read from the file (encoding and separator
in words, any warnings about the whole file, the question when its letters read two ways),
which column becomes which field, the first rows, the event (for sign-ups) and what to do
with records already in rallyorg."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rallyorg.exchange.columns import ColumnMapping, ImportKind
from rallyorg.exchange.errors import EncodingReading
from rallyorg.gui.context import GuiContext
from rallyorg.gui.exchange.banner import Banner
from rallyorg.gui.exchange.encoding_choice import EncodingChoice
from rallyorg.gui.exchange.event_combo import EventCombo
from rallyorg.gui.exchange.labels import (
    count,
    delimiter_words,
    encoding_words,
    field_label,
    notice_text,
    on_duplicate_label,
    on_duplicate_question,
    required_hint,
)
from rallyorg.gui.exchange.mapping_editor import MappingEditor
from rallyorg.gui.exchange.table_model import Cell, Row, RowsModel, fit_columns, rows_table
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import section_label
from rallyorg.i18n import _, ngettext
from rallyorg.services.imports import ImportPreview, OnDuplicate


class ColumnsPage(QWidget):
    changed = Signal()
    choose_file = Signal()
    encoding_chosen = Signal(str)  # the user picked how to read the file's letters

    def __init__(
        self, context: GuiContext, kind: ImportKind, event_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.kind = context, kind
        self.preview: ImportPreview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        file_row = QHBoxLayout()
        self.file_label = QLabel(_("Reading the file…"))
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.another = QPushButton(icon("ph.folder-open"), _("Choose another file…"))
        self.another.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.another, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(file_row)
        self.encoding_choice = EncodingChoice()
        self.encoding_choice.chosen.connect(self.encoding_chosen)
        layout.addWidget(self.encoding_choice)
        self.notices = QVBoxLayout()
        layout.addLayout(self.notices)
        self.error = Banner()
        layout.addWidget(self.error)

        self.events: EventCombo | None = None
        if kind == ImportKind.SIGNUPS:
            form = QFormLayout()
            self.events = EventCombo(context, event_id)
            self.events.setAccessibleName(_("Event the sign-ups are for"))
            self.events.currentIndexChanged.connect(lambda _i: self.changed.emit())
            event_label = QLabel(_("Sign-ups for *"))
            event_label.setBuddy(self.events)
            form.addRow(event_label, self.events)
            layout.addLayout(form)
            if not self.events.count():
                layout.addWidget(
                    Banner(_("There are no events yet. Create the rally and its shifts first."), "warning")
                )

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 4, 0, 0)
        top_layout.addWidget(section_label(_("Columns")))
        self.editor = MappingEditor()
        self.editor.mapping_changed.connect(self._mapping_changed)
        top_layout.addWidget(self.editor, 1)
        self.hint = QLabel(required_hint(kind))
        self.hint.setWordWrap(True)
        top_layout.addWidget(self.hint)
        splitter.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        self.sample_title = section_label(_("First rows of the file"))
        bottom_layout.addWidget(self.sample_title)
        self.sample = RowsModel([])
        self.sample_view = rows_table(self.sample, _("First rows of the file"), sortable=False)
        bottom_layout.addWidget(self.sample_view, 1)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.body = splitter

        self.duplicates_row = QWidget()
        duplicates = QHBoxLayout(self.duplicates_row)
        duplicates.setContentsMargins(0, 0, 0, 0)
        self.duplicates_label = QLabel(on_duplicate_question(kind))
        duplicates.addWidget(self.duplicates_label)
        self.on_duplicate_group = QButtonGroup(self)
        self.on_duplicate_buttons: dict[OnDuplicate, QRadioButton] = {}
        for choice in OnDuplicate:
            button = QRadioButton(on_duplicate_label(kind, choice))
            button.setChecked(choice == OnDuplicate.SKIP)
            button.toggled.connect(lambda _on: self.changed.emit())
            self.on_duplicate_group.addButton(button)
            self.on_duplicate_buttons[choice] = button
            duplicates.addWidget(button)
        duplicates.addStretch(1)
        self.duplicates_label.setBuddy(self.on_duplicate_buttons[OnDuplicate.SKIP])
        layout.addWidget(self.duplicates_row)
        self.unreadable = QLabel()
        self.unreadable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unreadable.setWordWrap(True)
        self.unreadable.hide()
        layout.addWidget(self.unreadable, 1)

    # --- content ------------------------------------------------------------------------------
    def load(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._show_body(True)
        language = self.context.language
        self.file_label.setText(
            ngettext(
                "{file}: {rows} row · {encoding} · {delimiter}",
                "{file}: {rows} rows · {encoding} · {delimiter}",
                preview.row_count,
            ).format(
                file=preview.path.name,
                rows=count(preview.row_count, language),
                encoding=encoding_words(preview.encoding),
                delimiter=delimiter_words(preview.delimiter),
            )
        )
        self.file_label.setToolTip(str(preview.path))
        self._clear_notices()
        for notice in preview.notices:
            if notice.field != "columns":  # unrecognised columns are visible in the editor
                self.notices.addWidget(Banner(notice_text(notice), "warning"))
        self.editor.load(preview.mapping, preview.sample)
        self._show_sample()
        self._show_missing()
        self._fit_split()

    def _fit_split(self) -> None:
        """Share the height between the columns and the first rows by what each needs; when
        both cannot fit, the first rows get at most two fifths (they are only a sample)."""
        total = sum(self.body.sizes())
        if total <= 0:
            return
        top_need = _table_height(self.editor) + _chrome(self.body.widget(0), self.editor)
        bottom_need = _table_height(self.sample_view) + _chrome(self.body.widget(1), self.sample_view)
        if top_need + bottom_need <= total:
            top = top_need + (total - top_need - bottom_need) // 2
        else:
            bottom = max(min(bottom_need, total * 2 // 5), total // 4)
            top = max(total - bottom, total - bottom_need)
        self.body.setSizes([top, total - top])

    def ask_encoding(self, readings: tuple[EncodingReading, ...], chosen: str | None = None) -> None:
        """Ask which of ``readings`` is right (``chosen`` checked); no readings, no question."""
        self.encoding_choice.show_readings(readings, chosen)
        self.changed.emit()

    def show_unreadable(self, file_name: str, reason: str) -> None:
        """The file could not be read: say why, in place of the columns."""
        self.preview = None
        self.editor.mapping = None
        self.editor.setRowCount(0)
        self.sample.set_rows([], [])
        self._clear_notices()
        self.file_label.setText(_("{file} could not be read.").format(file=file_name))
        self.error.show_message(reason, "error")
        self.unreadable.setText(
            _("Fix the file and choose it again, or choose another file, with “Choose another file…”.")
        )
        self._show_body(False)

    def _show_body(self, readable: bool) -> None:
        self.body.setVisible(readable)
        self.duplicates_row.setVisible(readable)
        self.unreadable.setVisible(not readable)
        if readable:
            self.error.hide()

    def _clear_notices(self) -> None:
        while self.notices.count():
            item = self.notices.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()

    def mapping(self) -> ColumnMapping | None:
        return self.editor.mapping

    def on_duplicate(self) -> OnDuplicate:
        for choice, button in self.on_duplicate_buttons.items():
            if button.isChecked():
                return choice
        return OnDuplicate.SKIP

    def event_id(self) -> int | None:
        return self.events.event_id() if self.events is not None else None

    def problem(self) -> str:
        """Why the file cannot be checked yet, or "" when it can."""
        mapping = self.mapping()
        if self.preview is None or mapping is None:
            return _("Choose a file to import.")
        if self.encoding_choice.pending():
            return _("Choose how to read the file: which of the two names looks right.")
        if mapping.missing_fields():
            return required_hint(self.kind).lstrip("* ")
        if self.events is not None and self.event_id() is None:
            return _("Choose the event the sign-ups are for.")
        return ""

    def shows_problem(self) -> bool:
        """Whether the page itself says what stops the import: a missing column is said in red
        beside the columns, where it is fixed, and the question of how to read the file is
        asked at the top; neither again under the page."""
        if self.preview is not None and self.encoding_choice.pending():
            return True
        return self._missing_column()

    def _missing_column(self) -> bool:
        mapping = self.mapping()
        return self.preview is not None and mapping is not None and bool(mapping.missing_fields())

    # --- reacting -------------------------------------------------------------------------------
    def _mapping_changed(self, _mapping: ColumnMapping) -> None:
        self._show_sample()
        self._show_missing()
        self.changed.emit()

    def _show_missing(self) -> None:
        missing = self._missing_column()
        self.hint.setText(
            (_("Not ready to import: {what}").format(what=required_hint(self.kind).lstrip("* ")))
            if missing
            else required_hint(self.kind)
        )
        self.hint.setStyleSheet("color: #cf222e; font-weight: bold;" if missing else "")

    def _show_sample(self) -> None:
        preview, mapping = self.preview, self.mapping()
        if preview is None or mapping is None:
            return
        headers = [_("Line")]
        for header, field in zip(mapping.headers, mapping.fields, strict=True):
            headers.append(f"{header}\n→ {field_label(mapping.kind, field)}")
        rows = [
            Row(
                (
                    Cell(str(record.line), record.line, number=True),
                    *(
                        Cell(
                            " ".join(record.cells[i].split()) if i < len(record.cells) else "",
                            dim=mapping.fields[i] is None,
                        )
                        for i in range(len(mapping.headers))
                    ),
                ),
                record.line,
            )
            for record in preview.sample
        ]
        self.sample.set_rows(rows, headers)
        self.sample_title.setText(
            ngettext("First row of the file", "First {n} rows of the file", len(rows)).format(n=len(rows))
        )
        fit_columns(self.sample_view, 220)


def _table_height(view: QAbstractItemView) -> int:
    """Height that shows every row of ``view`` without scrolling."""
    assert isinstance(view, QTableView)
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    scroll = view.horizontalScrollBar().sizeHint().height() if view.horizontalScrollBar().isVisible() else 0
    return view.horizontalHeader().height() + rows + 2 * view.frameWidth() + scroll + 2


def _chrome(container: QWidget, view: QWidget) -> int:
    """What a splitter pane needs besides its table: titles, hints, margins."""
    return max(container.sizeHint().height() - view.sizeHint().height(), 0)
