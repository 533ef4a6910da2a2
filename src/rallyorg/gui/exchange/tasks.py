"""``run_in_background`` for these dialogs, with the finished work's ``Task`` kept alive from
the UI thread.

Why: ``run_in_background`` leaves the last reference to a ``Task`` (and the signal object it
holds) with the thread pool's runner, which is destroyed on the worker thread. Releasing them
there disconnects Qt connections (the progress dialog's Cancel → ``task.cancel``) from the
worker thread while the UI thread, holding the GIL, closes that progress dialog: each waits
for the other and the app freezes (seen as a hang about one run in five; gdb showed the two
stacks). Holding the Task here means the worker never drops the last reference; the UI
thread drops it later, when newer work replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from rallyorg.gui.background import Task, run_in_background

_KEPT: list[Task] = []
_KEEP = 16  # far more than ever run at once; older, finished tasks are released here


def run_kept(
    parent: QWidget,
    title: str,
    work: Callable[[Task], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None = None,
) -> Task:
    task = run_in_background(parent, title, work, on_success, on_failure)
    _KEPT.append(task)
    del _KEPT[:-_KEEP]
    return task
