"""Errors in questionnaire files, each pointing at a file and line."""

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class FormFileError:
    """One problem in a form file, worded for the coordinator who wrote it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class FormFileInvalid(Exception):
    """Raised with every problem found in one file, not just the first."""

    def __init__(self, errors: list[FormFileError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors
