"""A guard against a PySide6 6.12.0 bug that would abort the app after a few thousand clicks.

With PySide6-Essentials 6.12.0 on Python 3.11, every Qt call that returns nothing
(``QLabel.setText``, ``QHeaderView.resizeSection``…) drops one reference to ``None`` without
having taken it. ``None`` starts with a few thousand references, so an ordinary session soon
drives the count to zero and CPython aborts with "Fatal Python error: none_dealloc" — measured
here: 10,000 ``setText`` calls in a fresh process. PySide6 6.11 does not have the bug, but
PySide6-Pdf (the PDF preview) exists only for 6.12.0 and requires exactly that version.

Python 3.12 made ``None`` immortal, which is what this does for 3.11: it adds 2**50
references to ``None``'s count once, enough for more calls than any session can make. The
count is the first field of every object in CPython's standard (non-debug) build.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 50
_done = False


def make_none_immortal() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _done = True
