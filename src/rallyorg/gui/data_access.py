"""Every database call the GUI makes runs here: on one worker thread, one at a time, in order.

On a shared PostgreSQL server each call is a network round trip; made on the UI thread, it
would freeze the window (no repaint, no progress, "not responding"). Two ways in:

- ``fetch(work, *args, on_success=…, owner=…)`` — a query op: ``work(db, *args)`` runs on
  the database thread and ``on_success(result)`` (or ``on_failure(error)``, by default the
  error dialog) is called on the UI thread. Nothing is called if ``owner`` was deleted
  meanwhile (a window rebuilt after a language switch). For what a screen shows.
- ``call(work, *args)`` — for a write or a read the next line depends on ("save, then select
  the saved record"): returns the result or raises the error, as a plain call would, while a
  local event loop keeps the window painting, its timers running and the busy indicator
  showing. Keyboard and mouse input wait until the call returns (Qt holds it), so nobody can
  start a second action half-way through the first.

The worker thread is a ``ThreadPoolExecutor`` of one: calls run in the order made, so a save
is never overtaken by the reload it causes. Work is a service function and plain arguments,
evaluated on the UI thread — a widget is never read on the worker, and the worker never holds
a Qt object (releasing one there deadlocked Qt, see ``gui/background.py``).

``busy`` is emitted once calls have been running for ``BUSY_AFTER_MS`` (and again with False
when the last one ends): the main window shows an indicator, so a slow server looks busy,
not broken.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from rallyorg.gui.garbage import collect_on_the_ui_thread
from rallyorg.gui.held_deletions import deletions_held
from rallyorg.gui.lock_wait import LockWait
from rallyorg.services import Database

T = TypeVar("T")

BUSY_AFTER_MS = 150
POLL_MS = 4  # how often finished calls are collected while any is running


@dataclass
class _Pending:
    future: Future[Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    owner: QObject | None


class DataAccess(QObject):
    busy = Signal(bool)

    def __init__(self, db: Database) -> None:
        super().__init__()
        collect_on_the_ui_thread()  # never a cycle collection on the database thread
        self._db = db
        self._lock_wait = LockWait()
        db.on_busy = self._lock_wait.on_busy
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rallyorg-database")
        self._pending: deque[_Pending] = deque()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._deliver)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._busy_shown = False

    # --- the two ways in ------------------------------------------------------------------
    def fetch(
        self,
        work: Callable[..., T],
        *args: Any,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> Future[T]:
        future = self._submit(work, args, kwargs)
        self._pending.append(_Pending(future, on_success, on_failure, owner))
        return future

    def call(self, work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        future = self._submit(work, args, kwargs)
        self._pending.append(_Pending(future, None, None, None))
        try:
            while not future.done():
                self._wait_for(future)
                if self._lock_wait.should_ask() and not future.done():
                    self._lock_wait.show_until_done(future)  # another rallyorg is writing
        finally:
            self._lock_wait.reset()
        return future.result()

    def _wait_for(self, future: Future[Any]) -> None:
        """Paint and run timers, holding input, until ``future`` is done (or the person must
        be asked whether to keep waiting for another rallyorg's write lock)."""
        loop = QEventLoop()
        watcher = QTimer()
        watcher.setInterval(POLL_MS)
        watcher.timeout.connect(
            lambda: loop.quit() if future.done() or self._lock_wait.should_ask() else None
        )
        watcher.start()
        with deletions_held():  # the caller's widgets outlive the loop
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        watcher.stop()
        if not future.done() and not self._lock_wait.should_ask():
            # An application already quitting runs no nested loop: then plainly wait, and
            # since nobody can be asked, a save waiting for another rallyorg gives up.
            self._lock_wait.stopped.set()
            future.exception()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Deliver every call made so far (for tests, and before the window closes)."""
        deadline = time.monotonic() + timeout
        while self._pending and time.monotonic() < deadline:
            self._pending[0].future.exception(timeout=max(deadline - time.monotonic(), 0))
            self._deliver()
        return not self._pending

    def shutdown(self) -> None:
        self._poll.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.closed = True

    closed = False  # after shutdown: the database is closed, nothing more can be asked

    # --- inside ---------------------------------------------------------------------------
    def _submit(self, work: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Future[T]:
        future = self._executor.submit(work, self._db, *args, **kwargs)
        if not self._poll.isActive():
            self._poll.start()
        if not self._busy_timer.isActive() and not self._busy_shown:
            self._busy_timer.start()
        return future

    def _deliver(self) -> None:
        # One at a time, oldest first: a callback may itself make a call (and run a local
        # loop that comes back here), so nothing is held across the callback.
        while self._pending and self._pending[0].future.done():
            done = self._pending.popleft()
            if not self._pending:
                self._idle()
            self._report(done)

    def _report(self, done: _Pending) -> None:
        if done.on_success is None:  # a call(): its caller reads the future
            return
        if done.owner is not None and not shiboken6.isValid(done.owner):
            return
        error = done.future.exception()
        if error is None:
            done.on_success(done.future.result())
        elif done.on_failure is not None:
            done.on_failure(error)
        else:
            from rallyorg.gui.error_dialog import show_error

            parent = done.owner if done.owner is not None and done.owner.isWidgetType() else None
            show_error(parent, error)  # type: ignore[arg-type]

    def _idle(self) -> None:
        self._poll.stop()
        self._busy_timer.stop()
        if self._busy_shown:
            self._busy_shown = False
            self.busy.emit(False)

    def _show_busy(self) -> None:
        if self._pending and not self._busy_shown:
            self._busy_shown = True
            self.busy.emit(True)
