"""The shipped templates: where they are, and copying them to make your own (`--template-dir`).

The templates live in `templates/` at the top of the repository; a wheel carries them inside the
package as `aiexp/templates` (pyproject's force-include). `copy_templates` writes a copy that a
user edits and passes back with `render --template-dir DIR`: a file found there replaces the
shipped one of the same name.
"""

from __future__ import annotations

from pathlib import Path

from aiexp.errors import OutputError, TemplateError
from aiexp.output import check_output, write_atomic


def shipped_templates() -> Path:
    """The folder of the shipped templates: `templates/` at the top of the repository.

    A wheel carries it as `aiexp/templates` (pyproject's force-include); a source checkout or an
    editable install reads the repository's own `templates/`. Copy it (`aiexp init --templates
    DIR`) to make your own and pass `--template-dir DIR`.
    """
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise TemplateError(
        f"the shipped templates are missing (looked in {packaged} and {checkout}); reinstall aiexp"
    )


def copy_templates(folder: Path, *, force: bool = False) -> list[Path]:
    """Copy every shipped template into `folder` (created if missing); the files written.

    An existing file is not overwritten without `force`; nothing is written when one would be.
    """
    source = shipped_templates()
    files = sorted(p for p in source.rglob("*.j2") if p.is_file())
    targets = [folder / p.relative_to(source) for p in files]
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for the templates")
    if folder.exists() and folder.resolve() == source.resolve():
        raise OutputError(f"{folder}: is the shipped templates' own folder; choose another")
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not force:
        raise OutputError(
            f"{existing[0]}: already exists; pass --force to overwrite the templates in {folder}"
        )
    for target in targets:
        if target.parent.is_dir():
            check_output(target, force=force, inputs=files)
    for path, target in zip(files, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, path.read_bytes(), force=force, inputs=files)
    return targets
