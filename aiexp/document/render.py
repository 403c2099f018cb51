"""`aiexp render`: the proposal DOCX and its manifest (SPEC §6).

model + report + content result → context (`aiexp.document.context`) → Jinja2 templates
(sandboxed, StrictUndefined, every printed value escaped as Markdown data) → Markdown →
DOCX (`aiexp.document.docx_writer`). Nothing is written here: the CLI writes the bytes returned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp import __version__
from aiexp.document.context import build_context
from aiexp.document.context.shaper import long_date
from aiexp.document.docx_writer import DocumentSetup, iter_xml_parts, markdown_to_docx
from aiexp.document.redact import Redactor
from aiexp.document.templates import shipped_templates
from aiexp.document.text import escape_inline, narrative_markdown
from aiexp.errors import OutputError, TemplateError
from aiexp.findings import Report
from aiexp.model import Consortium
from aiexp.profile import Profile
from aiexp.sources import SourceFile

if TYPE_CHECKING:
    from aiexp.check import CheckResult
    from aiexp.content import ContentResult
    from aiexp.screening import ScreeningResult

MAIN_TEMPLATE = "proposal.md.j2"
DRAFT_HEADER = "DRAFT — NOT READY FOR SUBMISSION"


class MarkdownText(str):
    """Text that is already Markdown (a narrative, after `narrative_markdown`): printed as is."""

    __slots__ = ()


@dataclass(frozen=True)
class RenderOptions:
    """The render options of the command line."""

    public: bool = False
    draft: bool = False
    template_dir: Path | None = None
    reference_docx: Path | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class RenderedProposal:
    """The DOCX bytes, the Markdown they were made from, and the manifest document."""

    docx: bytes
    markdown: str
    manifest: dict[str, Any]


def _finalize(value: Any) -> str:
    """Every `{{ value }}` is data: escaped as literal Markdown text unless already Markdown."""
    if isinstance(value, MarkdownText):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return escape_inline(value)


def _narrative(value: Any) -> MarkdownText:
    return MarkdownText(narrative_markdown(value))


def _sentence(value: Any) -> MarkdownText:
    """A value that ends a sentence: escaped, with a full stop unless it already ends with one."""
    text = str(value).rstrip()
    end = "" if text.endswith((".", "!", "?")) else "."
    return MarkdownText(escape_inline(text) + end)


_ARTICLE = (
    "United ",
    "Netherlands",
    "Philippines",
    "Czech Republic",
    "Dominican Republic",
    "Central African Republic",
    "Bahamas",
    "Gambia",
    "Maldives",
    "Marshall Islands",
    "Solomon Islands",
    "Comoros",
    "Seychelles",
    "Democratic Republic",
)


def _the_country(value: Any) -> str:
    """`United States` → `the United States` (a country name after "in" or "of")."""
    text = str(value)
    return f"the {text}" if text.startswith(_ARTICLE) else text


def _capitalize_first(value: Any) -> str:
    text = str(value)
    return text[:1].upper() + text[1:]


def template_environment(template_dir: Path | None = None) -> Any:
    """The sandboxed Jinja2 environment: `template_dir` first, then the shipped templates."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders: list[Any] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise TemplateError(f"{template_dir}: --template-dir is not a folder")
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(FileSystemLoader(str(shipped_templates())))
    environment = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # the output is Markdown, escaped by _finalize, not HTML
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["narrative"] = _narrative
    environment.filters["capitalize_first"] = _capitalize_first
    environment.filters["sentence"] = _sentence
    environment.filters["the_country"] = _the_country
    return environment


def render_markdown(context: dict[str, Any], template_dir: Path | None = None) -> str:
    """The proposal as Markdown; a template problem is a TemplateError naming the template."""
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError, UndefinedError

    environment = template_environment(template_dir)
    try:
        return str(environment.get_template(MAIN_TEMPLATE).render(**context))
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
    except UndefinedError as exc:
        raise TemplateError(f"template {MAIN_TEMPLATE} (or an include): {exc.message}") from None
    except (JinjaError, TypeError, ValueError, KeyError, AttributeError) as exc:
        # A user's --template-dir template can fail in many ways; say which, in one line.
        raise TemplateError(f"template {MAIN_TEMPLATE} (or an include): {exc}") from None


def build_proposal(
    consortium: Consortium,
    report: Report,
    content: ContentResult | None,
    profile: Profile,
    options: RenderOptions,
    rates: Mapping[str, Decimal],
    screening: ScreeningResult | None = None,
) -> tuple[bytes, str, Redactor]:
    """Render the DOCX from the model, the report and the content result (no file written).

    `screening` is the parties screened against `--screening-list`: section 8 states it only
    when there is one (SPEC §1).
    """
    date = consortium.info.submission_date or options.date or dt.date.today()
    redactor = Redactor(public=options.public)
    context = build_context(
        consortium,
        report,
        content,
        profile,
        rates=rates,
        date=date,
        redactor=redactor,
        draft=options.draft,
    )
    context["tool_version"] = __version__
    context["screening"] = screening_context(screening)
    markdown = render_markdown(context, options.template_dir)
    if options.public:
        markdown = redactor.scrub_markdown(markdown)
    name = consortium.info.consortium_name or "Consortium"
    header = [f"{name} — Proposal, Docket No. {profile.docket}"]
    if options.draft:
        header.append(DRAFT_HEADER)
    if redactor.confidential_rows and not options.public:
        header.append(
            "CONTAINS CONFIDENTIAL INFORMATION (Section VII) — confidential passages are marked"
        )
    elif redactor.confidential_rows:
        header.append("PUBLIC VERSION — confidential information redacted (Section VII)")
    setup = DocumentSetup(
        title=redactor.scrub_text(f"{name} — Proposal for designation"),
        subject=(
            f"Proposal for designation under the {profile.program} (Docket No. {profile.docket})"
        ),
        keywords=f"{profile.program}; Docket No. {profile.docket}",
        date=date,
        header_lines=[redactor.scrub_text(line) for line in header],
        footer_text=redactor.scrub_text(name),
        content_status="Draft" if options.draft else ("Public" if options.public else "Final"),
        reference_docx=options.reference_docx,
        author=redactor.scrub_text(consortium.info.anchor_member or name),
    )
    docx = markdown_to_docx(markdown, setup)
    if options.public:
        leaked = redactor.leaks(iter_xml_parts(docx))
        if leaked:
            # A bug, never the user's fault: refuse rather than publish confidential text.
            raise OutputError(
                f"the public version would still hold confidential text in {', '.join(leaked)}; "
                "no file was written (please report this)"
            )
    return docx, markdown, redactor


def screening_context(screening: ScreeningResult | None) -> dict[str, Any] | None:
    """What section 8 says of the screening: counts and the list's newest date (None: none)."""
    if screening is None:
        return None
    newest = screening.screening_list.newest_start_date
    return {
        "parties": len(screening.parties),
        "date": long_date(newest) if newest is not None else None,
        "min_score": screening.min_score,
        "matches": screening.match_count,
        "possible": screening.possible_count,
    }


def render_proposal(
    check: CheckResult, options: RenderOptions, *, sources: Sequence[SourceFile]
) -> RenderedProposal:
    """The proposal for a checked workbook, and its manifest (SPEC §6).

    `sources` are the files the proposal is built from (`aiexp.sources`), each with its sha256:
    the manifest records them; nothing is read from disk here but the templates.
    """
    consortium = check.workbook.consortium
    docx, markdown, redactor = build_proposal(
        consortium,
        check.report,
        check.content,
        check.profile,
        options,
        check.rates,
        screening=check.screening,
    )
    manifest = {
        "tool": "aiexp",
        "version": __version__,
        "profile": check.profile.id,
        "document": {
            "sha256": hashlib.sha256(docx).hexdigest(),
            "public": options.public,
            "draft": options.draft,
            "date": (
                consortium.info.submission_date or options.date or dt.date.today()
            ).isoformat(),
        },
        "inputs": [source.to_json_dict() for source in sources],
        "validation": {"valid": check.report.valid, **check.report.summary.model_dump()},
        "hardware": check.content.to_json_dict() if check.content is not None else None,
        # The list's sha256 and newest start_date: which list the parties were screened against.
        "screening": check.screening.summary_json() if check.screening is not None else None,
    }
    if options.public:
        manifest = redactor.scrub_json(manifest)
    return RenderedProposal(docx=docx, markdown=markdown, manifest=manifest)


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as pretty, stable JSON."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_path(out: Path) -> Path:
    """`FILE.docx` → `FILE.manifest.json`, beside it."""
    return out.with_suffix(".manifest.json")
