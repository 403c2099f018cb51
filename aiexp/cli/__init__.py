"""The `aiexp` command line: thin typer commands over the core (which never imports typer or rich).

`aiexp.cli.group` holds the typer `app`; each `*_cmd` module adds its command to it at import,
with the heavy libraries (openpyxl, python-docx, jinja2, pycountry, pydantic, rich, the core)
imported inside the command function, so `--help` stays fast. `aiexp.cli.views` turns the
core's results into what a person reads; `aiexp.cli.run` has `main()`, the console script.

Every command module is imported here by name: a missing one is an ImportError, never a
command that silently is not there. Adding a command is one line in the list below (its
order is the order of `aiexp --help`).
"""

from __future__ import annotations

# isort: off
from aiexp.cli import (  # noqa: F401 (each module adds its command to `app` as it is imported)
    init_cmd,
    validate_cmd,
    screen_cmd,
    content_calc_cmd,
    render_cmd,
    checklist_cmd,
    diff_cmd,
    schema_cmd,
)

# isort: on
from aiexp.cli.group import app
from aiexp.cli.run import main

__all__ = ["app", "main"]
