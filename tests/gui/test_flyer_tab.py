"""The Flyer tab, used as an organizer would: see the bilingual flyer, pick Portuguese and be told
what is missing, jump to the texts, save the PDF, switch to a poster, add a logo, print."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from rallyorg.domain.enums import PartnerRole
from rallyorg.domain.events import EventData, EventInput, EventPartnerInput, EventTextInput
from rallyorg.domain.venues import VenueInput
from rallyorg.flyers import Paper
from rallyorg.flyers.pages import render_page
from rallyorg.gui.context import GuiContext
from rallyorg.gui.flyer.naming import flyer_file_name
from rallyorg.gui.flyer.preview import FlyerPreview
from rallyorg.gui.flyer.printing import prepare_printer, print_pdf
from rallyorg.gui.qt_i18n import apply_language
from rallyorg.gui.rallies.editor import FLYER, TEXTS, RallyEditor
from rallyorg.gui.rallies.flyer_tab import FlyerTab
from rallyorg.services import events, partners, venues
from rallyorg.services.events import local_datetime
from rallyorg.services.partners import PartnerGroupInput

LEFT = Qt.MouseButton.LeftButton
EN_TITLE = "Vigil for Families Apart"
ES_TITLE = "Vigilia por las familias separadas: ¡únete!"


def make_event(context: GuiContext) -> EventData:
    venue = venues.create_venue(
        context.db,
        VenueInput("Plaza de la Comunidad", street="12 Elm St", city="Danbury", postal_code="06810"),
    )
    lead = partners.create_group(context.db, PartnerGroupInput(name="Coalición Ejemplo"))
    return events.create_event(
        context.db,
        EventInput(
            starts_at=local_datetime(dt.date(2031, 5, 20), dt.time(18, 0), "America/New_York"),
            ends_at=local_datetime(dt.date(2031, 5, 20), dt.time(19, 30), "America/New_York"),
            venue_id=venue.id,
            public_url="https://example.org/vigil",
            texts={
                "en": EventTextInput(EN_TITLE, "We gather with candles to keep families together."),
                "es": EventTextInput(ES_TITLE, "Nos reunimos con velas para que las familias sigan unidas."),
            },
            partners=(EventPartnerInput(lead.id, PartnerRole.LEAD),),
        ),
    )


def pdf_text(data: bytes) -> str:
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text() or ""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item as a keyboard user does: focus the combo and type the start of its name."""
    combo.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 20)  # a new search, not the last one continued
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text)


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible() and label.text()]


@pytest.fixture
def tab(qtbot: QtBot, gui_context: GuiContext) -> FlyerTab:
    widget = FlyerTab(gui_context)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def wait_for_new_pdf(qtbot: QtBot, tab: FlyerTab, old: bytes | None) -> bytes:
    qtbot.waitUntil(lambda: tab.pdf is not None and tab.pdf != old, timeout=3000)
    assert tab.pdf is not None
    return tab.pdf


def test_unsaved_rally_shows_empty_state(tab: FlyerTab) -> None:
    tab.show_event(None)
    assert tab.pages.currentWidget() is tab.empty
    assert "Save the rally to see its flyer." in visible_texts(tab)
    assert not tab.save_button.isEnabled() and not tab.print_button.isEnabled()


def test_first_flyer_starts_in_the_interface_language(qtbot: QtBot, gui_context: GuiContext) -> None:
    english = FlyerTab(gui_context)
    qtbot.addWidget(english)
    assert english.controls.languages() == ("en", "es")
    apply_language("es")
    spanish = FlyerTab(gui_context)
    qtbot.addWidget(spanish)
    assert spanish.controls.languages() == ("es", "en")
    assert spanish.controls.first.currentText() == "Español"


def ink(picture: QImage) -> float:
    """The share of a picture's pixels that are dark (text, rules), sampled every third pixel."""
    samples = [
        QColor(picture.pixel(x, y)).lightness()
        for x in range(0, picture.width(), 3)
        for y in range(0, picture.height(), 3)
    ]
    return sum(1 for lightness in samples if lightness < 140) / len(samples)


def ink_in_page(preview: FlyerPreview) -> float:
    """How much of the first page, as painted on screen, is ink."""
    view = preview.view
    return ink(view.viewport().grab(view.page_rects()[0]).toImage())


def test_preview_shows_both_languages(qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext) -> None:
    event = make_event(gui_context)
    tab.show_event(event)

    assert tab.preview.view.page_count == 1
    qtbot.waitUntil(tab.preview.is_showing_page, timeout=3000)
    assert 0.005 < ink_in_page(tab.preview) < 0.5  # the page is drawn, not a blank sheet
    assert tab.pdf is not None
    words = pdf_text(tab.pdf)
    assert EN_TITLE in words
    assert "Vigilia por las familias separadas" in words and "¡únete!" in words
    assert "Every text is there and fits." in visible_texts(tab)
    assert tab.save_button.isEnabled() and tab.print_button.isEnabled()


def test_portuguese_without_texts_is_named_missing(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    before = tab.pdf

    choose(qtbot, tab.controls.second, "Port")
    wait_for_new_pdf(qtbot, tab, before)

    lines = tab.warnings.missing_box.texts()
    assert len(lines) == 1
    assert "Portuguese" in lines[0] and "title" in lines[0] and "summary" in lines[0]
    assert tab.warnings.missing_box.isVisible() and tab.warnings.edit_button.isVisible()
    # The choice is remembered for the next flyer.
    again = FlyerTab(gui_context)
    qtbot.addWidget(again)
    assert again.controls.languages() == ("en", "pt_BR")


def test_edit_texts_emits_and_opens_the_texts_tab(qtbot: QtBot, gui_context: GuiContext) -> None:
    event = make_event(gui_context)
    editor = RallyEditor(gui_context)
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    editor.load(event)
    editor.show_tab(FLYER)
    flyer = editor.flyer
    choose(qtbot, flyer.controls.second, "Port")
    qtbot.waitUntil(lambda: flyer.warnings.missing_box.isVisible(), timeout=3000)

    with qtbot.waitSignal(flyer.edit_texts_requested) as signal:
        qtbot.mouseClick(flyer.warnings.edit_button, LEFT)

    assert signal.args == ["pt_BR", "title"]
    assert editor.tabs.currentIndex() == TEXTS
    qtbot.waitUntil(lambda: editor.texts.columns["pt_BR"].title.hasFocus(), timeout=2000)


def test_unsaved_edits_are_flagged_then_shown_once_saved(qtbot: QtBot, gui_context: GuiContext) -> None:
    editor = RallyEditor(gui_context)
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    editor.load(make_event(gui_context))
    editor.show_tab(TEXTS)
    title = editor.texts.columns["en"].title
    title.end(False)
    qtbot.keyClicks(title, " Tonight")

    editor.show_tab(FLYER)
    flyer = editor.flyer
    assert flyer.notice.isVisible()
    assert "last saved" in flyer.notice.text.text()
    assert flyer.pdf is not None and "Tonight" not in pdf_text(flyer.pdf)

    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: not flyer.notice.isVisible(), timeout=2000)
    assert flyer.pdf is not None and f"{EN_TITLE} Tonight" in pdf_text(flyer.pdf)


def test_edit_texts_signal_without_an_editor_around(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    choose(qtbot, tab.controls.first, "Port")
    qtbot.waitUntil(lambda: tab.warnings.missing_box.isVisible(), timeout=3000)
    with qtbot.waitSignal(tab.edit_texts_requested) as signal:
        qtbot.mouseClick(tab.warnings.edit_button, LEFT)
    assert signal.args == ["pt_BR", "title"]


def test_save_pdf_writes_the_flyer(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.show_event(make_event(gui_context))
    offered: list[str] = []
    target = tmp_path / "chosen name"  # no suffix: the tab adds .pdf

    def answer(parent: QWidget, caption: str, path: str, filters: str) -> tuple[str, str]:
        offered.append(path)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    with qtbot.waitSignal(gui_context.events.status) as status:
        qtbot.mouseClick(tab.save_button, LEFT)

    saved = tmp_path / "chosen name.pdf"
    assert Path(offered[0]).name == "Vigil-for-Families-Apart-en-es.pdf"
    assert saved.read_bytes() == tab.pdf
    assert len(PdfReader(saved).pages) == 1
    assert str(saved) in status.args[0]
    # The next save starts in the same folder.
    tab.save_button.click()
    assert Path(offered[1]).parent == tmp_path


def test_poster_proposes_tabloid(qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext) -> None:
    tab.show_event(make_event(gui_context))
    assert tab.controls.paper_size() == Paper.LETTER
    before = tab.pdf

    choose(qtbot, tab.controls.layout_choice, "Poster")

    assert tab.controls.paper.currentText() == "Tabloid 11×17"
    wait_for_new_pdf(qtbot, tab, before)
    sheet = tab.preview.view.page_rects()[0]
    assert sheet.height() / sheet.width() == pytest.approx(17 / 11, abs=0.01)
    # A paper chosen on purpose stays when the layout changes again.
    choose(qtbot, tab.controls.paper, "A4")
    choose(qtbot, tab.controls.layout_choice, "Stacked")
    assert tab.controls.paper_size() == Paper.A4


def test_logo_is_added_and_an_unreadable_one_is_reported(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.show_event(make_event(gui_context))
    plain = tab.pdf
    logo = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6feb"))
    image.save(str(logo))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(logo), ""))

    qtbot.mouseClick(tab.controls.choose_logo, LEFT)
    with_logo = wait_for_new_pdf(qtbot, tab, plain)
    assert "logo.png" in tab.controls.logo_name.text()
    assert len(with_logo) > len(plain or b"")

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(broken), ""))
    qtbot.mouseClick(tab.controls.choose_logo, LEFT)
    qtbot.waitUntil(lambda: tab.controls.logo_error.isVisible(), timeout=3000)
    assert "broken.png" in tab.controls.logo_error.text()
    assert "PNG, JPEG or SVG" in tab.controls.logo_error.text()
    assert tab.pdf == plain  # the flyer is still shown, without the logo

    qtbot.mouseClick(tab.controls.clear_logo, LEFT)
    qtbot.waitUntil(lambda: not tab.controls.logo_error.isVisible(), timeout=3000)
    assert tab.controls.logo is None


def three_pages() -> bytes:
    """Three Letter pages, each with its number in big type and a block whose place tells it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(612, 792))
    for number in range(3):
        canvas.setFont("Helvetica-Bold", 60)
        canvas.drawString(72, 600, f"Page {number + 1}")
        canvas.rect(72 + 150 * number, 200, 120, 120, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def assert_same_page(original: bytes, index: int, printed: bytes, printed_index: int) -> None:
    """The printed page looks like the original one: drawn side by side at 100 dpi (finer, the
    printed raster is sampled unevenly), they differ by far less than the ink on the page."""
    scale = 100 / 72
    page, paper = render_page(original, index, scale), render_page(printed, printed_index, scale)
    assert (page.width, page.height) == (paper.width, paper.height)
    difference = sum(abs(a - b) for a, b in zip(page.pixels, paper.pixels, strict=True)) / len(page.pixels)
    ink_level = sum(255 - value for value in page.pixels) / len(page.pixels)
    assert ink_level > 0.3  # there is ink to compare
    assert difference < ink_level / 4


def test_print_helper_paints_every_page(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext, tmp_path: Path
) -> None:
    tab.show_event(make_event(gui_context))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    prepare_printer(printer, Paper.LETTER, "flyer")
    assert tab.pdf is not None
    assert print_pdf(tab.pdf, printer) == 1
    printed_pdf = (tmp_path / "printed.pdf").read_bytes()
    printed = PdfReader(io.BytesIO(printed_pdf))
    assert len(printed.pages) == 1
    assert round(float(printed.pages[0].mediabox.width)) == 612  # Letter, as the flyer
    # What prints is what was saved: the two pages drawn side by side differ by little.
    assert_same_page(tab.pdf, 0, printed_pdf, 0)

    # Several pages, each on its own sheet.
    pages = three_pages()
    preview = FlyerPreview()
    qtbot.addWidget(preview)
    assert preview.show_pdf(pages)
    printer.setOutputFileName(str(tmp_path / "three.pdf"))
    assert print_pdf(pages, printer) == 3
    assert len(PdfReader(tmp_path / "three.pdf").pages) == 3
    # The range chosen in the print dialog: pages 2 and 3 only.
    printer.setFromTo(2, 3)
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    assert print_pdf(pages, printer) == 2
    two = (tmp_path / "two.pdf").read_bytes()
    assert len(PdfReader(io.BytesIO(two)).pages) == 2
    assert_same_page(pages, 1, two, 0)
    assert_same_page(pages, 2, two, 1)
    with pytest.raises(AssertionError):
        assert_same_page(pages, 0, two, 0)  # page 1 was left out


def test_zoom_steps_from_the_whole_page_and_back(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    preview = tab.preview
    assert preview.whole_page.isChecked()
    fitted = preview.effective_zoom()

    qtbot.mouseClick(preview.zoom_in, LEFT)
    assert preview.effective_zoom() > fitted and not preview.whole_page.isChecked()
    assert preview.zoom_label.text().endswith("%")
    zoomed = preview.effective_zoom()
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.effective_zoom() < zoomed

    qtbot.mouseClick(preview.whole_page, LEFT)
    assert preview.whole_page.isChecked() and preview.zoom_label.text() == ""
    assert preview.effective_zoom() == pytest.approx(fitted)

    qtbot.mouseClick(preview.page_width, LEFT)
    assert preview.page_width.isChecked() and not preview.whole_page.isChecked()
    sheet = preview.view.page_rects()[0]
    assert abs(preview.view.viewport().width() - sheet.width() - 24) <= 1  # the width, less margins
    assert preview.view.verticalScrollBar().maximum() > 0  # the rest of the page is below

    # Ctrl+wheel zooms; a plain wheel scrolls.
    def wheel(modifiers: Qt.KeyboardModifier, delta: int) -> None:
        where = QPointF(preview.view.viewport().rect().center())
        event = QWheelEvent(
            where,
            preview.view.viewport().mapToGlobal(where),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(preview.view.viewport(), event)

    before = preview.effective_zoom()
    wheel(Qt.KeyboardModifier.ControlModifier, 120)
    assert preview.effective_zoom() > before and not preview.page_width.isChecked()
    scrolled = preview.view.verticalScrollBar().value()
    wheel(Qt.KeyboardModifier.NoModifier, -120)
    assert preview.view.verticalScrollBar().value() > scrolled


def test_fitting_never_depends_on_a_scroll_bar_it_causes(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    """QPdfView resized itself forever at some sizes: its fit made a scroll bar appear, which
    changed the fit. Here the fitting modes fix the scroll bars, so every size settles at once."""
    tab.show_event(make_event(gui_context))
    view = tab.preview.view
    resizes = 0
    original = view.resizeEvent

    def counting(event: object) -> None:
        nonlocal resizes
        resizes += 1
        original(event)  # type: ignore[arg-type]

    view.resizeEvent = counting  # type: ignore[method-assign]
    for fit in (tab.preview.fit_whole_page, tab.preview.fit_width):
        fit()
        for width in range(600, 1400, 37):
            for height in (500, 640, 700, 768):
                resizes = 0
                tab.resize(width, height)
                QApplication.processEvents()
                assert resizes <= 1, (fit.__name__, width, height)
        if fit == tab.preview.fit_whole_page:
            assert view.verticalScrollBar().maximum() == 0 and view.horizontalScrollBar().maximum() == 0


def test_a_close_up_of_a_poster_is_sharp_without_rendering_it_all(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    letter = tab.pdf
    choose(qtbot, tab.controls.layout_choice, "Poster")
    wait_for_new_pdf(qtbot, tab, letter)
    preview = tab.preview
    qtbot.waitUntil(preview.is_showing_page, timeout=3000)
    while preview.effective_zoom() < 4.0:
        preview.step_zoom(1)
    view = preview.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    qtbot.waitUntil(view.is_sharp, timeout=5000)
    # A tabloid at 400% is ~15,000 pixels tall: only a budget's worth is ever held.
    assert view.held_pixels() < 16_000_000
    assert 0.001 < ink(view.viewport().grab().toImage()) < 0.6


def test_file_names_are_safe(gui_context: GuiContext) -> None:
    event = make_event(gui_context)
    assert flyer_file_name(event, ("es", "en")) == "Vigilia-por-las-familias-separadas-unete-es-en.pdf"
    long_title = "Rally " * 30
    long = events.update_event(
        gui_context.db,
        event.id,
        EventInput(
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            texts={"en": EventTextInput(long_title, "Summary.")},
        ),
        version=event.version,
    )
    name = flyer_file_name(long, ("en",))
    assert name.endswith("Rally-en.pdf") and len(name) <= 70


def test_several_pages_get_a_scroll_bar_even_when_fitting(qtbot: QtBot, tab: FlyerTab) -> None:
    preview = FlyerPreview()
    qtbot.addWidget(preview)
    preview.resize(600, 500)
    preview.show()
    assert preview.whole_page.isChecked()
    assert preview.show_pdf(three_pages())
    bar = preview.view.verticalScrollBar()
    assert preview.view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    assert bar.isVisible() and bar.maximum() > 0  # pages 2 and 3 are reachable
    single = io.BytesIO()
    canvas = Canvas(single, pagesize=(612, 792))
    canvas.drawString(72, 720, "One page")
    canvas.save()
    assert preview.show_pdf(single.getvalue())
    assert preview.view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_zooming_in_keeps_the_middle_of_the_page_in_the_middle(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    view = tab.preview.view
    middle = view.viewport().rect().center()
    assert abs(view.page_rects()[0].center().x() - middle.x()) <= 2
    while view.page_rects()[0].width() <= view.viewport().width():  # zoom past the view
        tab.preview.step_zoom(1)
    sheet = view.page_rects()[0]
    middle = view.viewport().rect().center()  # narrower now, by the scroll bars that came
    assert abs(sheet.center().x() - middle.x()) <= 3 and abs(sheet.center().y() - middle.y()) <= 3


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def images_on(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_tear_off_and_quarter_layouts_from_the_layout_list(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    tab.show_event(make_event(gui_context))
    before = tab.pdf
    choose(qtbot, tab.controls.layout_choice, "Tear-off")
    strips = wait_for_new_pdf(qtbot, tab, before)
    assert "between the strips" in tab.preview.caption.text()
    # The flyer's own title and one on each of the 8–10 strips.
    assert 9 <= pdf_text(strips).count("Vigil for Families") <= 11
    choose(qtbot, tab.controls.layout_choice, "Quarter")
    quarter = wait_for_new_pdf(qtbot, tab, strips)
    assert "four copies" in tab.preview.caption.text()
    assert pdf_text(quarter).count(EN_TITLE) == 4


def test_the_rallys_picture_and_the_groups_logos_can_be_left_off(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext
) -> None:
    from rallyorg.domain.pictures import read_picture
    from rallyorg.services import pictures

    event = make_event(gui_context)
    assert event.lead_group_id is not None
    pictures.save_event_picture(
        gui_context.db, event.id, read_picture(png(1600, 900, (90, 140, 200)), "sky.png")
    )
    pictures.save_group_logo(
        gui_context.db, event.lead_group_id, read_picture(png(200, 100, (20, 80, 40)), "l.png")
    )
    tab.show_event(event)
    with_both = wait_for_new_pdf(qtbot, tab, None)
    assert images_on(with_both) == 2  # the picture band and the lead group's logo
    assert tab.controls.picture.isChecked() and tab.controls.group_logos.isChecked()

    tab.controls.picture.click()
    logo_only = wait_for_new_pdf(qtbot, tab, with_both)
    assert images_on(logo_only) == 1
    tab.controls.group_logos.click()
    neither = wait_for_new_pdf(qtbot, tab, logo_only)
    assert images_on(neither) == 0
    # Remembered for the next rally's flyer.
    again = FlyerTab(gui_context)
    qtbot.addWidget(again)
    assert not again.controls.picture.isChecked() and not again.controls.group_logos.isChecked()


def test_bleed_is_offered_for_posters_and_never_sent_to_a_printer(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.show_event(make_event(gui_context))
    assert not tab.controls.bleed.isEnabled()
    before = tab.pdf
    choose(qtbot, tab.controls.layout_choice, "Poster")
    plain = wait_for_new_pdf(qtbot, tab, before)
    assert tab.controls.bleed.isEnabled()
    choose(qtbot, tab.controls.bleed, "3 mm")
    bled = wait_for_new_pdf(qtbot, tab, plain)
    width = float(PdfReader(io.BytesIO(bled)).pages[0].mediabox.width)
    assert width > 11 * 72 + 2 * 3 * 72 / 25.4  # tabloid, its bleed and room for crop marks
    assert "crop marks" in tab.preview.caption.text()

    sent: list[bytes] = []
    monkeypatch.setattr(
        "rallyorg.gui.rallies.flyer_tab.print_with_dialog",
        lambda parent, pdf, paper, name: sent.append(pdf) or None,
    )
    tab.print_flyer()
    assert len(sent) == 1
    assert float(PdfReader(io.BytesIO(sent[0])).pages[0].mediabox.width) == pytest.approx(11 * 72)


def test_save_image_for_phones_and_copy_text(
    qtbot: QtBot, tab: FlyerTab, gui_context: GuiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    from rallyorg.flyers.phone import PhoneSize

    tab.show_event(make_event(gui_context))
    assert tab.image_button.isEnabled() and tab.copy_button.isEnabled()
    chosen = tmp_path / "for-whatsapp"  # no extension typed: .png is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen), ""))
    menu = tab.image_button.menu()
    assert menu is not None
    story = next(a for a in menu.actions() if a.data() == PhoneSize.STORY.value)
    story.trigger()
    saved = tmp_path / "for-whatsapp.png"
    with Image.open(saved) as image:
        assert image.size == (1080, 1920)

    qtbot.mouseClick(tab.copy_button, LEFT)
    copied = QApplication.clipboard().text()
    assert f"*{EN_TITLE}*" in copied and f"*{ES_TITLE}*" in copied
    assert copied.rstrip().endswith("https://example.org/vigil")
