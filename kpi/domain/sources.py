"""The policy texts behind the targets, shipped in data/policy/ with the product.

Each plan of the catalog names its file (``source``) and the file's SHA-256
(``source_sha256``); every target's ``text_zh`` is a sentence of that file, verbatim,
and every task's ``text_zh`` its paragraph and every support measure's its money
sentence, verbatim up to line wraps (web copies break
a paragraph over lines; :func:`unwrapped`).
:func:`source_problems` checks all of it for any catalog, so a plan added later is
checked the same way as the shipped ones.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from kpi.domain.catalog import DEFAULT_CATALOG, Catalog, Plan

#: The policy texts: policy/ beside the catalog file.
POLICY_DIR = DEFAULT_CATALOG.parent / "policy"


def policy_dir() -> Path:
    """Where the policy texts are: env KPI_POLICY_DIR (tests), else data/policy/."""
    return Path(os.environ.get("KPI_POLICY_DIR") or POLICY_DIR)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def policy_text(plan: Plan, folder: Path | None = None) -> str | None:
    """The plan's policy text, or None when the file is absent or not the recorded one."""
    path = (folder or policy_dir()) / plan.source if plan.source else None
    if path is None or not path.is_file():
        return None
    if plan.source_sha256 and sha256_of(path) != plan.source_sha256:
        return None
    return path.read_text(encoding="utf-8")


def companion_texts(plan: Plan, folder: Path | None = None) -> list[str]:
    """The texts of the plan's other files (``also``) as published, those present and
    unchanged."""
    out = []
    for other in plan.also:
        path = (folder or policy_dir()) / other.file
        if path.is_file() and sha256_of(path) == other.sha256:
            out.append(path.read_text(encoding="utf-8"))
    return out


def source_problems(catalog: Catalog, policy_dir: Path = POLICY_DIR) -> list[str]:
    """Every way the catalog and its policy texts disagree; empty when they agree."""
    problems: list[str] = []
    texts: dict[str, str] = {}
    for plan in catalog.plans:
        path = policy_dir / plan.source
        if not plan.source:
            problems.append(f"plan {plan.code!r}: no source file named")
        elif not path.is_file():
            problems.append(f"plan {plan.code!r}: source {path} does not exist")
        elif sha256_of(path) != plan.source_sha256:
            problems.append(
                f"plan {plan.code!r}: {plan.source} has SHA-256 {sha256_of(path)}, "
                f"the catalog records {plan.source_sha256 or 'none'}"
            )
        else:
            texts[plan.code] = path.read_text(encoding="utf-8")
        for other in plan.also:
            other_path = policy_dir / other.file
            if not other_path.is_file():
                problems.append(f"plan {plan.code!r}: file {other_path} does not exist")
            elif sha256_of(other_path) != other.sha256:
                problems.append(
                    f"plan {plan.code!r}: {other.file} has SHA-256 {sha256_of(other_path)}, "
                    f"the catalog records {other.sha256}"
                )
    for target in catalog.targets:
        text = texts.get(target.plan)
        if text is not None and target.text_zh not in text:
            problems.append(
                f"target {target.code!r}: text_zh {target.text_zh!r} is not in {target.plan}'s "
                "source text"
            )
    for task in catalog.tasks:
        text = texts.get(task.plan)
        if text is not None and not in_text(task.text_zh, text):
            problems.append(
                f"task {task.code!r}: text_zh {task.text_zh[:40]!r}… is not in {task.plan}'s "
                "source text"
            )
    for measure in catalog.measures:
        text = texts.get(measure.plan)
        if text is not None and not in_text(measure.text_zh, text):
            problems.append(
                f"measure {measure.code!r}: text_zh {measure.text_zh[:40]!r}… is not in "
                f"{measure.plan}'s source text"
            )
    return problems


def unwrapped(text: str) -> str:
    """The text with its line breaks (and the blank lines of a wrapped paragraph) taken
    out: a paragraph broken over lines reads as one."""
    return "".join(line.strip() for line in text.splitlines())


def in_text(passage: str, text: str) -> bool:
    """``passage`` stands in ``text`` verbatim, or verbatim once line wraps are joined."""
    return passage in text or unwrapped(passage) in unwrapped(text)


@dataclass(frozen=True)
class SourcePassage:
    """The paragraph of the policy text that holds a target's sentence."""

    before: str
    sentence: str
    after: str


def source_passage(text: str, sentence: str) -> SourcePassage | None:
    """The paragraph (a line of the text) around the first occurrence of ``sentence``."""
    at = text.find(sentence)
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(sentence))
    end = len(text) if end < 0 else end
    return SourcePassage(text[start:at].strip(), sentence, text[at + len(sentence) : end].rstrip())
