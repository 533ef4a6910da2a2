"""Deletions asked for with ``deleteLater()`` wait while ``call()`` runs its local event loop.

``DataAccess.call`` (gui/data_access.py) keeps the window painting with a nested event loop,
and the code that made the call goes on using its widgets when it returns. Qt runs a deferred
deletion inside a nested loop when it was asked for outside any loop — a window closed or
rebuilt (a language switch) while a timer's handler is waiting on the database — so the
handler came back to deleted widgets ("Internal C++ object already deleted"). While a call
runs, an application event filter takes each DeferredDelete; once the outermost call is
over and control is back in an event loop (the handler has finished), they are deleted. Not
by asking again: Qt 6 posts one deferred deletion per object, ever.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer


class _DeletionHold(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self._held: dict[int, QObject] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.DeferredDelete:
            return False
        key = id(watched)
        if key not in self._held:
            self._held[key] = watched
            # Its parent may still delete it meanwhile: then it is no longer ours to delete.
            watched.destroyed.connect(lambda _obj=None, key=key: self._held.pop(key, None))
        return True

    def release(self) -> None:
        if self._held:
            QTimer.singleShot(0, self._delete_held)

    def _delete_held(self) -> None:
        if self.depth > 0:  # inside another call: its release comes back here
            return
        while self._held:  # one at a time: a parent's deletion takes its children out
            _key, watched = self._held.popitem()
            if shiboken6.isValid(watched):
                shiboken6.delete(watched)


_hold = _DeletionHold()


@contextmanager
def deletions_held() -> Iterator[None]:
    app = QCoreApplication.instance()
    if app is None:
        yield
        return
    if _hold.depth == 0:
        app.installEventFilter(_hold)
    _hold.depth += 1
    try:
        yield
    finally:
        _hold.depth -= 1
        if _hold.depth == 0:
            app.removeEventFilter(_hold)
            _hold.release()
