"""`aiexp render`: the proposal DOCX and its manifest (SPEC §6).

model + report + content result → context (`aiexp.document.context`) → Jinja2 templates
(sandboxed, StrictUndefined, every printed value escaped as Markdown data) → Markdown →
DOCX (`aiexp.document.docx_writer`). Nothing is written here: the CLI writes the bytes returned.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiexp import __version__
from aiexp.document.context import build_context
from aiexp.document.context.hardware import hardware_json
from aiexp.document.context.shaper import long_date
from aiexp.document.docx_package import DocumentSetup
from aiexp.document.docx_writer import markdown_to_docx
from aiexp.document.fold import Needles
from aiexp.document.leaks import (
    checked_needles,
    docx_texts,
    json_texts,
    leaks,
    refuse_leaks,
    tool_words,
)
from aiexp.document.redact import Fixed, Redactor, all_marks, fixed_texts
from aiexp.document.templates import shipped_templates
from aiexp.document.text import escape_inline, narrative_markdown
from aiexp.errors import TemplateError
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
CONFIDENTIAL_HEADER = (
    "CONTAINS CONFIDENTIAL INFORMATION (Section VII) — confidential passages are marked"
)
PUBLIC_HEADER = "PUBLIC VERSION — confidential information redacted (Section VII)"


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
    """The sandboxed Jinja2 environment: `template_dir` first, then the shipped templates.

    One environment per folder and process: its templates are compiled once (and compiled
    again when a file changes).
    """
    if template_dir is not None and not template_dir.is_dir():
        raise TemplateError(f"{template_dir}: --template-dir is not a folder")
    return _environment(template_dir)


@functools.lru_cache(maxsize=8)
def _environment(template_dir: Path | None) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders: list[Any] = []
    if template_dir is not None:
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


@dataclass(frozen=True)
class Composed:
    """A proposal before it is a DOCX: its Markdown, its page setup and its redactor."""

    markdown: str
    setup: DocumentSetup
    redactor: Redactor
    context: dict[str, Any]


def compose(
    consortium: Consortium,
    report: Report,
    content: ContentResult | None,
    profile: Profile,
    options: RenderOptions,
    rates: Mapping[str, Decimal],
    screening: ScreeningResult | None = None,
) -> Composed:
    """The proposal's Markdown and page setup from the model (the public one from the
    redacted model: every value the templates, the header, the footer and the properties
    print comes from the scrubbed context)."""
    date = consortium.info.submission_date or options.date or dt.date.today()
    redactor = Redactor.for_model(consortium, content, public=options.public, rates=rates)
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
    context["tool_version"] = Fixed(__version__)
    context["screening"] = redactor.scrub(screening_context(screening))
    markdown = render_markdown(context, options.template_dir)
    if options.public:
        redactor.checked = public_needles(redactor, profile, context, markdown)
    cover = context["cover"]
    name = cover["consortium_name"] or "Consortium"
    header = [f"{name} — Proposal, Docket No. {profile.docket}"]
    if options.draft:
        header.append(DRAFT_HEADER)
    if redactor.confidential_rows and not options.public:
        header.append(CONFIDENTIAL_HEADER)
    elif redactor.confidential_rows:
        header.append(PUBLIC_HEADER)
    setup = DocumentSetup(
        title=f"{name} — Proposal for designation",
        subject=(
            f"Proposal for designation under the {profile.program} (Docket No. {profile.docket})"
        ),
        keywords=f"{profile.program}; Docket No. {profile.docket}",
        date=date,
        header_lines=header,
        footer_text=name,
        content_status="Draft" if options.draft else ("Public" if options.public else "Final"),
        reference_docx=options.reference_docx,
        author=cover["anchor_name"] or name,
    )
    return Composed(markdown, setup, redactor, context)


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
    when there is one (SPEC §1). A public version whose visible text still holds a withheld
    text is refused (OutputError): nothing is written.
    """
    composed = compose(consortium, report, content, profile, options, rates, screening)
    docx = markdown_to_docx(composed.markdown, composed.setup)
    if options.public:
        refuse_leaks(leaks(docx_texts(docx), composed.redactor.checked))
    return docx, composed.markdown, composed.redactor


def public_needles(
    redactor: Redactor, profile: Profile, context: Mapping[str, Any], markdown: str = ""
) -> Needles[Any]:
    """The withheld texts the output check looks for (`aiexp.document.leaks`): all but the
    tool's own words — the templates, the profile, the marks, the headers, every `Fixed`
    text of the context (the notice's requirements, states, codes), and the section numbers
    the templates gave the headings (a withheld `2.5` is not found in "2.5 Layer 4")."""
    if not redactor.needles:
        return redactor.needles
    texts = [
        *_SECTION_NUMBER.findall(markdown),
        *all_marks(),
        *fixed_texts(context),
        DRAFT_HEADER,
        CONFIDENTIAL_HEADER,
        PUBLIC_HEADER,
        "Proposal, Docket No. Proposal for designation Draft Public Final Proposal",
        *_profile_texts(profile.model_dump(mode="json")),
    ]
    wording = tool_words([shipped_templates()], texts)
    return checked_needles(redactor.needles, wording)


#: A heading's section number (`## 2.5 Layer 4: …`, `### 3.1 …`): one or two small numbers.
_SECTION_NUMBER = re.compile(r"^#{1,6}[ \t]+([0-9]{1,2}(?:\.[0-9]{1,2})?)[ \t]", re.MULTILINE)


def _profile_texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _profile_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _profile_texts(item)
    elif value is not None:
        yield str(value)


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
    docx, markdown, redactor = build_proposal(
        check.workbook.consortium,
        check.report,
        check.content,
        check.profile,
        options,
        check.rates,
        screening=check.screening,
    )
    manifest = proposal_manifest(check, options, docx, redactor, sources)
    return RenderedProposal(docx=docx, markdown=markdown, manifest=manifest)


def proposal_manifest(
    check: CheckResult,
    options: RenderOptions,
    docx: bytes,
    redactor: Redactor,
    sources: Sequence[SourceFile],
) -> dict[str, Any]:
    """What a proposal was built from: the tool, the inputs' and the output's sha256, the
    validation summary and the hardware figures (SPEC §6).

    The public manifest holds no text or amount of a withheld row: the hardware figures are the
    public version's (`hardware_json`), every other value that mentions a withheld text is
    redacted, and the result is checked like the document (OutputError if anything remains).
    """
    consortium = check.workbook.consortium
    content = check.content
    manifest: dict[str, Any] = {
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
        "hardware": hardware_json(content, redactor) if content is not None else None,
        # The list's sha256 and newest start_date: which list the parties were screened against.
        "screening": check.screening.summary_json() if check.screening is not None else None,
    }
    if options.public:
        manifest = redactor.scrub(manifest)
        checked = redactor.checked
        refuse_leaks(leaks((("the manifest", text) for text in json_texts(manifest)), checked))
    return manifest


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as pretty, stable JSON."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_path(out: Path) -> Path:
    """`FILE.docx` → `FILE.manifest.json`, beside it."""
    return out.with_suffix(".manifest.json")
