"""The flyer choices: first and optional second language, layout, paper, the rally's picture,
the partner groups' logos, a logo of one's own, and bleed for a print shop.

Emits ``changed`` after every choice; ``options()`` turns the choices into ``FlyerOptions``.
Choices are remembered in the settings, so the next rally's flyer starts where this one ended.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from rallyorg.domain.look import FlyerLook
from rallyorg.domain.pictures import FlyerArt
from rallyorg.flyers import FLYER_LANGUAGES, FlyerOptions, Layout, Paper, default_paper
from rallyorg.gui.flyer.labels import BLEEDS, LAYOUT_LABELS, PAPER_LABELS, native_name
from rallyorg.gui.widgets.icons import icon
from rallyorg.i18n import _

_KEY = "flyer/"
WARNING_COLOUR = "#9a6700"


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    # Long items ("Half-page handbill (2 per sheet)") must not widen the side panel; the
    # popup still shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class FlyerControls(QWidget):
    changed = Signal()
    paper_proposed = Signal(str)  # the paper's label, when a layout change picked its usual paper

    def __init__(self, settings: QSettings, ui_language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ui_language = ui_language
        self._updating = False
        self.logo: Path | None = None

        self.first = _combo(_("First language"))
        self.second = _combo(_("Second language"))
        for code in FLYER_LANGUAGES:
            self.first.addItem(native_name(code), code)
        self.second.addItem(_("None (one language)"), None)
        for code in FLYER_LANGUAGES:
            self.second.addItem(native_name(code), code)
        self.first.setToolTip(_("The language printed first: on the left, or on top"))
        self.second.setToolTip(_("The language printed beside or below the first; None for one language"))
        self.layout_choice = _combo(_("Layout"))
        for layout, label in LAYOUT_LABELS.items():
            self.layout_choice.addItem(_(label), layout.value)
        self.paper = _combo(_("Paper"))
        for paper, label in PAPER_LABELS.items():
            self.paper.addItem(_(label), paper.value)

        self.picture = QCheckBox(_("The rally's picture"))
        self.picture.setToolTip(
            _("Print the photo or illustration chosen on the Details tab (posters and letter flyers)")
        )
        self.group_logos = QCheckBox(_("Partner groups' logos"))
        self.group_logos.setToolTip(_("Print the lead group's logo and a strip of the co-sponsors' logos"))
        self.bleed = _combo(_("Bleed"))
        for points, label in BLEEDS.items():
            self.bleed.addItem(_(label), points)
        self.bleed.setToolTip(_("For a print shop: colour runs past the edge, with marks where to cut"))

        self.logo_name = QLabel()
        self.logo_name.setMinimumWidth(40)
        self.choose_logo = QToolButton()
        self.choose_logo.setText(_("Choose…"))
        self.choose_logo.setIcon(icon("ph.image"))
        self.choose_logo.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.choose_logo.setAccessibleName(_("Choose a logo"))
        self.choose_logo.setToolTip(_("A logo for the footer instead of the lead group's (PNG, JPEG or SVG)"))
        self.clear_logo = QToolButton()
        self.clear_logo.setIcon(icon("ph.x"))
        self.clear_logo.setAccessibleName(_("Remove the logo"))
        self.clear_logo.setToolTip(_("Remove the logo"))
        self.logo_error = QLabel()
        self.logo_error.setWordWrap(True)
        self.logo_error.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.logo_error.hide()
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_name, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.clear_logo)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: narrow panel
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(_("&First language"), self.first), self.first)
        form.addRow(self._label(_("S&econd language"), self.second), self.second)
        form.addRow(self._label(_("La&yout"), self.layout_choice), self.layout_choice)
        form.addRow(self._label(_("Pape&r"), self.paper), self.paper)
        form.addRow(self._label(_("Pictures"), self.picture), self.picture)
        form.addRow(self.group_logos)
        form.addRow(self._label(_("Other logo"), self.choose_logo), logo_row)
        form.addRow(self.logo_error)
        form.addRow(self._label(_("Blee&d"), self.bleed), self.bleed)

        self._restore()
        self.first.currentIndexChanged.connect(self._first_changed)
        self.second.currentIndexChanged.connect(self._emit)
        self.layout_choice.currentIndexChanged.connect(self._layout_changed)
        self.paper.currentIndexChanged.connect(self._emit)
        self.picture.toggled.connect(self._emit)
        self.group_logos.toggled.connect(self._emit)
        self.bleed.currentIndexChanged.connect(self._emit)
        self.choose_logo.clicked.connect(self._choose_logo)
        self.clear_logo.clicked.connect(lambda: self.set_logo(None))
        self._previous_layout = self.chosen_layout()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- reading the choices --------------------------------------------------------------------
    def languages(self) -> tuple[str, ...]:
        second = self.second.currentData()
        first = self.first.currentData()
        return (first, second) if second and second != first else (first,)

    def chosen_layout(self) -> Layout:
        return Layout(self.layout_choice.currentData())

    def paper_size(self) -> Paper:
        return Paper(self.paper.currentData())

    def options(
        self, *, with_logo: bool = True, look: FlyerLook | None = None, bleed: bool = True
    ) -> FlyerOptions:
        return FlyerOptions(
            languages=self.languages(),
            layout=self.chosen_layout(),
            paper=self.paper_size(),
            logo=self.logo if with_logo else None,
            look=look or FlyerLook(),
            bleed=float(self.bleed.currentData()) if bleed and self.bleed.isEnabled() else 0.0,
        )

    def art(self, art: FlyerArt) -> FlyerArt:
        """What of the rally's pictures the choices keep."""
        return FlyerArt(
            picture=art.picture if self.picture.isChecked() else None,
            logos=art.logos if self.group_logos.isChecked() else {},
        )

    # --- changing them --------------------------------------------------------------------------
    def set_second_language(self, code: str | None) -> None:
        self.second.setCurrentIndex(max(0, self.second.findData(code)))

    def set_layout(self, layout: Layout) -> None:
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(layout.value))

    def set_paper(self, paper: Paper) -> None:
        self.paper.setCurrentIndex(self.paper.findData(paper.value))

    def set_logo(self, path: Path | None) -> None:
        self.logo = path
        self.show_logo_error("")
        self._show_logo()
        self._emit()

    def show_logo_error(self, message: str) -> None:
        self.logo_error.setText(message)
        self.logo_error.setVisible(bool(message))

    def _show_logo(self) -> None:
        name = self.logo.name if self.logo else _("No logo")
        self.logo_name.setText(
            self.logo_name.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, 160)
        )
        self.logo_name.setToolTip(str(self.logo) if self.logo else "")
        self.clear_logo.setEnabled(self.logo is not None)

    def _choose_logo(self) -> None:
        start = (
            str(self.logo.parent)
            if self.logo
            else QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        )
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo for the flyer"), start, _("Pictures (*.png *.jpg *.jpeg *.gif)")
        )
        if path:
            self.set_logo(Path(path))

    def _first_changed(self) -> None:
        """The second language can never be the first: the item is disabled, and choosing the
        second's language as the first swaps them."""
        first = self.first.currentData()
        if self.second.currentData() == first:
            self._updating = True
            self.set_second_language(self._previous_first)
            self._updating = False
        self._disable_first_in_second()
        self._emit()

    def _disable_first_in_second(self) -> None:
        first = self.first.currentData()
        self._previous_first = first
        model = self.second.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(self.second.count()):
            model.item(row).setEnabled(self.second.itemData(row) != first)

    def _layout_changed(self) -> None:
        """A new layout proposes its usual paper (posters: tabloid) unless the paper on show
        was chosen on purpose, i.e. is not the usual one for the layout before."""
        layout = self.chosen_layout()
        if self.paper_size() == default_paper(self._previous_layout) and default_paper(layout) != (
            self.paper_size()
        ):
            self._updating = True
            self.set_paper(default_paper(layout))
            self._updating = False
            self.paper_proposed.emit(self.paper.currentText())
        self._previous_layout = layout
        self._enable_bleed()
        self._emit()

    def _enable_bleed(self) -> None:
        # Bleed is for a print shop's poster; a flyer from the office printer has none.
        self.bleed.setEnabled(self.chosen_layout() == Layout.POSTER)

    def _emit(self) -> None:
        if self._updating:
            return
        self._save()
        self.changed.emit()

    # --- settings -------------------------------------------------------------------------------
    def _restore(self) -> None:
        # First time: the organiser's own language first, then English (or Spanish after English).
        own = self.ui_language if self.ui_language in FLYER_LANGUAGES else "en"
        first = str(self.settings.value(_KEY + "first_language", own))
        second = self.settings.value(_KEY + "second_language", "es" if own == "en" else "en")
        self.first.setCurrentIndex(max(0, self.first.findData(first)))
        self._previous_first = self.first.currentData()
        self.set_second_language(str(second) if second else None)
        if self.second.currentData() == self.first.currentData():
            self.set_second_language(None)
        self._disable_first_in_second()
        layout = self.layout_choice.findData(str(self.settings.value(_KEY + "layout", Layout.COLUMNS.value)))
        self.layout_choice.setCurrentIndex(max(0, layout))
        paper = self.paper.findData(
            str(self.settings.value(_KEY + "paper", default_paper(self.chosen_layout())))
        )
        self.paper.setCurrentIndex(max(0, paper))
        self.picture.setChecked(str(self.settings.value(_KEY + "picture", "true")) == "true")
        self.group_logos.setChecked(str(self.settings.value(_KEY + "group_logos", "true")) == "true")
        self.bleed.setCurrentIndex(
            max(0, self.bleed.findData(float(str(self.settings.value(_KEY + "bleed", 0.0)))))
        )
        self._enable_bleed()
        logo = str(self.settings.value(_KEY + "logo", "") or "")
        self.logo = Path(logo) if logo and Path(logo).is_file() else None
        self._show_logo()

    def _save(self) -> None:
        self.settings.setValue(_KEY + "first_language", self.first.currentData())
        self.settings.setValue(_KEY + "second_language", self.second.currentData() or "")
        self.settings.setValue(_KEY + "layout", self.chosen_layout().value)
        self.settings.setValue(_KEY + "paper", self.paper_size().value)
        self.settings.setValue(_KEY + "logo", str(self.logo) if self.logo else "")
        self.settings.setValue(_KEY + "picture", "true" if self.picture.isChecked() else "false")
        self.settings.setValue(_KEY + "group_logos", "true" if self.group_logos.isChecked() else "false")
        self.settings.setValue(_KEY + "bleed", float(self.bleed.currentData()))
