"""The target catalog: one TOML file of jurisdictions, plans, metrics and targets.

The file is data: adding another city's plan is an edit of the file only. It is
validated on load and every error names the entry it concerns.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from kpi.i18n import t

DEFAULT_CATALOG = Path(__file__).resolve().parent.parent / "data" / "catalog.toml"

Comparator = Literal["at_least", "range", "approx"]
Kind = Literal["level", "flow"]
#: An "approx" target counts as met at this share of its number.
APPROX_SHARE = 0.9


#: A problem: a message naming its entry (English), or an i18n key with its parameters.
Problem = str | tuple[str, dict]


class CatalogError(ValueError):
    """The catalog file is invalid; ``problems`` lists one message per bad entry."""

    def __init__(self, problems: list[Problem]):
        self._items = problems
        self.problems = self.messages("en")
        super().__init__(self.message("en"))

    def messages(self, lang: str) -> list[str]:
        return [p if isinstance(p, str) else t(p[0], lang, **p[1]) for p in self._items]

    def message(self, lang: str) -> str:
        lines = "\n".join(f"  - {p}" for p in self.messages(lang))
        return t("catalog.invalid", lang) + "\n" + lines


#: Codes are identifiers in URLs, target codes ("PLAN:metric") and file names.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
#: Catalog texts larger than this are refused before parsing.
MAX_CATALOG_BYTES = 8 * 1024 * 1024
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_catalog(data: bytes) -> str:
    """The text of a catalog file: UTF-8 (BOM allowed), not binary, not too large."""
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError([("catalog.too_large", {"limit": MAX_CATALOG_BYTES // 1024 // 1024})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogError([("catalog.not_utf8", {})]) from None
    if _BINARY.search(text):
        raise CatalogError([("catalog.binary", {})])
    return text


class UnknownJurisdiction(ValueError):
    """A jurisdiction code the catalog does not hold."""

    def __init__(self, given: str, known: list[str]):
        self.given = given
        super().__init__(f"unknown jurisdiction {given!r}; use one of {', '.join(known)} or all")


#: What a user may type, or a page send, for "every jurisdiction".
ALL_JURISDICTIONS = frozenset({"", "all", "全部"})


class _Entry(BaseModel):
    # allow_inf_nan=False: "min = nan" would compare false with everything and pass.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


class Family(_Entry):
    code: Code
    name_zh: str
    name_en: str


class Jurisdiction(_Entry):
    code: Code
    name_zh: str
    name_en: str
    parent: Code | None = None


class Plan(_Entry):
    code: Code
    jurisdiction: Code
    doc_number: str
    title_zh: str
    title_en: str
    issued: date
    start: date
    end: date
    source: str = ""  # file name in data/policy/
    source_sha256: str = ""  # of that file, so a changed text is noticed
    source_note: str = ""  # e.g. that the file is a repost, not the official text
    #: Days after the deadline within which late reports still count towards the
    #: verdict at close (``status_at_close``).
    reporting_lag_days: int = Field(default=90, ge=0)
    #: The agency the figures are reported to and that answers for them (the source
    #: line of a briefing names it); English name optional.
    reporting_agency: str = ""
    reporting_agency_en: str = ""

    @model_validator(mode="after")
    def _period_order(self) -> Plan:
        if self.start >= self.end:
            raise ValueError(f"start {self.start} is not before end {self.end}")
        return self


class Metric(_Entry):
    code: Code
    family: Code
    kind: Kind
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    #: Whole items (teams, firms, strains): expected values and forecasts are whole numbers.
    count: bool = True


class Target(_Entry):
    plan: Code
    metric: Code
    comparator: Comparator
    min: float
    max: float | None = None
    text_zh: str
    text_en: str
    section: str

    @property
    def code(self) -> str:
        return f"{self.plan}:{self.metric}"

    @property
    def threshold(self) -> float:
        return self.min * APPROX_SHARE if self.comparator == "approx" else self.min

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.min <= 0:
            raise ValueError(f"min must be positive, got {self.min}")
        if self.comparator == "range":
            if self.max is None:
                raise ValueError("a range target needs max")
            if self.min > self.max:
                raise ValueError(f"min {self.min} > max {self.max}")
        elif self.max is not None:
            raise ValueError(f"max is only allowed on range targets, not {self.comparator}")
        return self


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    families: tuple[Family, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    plans: tuple[Plan, ...]
    metrics: tuple[Metric, ...]
    targets: tuple[Target, ...]

    @cached_property
    def _by_code(self) -> dict[str, dict[str, Any]]:
        # Built once per catalog: at national scale (25,000 targets) a linear search per
        # lookup made every per-target label quadratic.
        sections = ("jurisdictions", "plans", "metrics", "targets")
        return {s: {e.code: e for e in getattr(self, s)} for s in sections}

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Catalog:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_by_code", None)  # the copy's entries may differ: index afresh
        return copy

    def jurisdiction(self, code: str) -> Jurisdiction:
        return self._by_code["jurisdictions"][code]

    def jurisdiction_scope(self, given: str | None) -> str | None:
        """The catalog's code for ``given`` in any case (" bj " -> "BJ"), or None for all
        jurisdictions (None, "", "all"). Every command and page reads a choice through this.

        Raises:
            UnknownJurisdiction: ``given`` names no jurisdiction of the catalog.
        """
        text = (given or "").strip()
        if text.lower() in ALL_JURISDICTIONS:
            return None
        codes = {code.lower(): code for code in self._by_code["jurisdictions"]}
        if text.lower() not in codes:
            raise UnknownJurisdiction(text, list(self._by_code["jurisdictions"]))
        return codes[text.lower()]

    def plan(self, code: str) -> Plan:
        return self._by_code["plans"][code]

    def metric(self, code: str) -> Metric:
        return self._by_code["metrics"][code]

    def target(self, code: str) -> Target:
        return self._by_code["targets"][code]

    def targets_frame(self) -> pd.DataFrame:
        """One row per target with its plan period, jurisdiction and metric kind."""
        plans = {p.code: p for p in self.plans}
        metrics = {m.code: m for m in self.metrics}
        rows = [
            {
                "target": t.code,
                "plan": t.plan,
                "jurisdiction": plans[t.plan].jurisdiction,
                "metric": t.metric,
                "family": metrics[t.metric].family,
                "kind": metrics[t.metric].kind,
                "comparator": t.comparator,
                "min": t.min,
                "max": t.max,
                "threshold": t.threshold,
                "start": plans[t.plan].start,
                "deadline": plans[t.plan].end,
            }
            for t in self.targets
        ]
        return pd.DataFrame(rows)


def _duplicates(kind: str, codes: list[str]) -> list[str]:
    return [f"{kind} {c!r}: duplicate code" for c, n in Counter(codes).items() if n > 1]


def _check_references(cat: Catalog) -> list[str]:
    problems: list[str] = []
    families = {f.code for f in cat.families}
    jurisdictions = {j.code for j in cat.jurisdictions}
    plans = {p.code for p in cat.plans}
    metrics = {m.code for m in cat.metrics}
    problems += _duplicates("family", [f.code for f in cat.families])
    problems += _duplicates("jurisdiction", [j.code for j in cat.jurisdictions])
    problems += _duplicates("plan", [p.code for p in cat.plans])
    problems += _duplicates("metric", [m.code for m in cat.metrics])
    problems += _duplicates("target", [t.code for t in cat.targets])
    problems += _duplicates("jurisdiction name", [j.name_zh for j in cat.jurisdictions])
    problems += _duplicates("metric name", [m.name_zh for m in cat.metrics])
    for j in cat.jurisdictions:
        if j.parent is not None and j.parent not in jurisdictions:
            problems.append(f"jurisdiction {j.code!r}: unknown parent {j.parent!r}")
    for p in cat.plans:
        if p.jurisdiction not in jurisdictions:
            problems.append(f"plan {p.code!r}: unknown jurisdiction {p.jurisdiction!r}")
    for m in cat.metrics:
        if m.family not in families:
            problems.append(f"metric {m.code!r}: unknown family {m.family!r}")
    for target in cat.targets:
        if target.plan not in plans:
            problems.append(f"target {target.code!r}: unknown plan {target.plan!r}")
        if target.metric not in metrics:
            problems.append(f"target {target.code!r}: unknown metric {target.metric!r}")
    return problems


def _entry_name(section: str, index: int, raw: dict) -> str:
    code = raw.get("code") or (
        f"{raw.get('plan')}:{raw.get('metric')}" if section == "targets" else None
    )
    return f"{section[:-1]} {code!r}" if code else f"{section}[{index}]"


def _model_errors(raw: dict) -> list[str]:
    """Validate each entry on its own so every message names its entry."""
    problems: list[str] = []
    models = {
        "families": Family,
        "jurisdictions": Jurisdiction,
        "plans": Plan,
        "metrics": Metric,
        "targets": Target,
    }
    unknown = set(raw) - set(models)
    problems += [f"unknown section {name!r}" for name in sorted(unknown)]
    for section, model in models.items():
        entries = raw.get(section)
        if not isinstance(entries, list) or not entries:
            problems.append(f"section {section!r} is missing or empty")
            continue
        for i, entry in enumerate(entries):
            try:
                model.model_validate(entry)
            except ValidationError as exc:
                for err in exc.errors():
                    field = ".".join(str(x) for x in err["loc"]) or "entry"
                    name = _entry_name(section, i, entry if isinstance(entry, dict) else {})
                    problems.append(f"{name}: {field}: {err['msg']}")
    return problems


_TOML_ERROR_LINE = re.compile(r"at line (\d+)")
_TABLE_HEADER = re.compile(r"^\s*\[\[\s*(\w+)\s*\]\]")
_KEY_LINE = re.compile(r'^\s*(code|plan|metric)\s*=\s*"([^"]*)"')


def _entry_at_error(text: str, message: str) -> str:
    """'plan 'BJ-2024': ' for the entry holding the line a TOML error points at, or ''."""
    found = _TOML_ERROR_LINE.search(message)
    if not found:
        return ""
    lines = text.splitlines()
    error_line = int(found.group(1)) - 1
    start = next(
        (
            i
            for i in range(min(error_line, len(lines) - 1), -1, -1)
            if _TABLE_HEADER.match(lines[i])
        ),
        None,
    )
    if start is None:
        return ""
    section = _TABLE_HEADER.match(lines[start]).group(1)
    keys: dict = {}
    for line in lines[start + 1 :]:
        if _TABLE_HEADER.match(line):
            break
        if key := _KEY_LINE.match(line):
            keys.setdefault(key.group(1), key.group(2))
    index = sum(1 for line in lines[:start] if (h := _TABLE_HEADER.match(line)) and h[1] == section)
    return _entry_name(section, index, keys) + ": "


def parse_catalog(text: str) -> Catalog:
    """Parse and validate catalog TOML text; raise CatalogError naming each bad entry."""
    if len(text) > MAX_CATALOG_BYTES or _BINARY.search(text):
        decode_catalog(text.encode("utf-8", "replace"))  # raises with the reason
    try:
        raw = tomllib.loads(text)
        problems = _model_errors(raw)
        if problems:
            raise CatalogError(problems)
        cat = Catalog.model_validate(raw)
    except tomllib.TOMLDecodeError as exc:
        where = _entry_at_error(text, str(exc))
        raise CatalogError([f"{where}not valid TOML: {exc}"]) from exc
    except RecursionError:  # arrays nested thousands deep
        raise CatalogError([("catalog.too_deep", {})]) from None
    problems = _check_references(cat)
    if problems:
        raise CatalogError(problems)
    return cat


def load_catalog(path: Path | str = DEFAULT_CATALOG) -> Catalog:
    """Read and validate the catalog file."""
    return parse_catalog(decode_catalog(Path(path).read_bytes()))
