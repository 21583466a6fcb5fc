"""The drafting page's rules: read an upload or pasted text, mark drafted sentences in
their paragraphs, check reviewed rows, preview and install the catalog.

Installing goes through ``Store.load_catalog_text`` (the path of ``kpi catalog load``)
after the policy text is saved in data/policy/, so the verbatim check covers the new plan.
"""

from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kpi.access.auth import User, admin_refusal
from kpi.domain.catalog import DEFAULT_CATALOG, Catalog, CatalogError, parse_catalog
from kpi.domain.outcome import Outcome
from kpi.domain.problems import Problem, Severity, errors
from kpi.drafting.catalog_block import (
    PlanHeader,
    catalog_block,
    catalog_with_block,
    metric_codes,
    text_sha256,
)
from kpi.drafting.document import read_document, write_atomically
from kpi.drafting.items import Draft, draft_text
from kpi.drafting.measure_items import measure_entries
from kpi.i18n import Phrase
from kpi.storage.store import Store, StoreError

POLICY_DIR = DEFAULT_CATALOG.parent / "policy"


def policy_dir() -> Path:
    """Where policy texts are saved: env KPI_POLICY_DIR, else data/policy/."""
    return Path(os.environ.get("KPI_POLICY_DIR") or POLICY_DIR)


def draft_input(data: bytes | None, name: str, pasted: str, catalog: Catalog) -> Draft | None:
    """Draft an uploaded file (preferred) or pasted text; None when there is neither.
    Raises DocumentError for a file that cannot be read."""
    if data is not None:
        return draft_text(read_document(data, name), catalog.metrics)
    if pasted.strip():
        return draft_text(pasted, catalog.metrics)
    return None


def marked_paragraphs(draft: Draft) -> list[tuple[str, str]]:
    """(section, HTML) for each paragraph holding a drafted item, its clauses in <mark>.
    Every piece of document text is HTML-escaped."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for item in draft.items:
        spans.setdefault(item.paragraph, []).append((item.start, item.end))
    out = []
    for index, marks in sorted(spans.items()):
        paragraph = draft.paragraphs[index]
        pieces, at = [], 0
        for start, end in sorted(set(marks)):
            pieces.append(html.escape(paragraph.text[at:start]))
            pieces.append(f"<mark>{html.escape(paragraph.text[start:end])}</mark>")
            at = end
        pieces.append(html.escape(paragraph.text[at:]))
        out.append((paragraph.section, "".join(pieces)))
    return out


def source_name(plan_code: str) -> str:
    """File name of a plan's policy text in data/policy/."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in plan_code.lower()) + ".txt"


@dataclass
class Preview:
    """The block a reviewed draft adds, the whole catalog, and every problem found:
    errors stop installing, warnings (empty English fields) do not."""

    block: str
    catalog_text: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def _not_verbatim(rows: list[dict[str, Any]], text: str) -> list[Problem]:
    kept = [row for row in rows if row.get("keep", True)]
    return [
        Problem(n, None, "draft_not_verbatim", {"text": sentence})
        for n, row in enumerate(kept, start=1)
        if not (sentence := str(row.get("text_zh") or "").strip()) or sentence not in text
    ]


def _catalog_problems(found: list[Phrase]) -> list[Problem]:
    """The catalog check's problems (or a store's refusal) as the draft's own."""
    return [Problem(None, None, "catalog_entry", {"detail": p}) for p in found]


def _told(problems: list[Problem]) -> list[Phrase]:
    """A catalog's problems as parameters of the draft's: each message with its place
    (a catalog problem's message names its entry, field or line itself)."""
    return [Phrase(p.key, p.location() | p.params) for p in problems]


def preview(
    draft: Draft, rows: list[dict[str, Any]], header: PlanHeader, catalog: Catalog
) -> Preview:
    """Validate the reviewed rows as the catalog would be after installing them."""
    header = replace(header, source_sha256=text_sha256(draft.text))
    measures = measure_entries(draft, header.code)
    block = catalog_block(rows, header, catalog, draft.support, draft.tasks, measures)
    full = catalog_with_block(catalog, block)
    problems = _not_verbatim(rows, draft.text)
    try:
        parse_catalog(full)
    except CatalogError as exc:
        problems += _catalog_problems(_told(exc.problems))
    return Preview(block, full, problems + _english_gaps(rows, header, catalog))


def _english_gaps(
    rows: list[dict[str, Any]], header: PlanHeader, catalog: Catalog
) -> list[Problem]:
    """Empty English fields: the English view would show them blank."""
    warn = Severity.WARNING
    gaps = [] if header.title_en else [Problem(None, None, "draft_no_title_en", severity=warn)]
    known = {m.code for m in catalog.metrics}
    kept = [row for row in rows if row.get("keep", True)]
    for n, (row, code) in enumerate(zip(kept, metric_codes(rows, header.code), strict=True), 1):
        if not row.get("text_en") or (code not in known and not row.get("name_en")):
            gaps.append(Problem(n, None, "draft_no_english", severity=warn))
    return gaps


def _save_policy_text(path: Path, text: str) -> tuple[bool, list[Problem]]:
    """(created, problems): write the text unless the same text is already there."""
    if path.exists():
        if hashlib.sha256(path.read_bytes()).hexdigest() == text_sha256(text):
            return False, []
        return False, [Problem(None, None, "draft_source_taken", {"source": path.name})]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)
    return True, []


def install(
    store: Store,
    user: User | None,
    draft: Draft,
    rows: list[dict[str, Any]],
    header: PlanHeader,
    policy_dir: Path = POLICY_DIR,
) -> Outcome[int]:
    """Save the policy text and install the catalog with the reviewed rows: the catalog
    version installed, or nothing changed and the errors."""
    refused = admin_refusal(user)
    if refused is not None:
        return refused
    assert user is not None
    checked = preview(draft, rows, header, store.catalog())
    if not checked.ok:
        return Outcome.failed(errors(checked.problems))
    path = policy_dir / header.source
    created, problems = _save_policy_text(path, draft.text)
    if problems:
        return Outcome.failed(problems)
    try:
        return Outcome.done(store.load_catalog_text(checked.catalog_text, user.name))
    except (CatalogError, StoreError) as exc:
        if created:
            path.unlink(missing_ok=True)
        if isinstance(exc, CatalogError):
            return Outcome.failed(_catalog_problems(_told(exc.problems)))
        return Outcome.failed(_catalog_problems([Phrase(exc.key, exc.params)]))
