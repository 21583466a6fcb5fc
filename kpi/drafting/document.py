"""A policy document as text: read .txt/.docx/.pdf, rebuild paragraphs, find headings.

Paragraphs are rebuilt from lines because web copies and PDFs wrap lines inside a
sentence; a line is joined to the one before unless that one ends a sentence or is a
heading. Headings follow the numbering of Chinese government documents:
一、 (part), （一） (section), 1. (item).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kpi.domain.errors import UserError
from kpi.ingest.read import decode_text

SUFFIXES = (".txt", ".docx", ".pdf")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = "。；;！？!?：:”」）)"
_HEADING = (
    re.compile(r"^[一二三四五六七八九十]+\s*、"),
    re.compile(r"^[(（]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"^\d{1,2}\s*[.．、](?!\d)"),
)
#: Longest title of a heading that runs on into its paragraph ("（一）标题。正文").
_INLINE_HEADING_CHARS = 30
_LINE_HEADING_CHARS = 40
_ANNEX = re.compile(r"^附\s*件\s*\d*\s*[:：]?")


class DocumentError(UserError, ValueError):
    """The file cannot be read as a policy text (a draft.* message and its parameters)."""


def read_document(data: bytes, name: str) -> str:
    """The text of a .txt (UTF-8 or GBK/GB18030), .docx or .pdf (with a text layer) file."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError("draft.unsupported_type", name=name)
    try:
        text = _READERS[suffix](data)
    except DocumentError:
        raise
    except Exception as exc:  # every reader library has its own errors: report, don't crash
        raise DocumentError("draft.unreadable", name=name, detail=type(exc).__name__) from exc
    # PDF text layers of CJK fonts often carry NULs between characters
    text = _CONTROL.sub("", text)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise DocumentError("draft.no_text", name=name)
    return text


def _read_docx(data: bytes) -> str:
    import docx  # imported on use: only drafting needs it

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def _read_pdf(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


_READERS = {".txt": decode_text, ".docx": _read_docx, ".pdf": _read_pdf}


# ---- paragraphs and headings ---------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text with the headings it stands under."""

    index: int
    text: str
    headings: tuple[str, ...]  # (part, section, item), each possibly ""

    @property
    def section(self) -> str:
        """The headings as the catalog writes them: 一、总体要求（三）发展目标, then the
        numbered item after a space when there is one (… 6. 开放产业场景资源)."""
        return " ".join(part for part in ("".join(self.headings[:2]), self.headings[2]) if part)


def heading_level(line: str) -> int | None:
    """0, 1 or 2 for a numbered heading line (一、 / （一） / 1.), else None."""
    for level, pattern in enumerate(_HEADING):
        if pattern.match(line):
            return level
    return None


def _split_heading(line: str) -> tuple[int, str, str] | None:
    """(level, heading, rest of the line) if the line opens with a heading."""
    level = heading_level(line)
    if level is None:
        return None
    title, stop, rest = line.partition("。")
    if not stop:  # a whole-line heading; a list item ending in ；/， is body text
        short = len(line) <= _LINE_HEADING_CHARS
        return (level, line, "") if short and not line.endswith(tuple("；;，,")) else None
    if len(title) > _INLINE_HEADING_CHARS:
        return None  # a numbered clause (1. 本措施适用于……), not a heading
    return level, title, rest


def _normal_heading(text: str) -> str:
    """Full-width brackets and no inner spaces, as the catalog writes headings."""
    text = text.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", text).rstrip("。.")


def _opens_block(line: str) -> tuple[bool, bool]:
    """(starts a new line, whole line is a title): headings and annex marks."""
    split = _split_heading(line)
    if _ANNEX.match(line):
        return True, True
    if split is None:
        return False, False
    return True, not split[2]


def logical_lines(text: str) -> list[str]:
    """Lines with wrapped sentences joined back together; blank lines dropped."""
    out: list[str] = []
    joinable = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        new_block, title_only = _opens_block(line)
        if out and joinable and not new_block:
            out[-1] += line
        else:
            out.append(line)
        joinable = not title_only and not out[-1].endswith(tuple(_SENTENCE_END))
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """Body paragraphs of a document, each with its part/section/item headings."""
    headings = ["", "", ""]
    result: list[Paragraph] = []
    for line in logical_lines(text):
        split = _split_heading(line)
        body = line
        if _ANNEX.match(line):  # an annex starts its own numbering
            headings = [_normal_heading(line), "", ""]
            continue
        if split is not None:
            level, title, body = split
            headings[level] = _normal_heading(title) if level < 2 else title.strip().rstrip("。")
            headings[level + 1 :] = [""] * (2 - level)
        if body.strip():
            result.append(Paragraph(len(result), body, tuple(headings)))
    return result


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 next to the target, then rename: never half a file."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def normal_text(text: str) -> str:
    """The document as drafted from: one logical line per line (saved for the verbatim check)."""
    return "\n".join(logical_lines(text)) + "\n"


# ---- facts about the plan ------------------------------------------------------------------
@dataclass(frozen=True)
class PlanFacts:
    """What the document says about itself; every field may be empty for the reviewer."""

    title: str
    doc_number: str
    issued: date | None
    start: date | None
    end: date | None


_QUOTED = re.compile(r"《([^》]{4,80})》")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔［\[]\s*20\d\d\s*[〕］\]]\s*\d+\s*号")
_DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PERIOD = re.compile(r"[(（]\s*(20\d\d)\s*[-－—–~～至到]\s*(20\d\d)\s*年\s*[)）]")
_UNTIL = re.compile(r"至\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:止|截止|结束)")
_TITLE_WORDS = ("行动计划", "行动方案", "实施方案", "若干措施", "规划", "意见", "办法")


def _date(match: re.Match) -> date | None:
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _title(lines: list[str]) -> str:
    for line in lines:
        if "印发" in line and (quoted := _QUOTED.search(line)):
            return re.sub(r"\s+", "", quoted[1])
    for line in lines:
        if any(word in line for word in _TITLE_WORDS) and len(line) <= 80:
            return line.split(":")[-1].split("：")[-1].strip("*# ")
    return ""


def _next_quarter(day: date) -> date:
    quarter_start_month = 3 * ((day.month - 1) // 3) + 4
    if quarter_start_month > 12:
        return date(day.year + 1, 1, 1)
    return date(day.year, quarter_start_month, 1)


def plan_facts(text: str) -> PlanFacts:
    """Title, document number, issue date and period (from 2024-2026年 or 至…止)."""
    lines = logical_lines(text)
    title = _title(lines)
    doc = _DOC_NUMBER.search(text)
    after = text[doc.end() :] if doc else text
    issued = next((d for m in _DATE.finditer(after) if (d := _date(m))), None)
    unquoted = _QUOTED.sub("", text)  # a period inside 《other plan（2024—2026年）》 is not ours
    period = _PERIOD.search(title) or _PERIOD.search(unquoted)
    until = _UNTIL.search(unquoted)
    start = end = None
    if period:
        start, end = date(int(period[1]), 1, 1), date(int(period[2]), 12, 31)
    elif until:
        end = _date(until)
        start = _next_quarter(issued) if issued else None
    return PlanFacts(
        title=title,
        doc_number=re.sub(r"\s+", "", doc[0]) if doc else "",
        issued=issued,
        start=start,
        end=end,
    )
