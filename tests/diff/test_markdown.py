"""The Markdown `aiexp diff` writes: workbook values are literal text, the structure is ours.

changes.md is read as Markdown twice: by whatever shows the file, and by the proposal once it is
pasted into the `material_changes` narrative (`narrative_markdown`, then markdown-it and the DOCX
writer). A cell must not become HTML, a link, emphasis, a heading, a table or a line of its own in
either (issue 13).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from aiexp.diff.markdown import markdown_literal
from aiexp.document.text import narrative_markdown
from tests.document.dump import text_dump
from tests.hardening.cases import run_case
from tests.hardening.diff_cases import DIFF_CASES, HTML_VALUES, MARKDOWN_VALUES
from tests.hardening.runner import run_main
from tests.workbook_edit import append_row, set_field

# A permissive reader: raw HTML on, GitHub's tables and strikethrough on.
VIEWER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# How the proposal reads a narrative (aiexp.document.docx_writer).
PROPOSAL = MarkdownIt("commonmark", {"html": False}).enable("table")
HEADINGS = ["Material changes", "Other changes", "Hardware U.S. content"]


def _plain(value: str) -> str:
    """What the reader must see of a value: controls dropped, white space joined."""
    kept = "".join(c for c in value if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs"))
    return " ".join(kept.split())


def _blocks(parser: MarkdownIt, markdown: str) -> list[tuple[str, str]]:
    """(block kind, its text) for every paragraph, title (a bold line), heading and bullet; fails
    on anything else."""
    blocks: list[tuple[str, str]] = []
    kind = "paragraph"
    allowed = {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}
    for token in parser.parse(markdown):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "list_item_open":
            kind = "bullet"
        elif token.type == "list_item_close":
            kind = "paragraph"
        elif token.type == "inline":
            children: list[Any] = [
                c for c in token.children or [] if not (c.type == "text" and not c.content)
            ]
            types = [c.type for c in children]
            if types == ["strong_open", "text", "strong_close"] and kind == "paragraph":
                blocks.append(("title", children[1].content))  # the explanation's own titles
                continue
            # Only text: no html_inline, link, em, strong, code_inline, s, softbreak.
            assert types == ["text"], (token.content, children)
            blocks.append((kind, children[0].content))
        elif token.type == "heading_close":
            kind = "paragraph"
        else:
            assert token.type in allowed | {"paragraph_open", "paragraph_close"}, token
    return blocks


# -- the escaping ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("[link](http://example.com)", r"\[link\](http://example.com)"),
        ("**bold** and _italic_ and `code`", r"\*\*bold\*\* and \_italic\_ and \`code\`"),
        ("# Heading", r"\# Heading"),
        ("a | b", r"a \| b"),
        ("line one\nline two\r\n\n  three", "line one line two three"),
        ("\x1b[2J\x1b]0;title\x07 cleared", r"\[2J\]0;title cleared"),
        ("C1\x9b2J and DEL\x7f", "C12J and DEL"),
        ("&amp; &#35; &#x26;", r"\&amp; \&\#35; \&\#x26;"),
        ("back\\slash ~tilde~ $5 ^ {x}", r"back\\slash \~tilde\~ \$5 \^ \{x\}"),
        # Read as typed: nothing here can be Markdown or HTML.
        ("Johnson & Johnson, AT&T", "Johnson & Johnson, AT&T"),
        ("a < b, (c) - d + e = f! 1. 100 %", "a < b, (c) - d + e = f! 1. 100 %"),
        ("business_model", "business_model"),
        ("“Hoshizora Photonics K.K.” → 12.5 %", "“Hoshizora Photonics K.K.” → 12.5 %"),
    ],
)
def test_markdown_literal(value: str, expected: str) -> None:
    assert markdown_literal(value) == expected


_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_TRICKY = st.sampled_from(
    [*_PUNCTUATION, " ", "\n", "\t", "\x1b", "\x7f", "\x9b", "\u00a0", "a", "Z", "1", "é", "&amp;"]
)


@given(st.lists(_TRICKY | st.characters(), max_size=40).map("".join))
@example("a*b*c and a_b_c and a__b__c")
@example("<1@x.co> <http://x> <!-- c --> <?p?> </b> &copy; &#169;")
@example("a\\*b\\* ![i](x) [r]: /u ~~s~~ `c` | x |")
def test_any_value_reads_as_its_text(value: str) -> None:
    """In a bullet, read by a permissive viewer and by the proposal: exactly the value's text."""
    expected = f"Member added: {_plain(value)}."
    line = f"- Member added: {markdown_literal(value)}."
    assert _blocks(VIEWER, line) == [("bullet", expected)]
    assert _blocks(PROPOSAL, line) == [("bullet", expected)]


# -- changes.md, from real workbooks --------------------------------------------------------------
@pytest.mark.parametrize("case", DIFF_CASES, ids=[case.name for case in DIFF_CASES])
def test_changes_md_carries_cells_as_text(case: Any, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path / "case")
    assert outcome.run.exit_code == 0, outcome.run
    assert outcome.run.stderr == ""
    data = (tmp_path / "case" / "changes.md").read_bytes()
    # No control character at all, but the line ends of the explanation itself.
    assert all(unicodedata.category(c) != "Cc" for c in data.decode("utf-8").replace("\n", ""))
    blocks = _blocks(VIEWER, data.decode("utf-8"))
    assert [text for kind, text in blocks if kind == "title"] == HEADINGS
    text = "\n".join(text for _, text in blocks)
    values = HTML_VALUES if case.name == "diff-html" else MARKDOWN_VALUES
    for value in values.values():
        assert _plain(value) in text, value
    assert (
        "bullet",
        f"Member added: {_plain(values['member'])} (member; layer 5; organized "
        "in United States; country-of-concern ownership 0 %; U.S. ownership 100 %).",
    ) in blocks


# -- pasted into the material_changes narrative -----------------------------------------------
def _as_pasted(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The narrative subset has paragraphs, lists, bold and italic: the explanation's titles are
    bold lines, so it reads in the proposal as in a Markdown viewer."""
    assert all(kind != "heading" for kind, _ in blocks)
    return blocks


def _explanation(case_name: str, folder: Path) -> str:
    case = next(case for case in DIFF_CASES if case.name == case_name)
    assert run_case(case, folder).run.exit_code == 0
    return (folder / "changes.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The Markdown case's changes.md pasted into the new workbook and rendered: (it, DOCX)."""
    folder = tmp_path_factory.mktemp("pasted")
    explanation = _explanation("diff-markdown", folder)
    append_row(
        folder / "new.xlsx", "Narratives", {"section": "material_changes", "text": explanation}
    )
    set_field(folder / "new.xlsx", "is_resubmission", "yes")
    run = run_main(
        ["render", "new.xlsx", "--out", "p.docx", "--draft", "--date", "2026-05-01"], cwd=folder
    )
    assert run.exit_code == 0, run
    return explanation, text_dump((folder / "p.docx").read_bytes())


def test_pasted_explanation_reads_as_written_in_the_proposal(pasted: tuple[str, str]) -> None:
    explanation, text = pasted
    lines = text.splitlines()
    start = lines.index("[Heading 1] Material changes since the previous proposal") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("[Heading 1]"))
    style = {"paragraph": "Normal", "title": "Normal", "bullet": "List Bullet"}
    expected = [
        f"[{style[kind]}] {line}" for kind, line in _as_pasted(_blocks(VIEWER, explanation))
    ]
    assert lines[start:end] == expected
    for value in MARKDOWN_VALUES.values():
        assert _plain(value) in text  # no backslash, no emphasis, no link, no heading of its own


def test_pasted_html_stays_text(tmp_path: Path) -> None:
    explanation = _explanation("diff-html", tmp_path)
    blocks = _blocks(PROPOSAL, narrative_markdown(explanation))  # only text, no HTML
    assert len(blocks) == len(_blocks(VIEWER, explanation))


def test_pasted_html_has_no_stray_backslash(tmp_path: Path) -> None:
    explanation = _explanation("diff-html", tmp_path)
    pasted = _blocks(PROPOSAL, narrative_markdown(explanation))
    assert pasted == _as_pasted(_blocks(VIEWER, explanation))
