"""The proposal document (SPEC §6): template context → Jinja2 → Markdown → DOCX."""

from aiexp.document.render import (
    RenderedProposal,
    RenderOptions,
    build_proposal,
    manifest_bytes,
    manifest_path,
    render_markdown,
    render_proposal,
)

__all__ = [
    "RenderOptions",
    "RenderedProposal",
    "build_proposal",
    "manifest_bytes",
    "manifest_path",
    "render_markdown",
    "render_proposal",
]
