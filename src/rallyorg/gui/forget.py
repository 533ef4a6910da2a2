""" "Forget this person…" (a volunteer in their editor, a contact in a partner group): one
dialog that says what will be removed and that it cannot be undone, forgets on the user's
word (services/forget.py, through the database thread) and then says what was done,
including any backup it had to delete. The caller refreshes its list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rallyorg.domain.errors import RallyorgError
from rallyorg.gui.context import GuiContext
from rallyorg.gui.error_dialog import show_error
from rallyorg.gui.widgets.icons import icon
from rallyorg.gui.widgets.style import hint_label, title_label
from rallyorg.i18n import _, ngettext
from rallyorg.services import forget
from rallyorg.services.forget import ForgetPreview, ForgetReport

_PREVIEW: dict[str, Callable[..., ForgetPreview]] = {
    "volunteer": forget.preview_volunteer,
    "contact": forget.preview_contact,
}
_FORGET: dict[str, Callable[..., ForgetReport]] = {
    "volunteer": forget.forget_volunteer,
    "contact": forget.forget_contact,
}


def drop_undo(context: GuiContext) -> None:
    """Undo entries may hold rows that name the forgotten (a deleted sign-up, a deleted rally
    with theirs), and undoing them would bring those back or fail: they go, as after a restore."""
    context.undo_stack.clear()
    context.events.undo_available.emit("")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


class ForgetDialog(QDialog):
    """Asks, forgets, then reports; ``report`` is set once the person is forgotten."""

    def __init__(self, context: GuiContext, preview: ForgetPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = preview
        self.report: ForgetReport | None = None
        self.setWindowTitle(_("Forget this person"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.heading = title_label(_("Forget {name}?").format(name=preview.name), 1.15)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.warning = QLabel(
            _(
                "This removes {name} from rallyorg for good. It cannot be undone, not even with "
                "Ctrl+Z, and no copy of them is kept to undo it with."
            ).format(name=preview.name)
        )
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        backups = ngettext(
            "{count} backup beside the database is rewritten without them (or deleted).",
            "{count} backups beside the database are rewritten without them (or deleted).",
            preview.backups,
        ).format(count=preview.backups)
        self.details = QLabel(_bullets([*forget.describe_changes(preview.erased), backups]))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.elsewhere = hint_label(
            _("Backups you saved elsewhere yourself still hold them: delete those too.")
        )
        layout.addWidget(self.elsewhere)
        self.buttons = QDialogButtonBox()
        self.forget_button = QPushButton(icon("ph.eraser"), _("Forget {name}").format(name=preview.name))
        self.forget_button.setAccessibleName(_("Forget this person"))
        self.buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)  # Enter must never forget someone
        self.forget_button.setAutoDefault(False)
        self.forget_button.clicked.connect(self.forget_now)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def forget_now(self) -> None:
        self.forget_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        try:
            report = self.context.call(_FORGET[self.preview.kind], self.preview.record_id)
        except RallyorgError as error:
            show_error(self, error)
            self.reject()
            return
        self.report = report
        drop_undo(self.context)
        self.heading.setText(_("Forgotten"))
        self.warning.setText(
            _("{name} was removed from rallyorg and its backups.").format(name=self.preview.name)
        )
        self.details.setText(_bullets(report.describe()))
        self.elsewhere.hide()  # the report says it
        self.buttons.clear()
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        close.setFocus()


def confirm_and_forget(
    parent: QWidget, context: GuiContext, kind: str, record_id: int
) -> ForgetReport | None:
    """Ask, forget and report; the report when the person was forgotten, None otherwise."""
    try:
        preview = context.call(_PREVIEW[kind], record_id)
    except RallyorgError as error:
        show_error(parent, error)
        return None
    dialog = ForgetDialog(context, preview, parent)
    dialog.exec()
    report = dialog.report
    dialog.deleteLater()
    return report
