"""Errors the services raise; front ends translate and show them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class RallyorgError(Exception):
    """Base for errors meant for the user: the message is an untranslated English sentence
    with ``{named}`` placeholders, translated by the front end with its own language."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params: Mapping[str, Any] = params

    def translated(self, gettext: Callable[[str], str] | None = None) -> str:
        template = gettext(self.message) if gettext else self.message
        return template.format(**self.params)

    def __str__(self) -> str:
        return self.translated()


class ValidationError(RallyorgError):
    """Invalid input for one field; ``field`` names it, e.g. ``"email"`` or ``"texts.es.title"``."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.translated()}"


class NotFoundError(RallyorgError):
    """The record asked for does not exist (or no longer does)."""


class ConflictError(RallyorgError):
    """Someone else changed the record first, or the action is not allowed in its state."""


class DatabaseOpenError(RallyorgError):
    """The database could not be opened or brought up to date."""
