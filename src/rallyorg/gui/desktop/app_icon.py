"""The app's icon: the SVG for any size, with PNG renderings of it for the common sizes (sharp
at 16 px, and there even where Qt's SVG plugin is missing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from rallyorg import paths

PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    folder = paths.resources_dir() / "icons"
    icon = QIcon()
    for size in PNG_SIZES:
        png = folder / f"rallyorg-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "rallyorg.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def render_pngs(folder: Path) -> list[Path]:
    """Draw ``rallyorg.svg`` at every PNG size into ``folder`` (run after changing the SVG)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(folder / "rallyorg.svg"))
    if not renderer.isValid():
        raise ValueError(f"{folder / 'rallyorg.svg'} is not a valid SVG file")
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / f"rallyorg-{size}.png"
        if not image.save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    for written in render_pngs(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/icons")):
        print(written)
