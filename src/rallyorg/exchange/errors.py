"""Errors about files being read or written; front ends show them as one sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rallyorg.domain.errors import RallyorgError
from rallyorg.i18n import N_


class ImportFileError(RallyorgError):
    """The file as a whole cannot be imported (unreadable, unbalanced quote, no usable
    columns…). ``line`` is the physical line in the file when one is to blame."""

    def __init__(self, message: str, *, line: int | None = None, **params: Any) -> None:
        super().__init__(message, line=line, **params)
        self.line = line


@dataclass(frozen=True, slots=True)
class EncodingReading:
    """One way to read a file's letters: the encoding (as ``read_table`` takes it), its name
    for people, and how a word that reads differently in the other way comes out in this one,
    with its physical line."""

    encoding: str
    name: str
    example: str
    line: int


class AmbiguousEncodingError(ImportFileError):
    """The file's letters read as words in two encodings (or as words in neither), so rallyorg
    will not choose: ``readings`` holds both, likelier first. Read the file again with the
    encoding the user chose (``read_table(data, encoding)``)."""

    def __init__(self, file: str, readings: tuple[EncodingReading, ...]) -> None:
        first, second = readings[0], readings[1]
        super().__init__(
            N_(
                "{file} could be read two ways, and rallyorg cannot tell which is right: line {line} "
                "reads “{first}” in {first_encoding} but “{second}” in {second_encoding}. Choose "
                "the encoding to read it in, or save it again as CSV UTF-8."
            ),
            line=first.line,
            file=file,
            first=first.example,
            first_encoding=first.name,
            second=second.example,
            second_encoding=second.name,
        )
        self.file = file
        self.readings = readings


class ImportCancelled(RallyorgError):
    """The user stopped the import; nothing was written."""
