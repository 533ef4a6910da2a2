"""The desktop app: the only package that imports Qt. It talks to ``rallyorg.services`` only."""

from rallyorg.gui.none_refcount import make_none_immortal

# Before any Qt call: see none_refcount for the PySide6 6.12.0 bug this guards against.
make_none_immortal()
