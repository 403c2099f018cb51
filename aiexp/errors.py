"""The tool's own errors: one line each, naming the file and the place, caught once by the CLI."""

from __future__ import annotations


class AiexpError(Exception):
    """An input or usage problem the user can fix; the CLI prints it on one line and exits 2."""

    exit_code = 2


class WorkbookError(AiexpError):
    """The workbook cannot be read at all (missing, not an .xlsx, corrupt, encrypted)."""


class BomError(AiexpError):
    """The bill of materials cannot be used (missing column, bad value, unknown currency)."""


class ProfileError(AiexpError):
    """The program profile is missing or invalid."""


class TemplateError(AiexpError):
    """A document template is missing or does not render."""


class OutputError(AiexpError):
    """An output file cannot be written where it was asked for."""


class ScreeningError(AiexpError):
    """The screening list cannot be used (missing, not the CSV or JSON download, empty)."""
