"""The target catalog: one TOML file of jurisdictions, plans, metrics and targets.

The file is data: adding another city's plan is an edit of the file only. It is
validated on load and every error names the entry it concerns.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter
from collections.abc import Mapping
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from kpi.domain.errors import UserError
from kpi.domain.problems import Problem
from kpi.domain.task_rules import normal_unit
from kpi.i18n import STRINGS, Phrase, t

SHIPPED_CATALOG = Path(__file__).resolve().parents[2] / "data" / "catalog.toml"
#: The catalog file: env KPI_CATALOG, else the shipped data/catalog.toml. Its policy texts
#: are in policy/ beside it (CI points it at a copy with a synthetic plan appended).
DEFAULT_CATALOG = Path(os.environ.get("KPI_CATALOG") or SHIPPED_CATALOG)

Comparator = Literal["at_least", "range", "approx"]
Kind = Literal["level", "flow", "annual"]
#: How an annual metric's quarterly figures are reported: "ytd" the year-to-date total
#: (1—6月累计), "quarter" the quarter's own amount (summed within the year).
Basis = Literal["ytd", "quarter"]
#: The tier of government a jurisdiction is (国家 → 省 → 市 → 区).
Level = Literal["national", "province", "city", "district"]
LEVELS: tuple[str, ...] = get_args(Level)
#: A plan in force, or a draft published for comment (征求意见稿).
PlanStatus = Literal["in_force", "draft"]
#: What a plan's source file is: the government text (from its site or a mirror), or the
#: plan's sentences as a news report quotes them (say which in ``source_note``).
TextKind = Literal["government", "news_quote"]
#: A plan's numbered item assigned to units: one of its tasks (重点任务) or measures (措施).
TaskKind = Literal["task", "measure"]
#: An "approx" target counts as met at this share of its number.
APPROX_SHARE = 0.9


class CatalogError(UserError, ValueError):
    """The catalog file is invalid: one Problem per thing wrong, each naming its entry
    (and field, or line and column). ``Locale.error`` tells the heading and the problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("catalog.invalid")

    def __str__(self) -> str:
        """In English, for logs and tests; a catalog problem names its place itself."""
        told = (t(p.key, "en", **(p.location() | p.params)) for p in self.problems)
        return "\n".join([super().__str__(), *(f"  - {line}" for line in told)])


#: Codes are identifiers in URLs, target codes ("PLAN:metric") and file names.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
#: A text that must be given and not empty.
Filled = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: Catalog texts larger than this are refused before parsing.
MAX_CATALOG_BYTES = 8 * 1024 * 1024
_BINARY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refused(code: str, **params: object) -> CatalogError:
    """The whole file is refused: one problem without a place, told as problem.<code>."""
    return CatalogError([Problem(None, None, code, params)])


def decode_catalog(data: bytes) -> str:
    """The text of a catalog file: UTF-8 (BOM allowed), not binary, not too large."""
    if len(data) > MAX_CATALOG_BYTES:
        raise _refused("catalog_too_large", limit=MAX_CATALOG_BYTES >> 20)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused("catalog_not_utf8") from None
    if _BINARY.search(text):
        raise _refused("catalog_binary")
    return text


class UnknownJurisdiction(UserError, ValueError):
    """A jurisdiction code the catalog does not hold."""

    def __init__(self, given: str, known: list[str]):
        self.given = given
        super().__init__(
            "catalog.unknown_jurisdiction", code=given, known=", ".join([*known, "all"])
        )


class UnknownUnit(UserError, ValueError):
    """A unit name or code the catalog does not hold, or holds in several jurisdictions."""

    def __init__(self, given: str, candidates: list[str]):
        self.given, self.candidates = given, candidates
        if candidates:
            super().__init__("catalog.ambiguous_unit", name=given, codes=", ".join(candidates))
        else:
            super().__init__("catalog.unknown_unit", name=given)


#: What a user may type, or a page send, for "every jurisdiction".
ALL_JURISDICTIONS = frozenset({"", "all", "全部"})


def _rule(name: str, **params: object) -> PydanticCustomError:
    """A broken rule of an entry, told as problem.catalog_rule_<name> (kpi.i18n)."""
    return PydanticCustomError(f"rule.{name}", name, params)


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
    #: The jurisdiction whose figures include this one's (BDA counts inside Beijing).
    parent: Code | None = None
    level: Level | None = None


class Companion(_Entry):
    """Another file of a plan's text kept beside its source: a mirror in traditional
    characters, the draft's own text, ... (never the text its targets are checked on)."""

    file: str
    sha256: str
    note: str = ""


class Plan(_Entry):
    code: Code
    jurisdiction: Code
    doc_number: str  # may be empty: several plans show none
    title_zh: str
    title_en: str
    issued: date | None = None  # None: the text shows no date of issue
    start: date
    end: date
    # Required, so that a plan the product accepts is one its checks accept: every
    # text_zh is verified against the policy text, and a briefing names the agency.
    source: Filled  # file name in data/policy/
    source_sha256: Filled  # of that file, so a changed text is noticed
    source_note: str = ""  # e.g. that the file is a repost, not the official text
    #: Days after the deadline within which late reports still count towards the
    #: verdict at close (``status_at_close``).
    reporting_lag_days: int = Field(default=90, ge=0)
    #: The agency the figures are reported to and that answers for them (the source
    #: line of a briefing names it); the English name is optional (the Chinese one is
    #: shown in its place).
    reporting_agency: Filled
    reporting_agency_en: str = ""
    status: PlanStatus = "in_force"
    text_kind: TextKind = "government"
    also: tuple[Companion, ...] = ()
    source_url: str = ""

    @model_validator(mode="after")
    def _period_order(self) -> Plan:
        if self.start >= self.end:
            raise _rule("period_order", start=str(self.start), end=str(self.end))
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
    #: Annual metrics only: how the quarterly figures are reported (see ``Basis``).
    basis: Basis | None = None

    @model_validator(mode="after")
    def _basis(self) -> Metric:
        if self.kind == "annual" and self.basis is None:
            raise _rule("annual_needs_basis")
        if self.kind != "annual" and self.basis is not None:
            raise _rule("basis_not_allowed", kind=self.kind)
        return self


class Target(_Entry):
    plan: Code
    metric: Code
    comparator: Comparator
    min: float
    max: float | None = None
    text_zh: str
    text_en: str
    section: str
    #: A milestone's own deadline (到2035年), when it is not the plan's end; its code
    #: then ends in "@YEAR", so one plan may hold a metric's 2027 and 2035 milestones.
    deadline: date | None = None

    @property
    def code(self) -> str:
        base = f"{self.plan}:{self.metric}"
        return base if self.deadline is None else f"{base}@{self.deadline.year}"

    @property
    def threshold(self) -> float:
        return self.min * APPROX_SHARE if self.comparator == "approx" else self.min

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.min <= 0:
            raise _rule("min_not_positive", min=self.min)
        if self.comparator == "range":
            if self.max is None:
                raise _rule("range_needs_max")
            if self.min > self.max:
                raise _rule("min_above_max", min=self.min, max=self.max)
        elif self.max is not None:
            raise _rule("max_not_allowed", comparator=self.comparator)
        return self


class Unit(_Entry):
    """A responsible unit (责任单位) of a jurisdiction, as the plans name it."""

    code: Code
    jurisdiction: Code
    name_zh: str
    name_en: str

    @field_validator("name_zh")
    @classmethod
    def _normal_name(cls, name: str) -> str:
        return normal_unit(name)


class Task(_Entry):
    """A numbered task or measure of a plan, with the units that answer for it.

    ``units`` are unit names (zh) of the plan's jurisdiction in the text's order: the
    first leads (牵头单位), the rest cooperate (配合). ``targets`` are the codes of the
    targets the task serves (linked by hand). ``deadline`` is the plan's end unless the
    text says otherwise. ``text_zh`` is the task's paragraph from the plan's text,
    verbatim up to line wraps (kpi.domain.sources)."""

    code: Code
    plan: Code
    kind: TaskKind
    number: int = Field(ge=1)
    section: str
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    units: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    deadline: date | None = None

    @field_validator("units")
    @classmethod
    def _normal_units(cls, units: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normal_unit(u) for u in units)

    @property
    def lead(self) -> str | None:
        return self.units[0] if self.units else None


#: A measure's code: its plan's code, a colon and a name (BDA-2025:M2, BJ-2024:M3b).
MeasureCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}:[A-Za-z0-9_.-]{1,32}$")
]


class Measure(_Entry):
    """A support measure (政策兑现): one money rule of a plan's task or measure.

    ``text_zh`` is the sentence granting the money, verbatim from the plan's text (up to
    line wraps). The rule as data: ``cap_yuan`` the most one beneficiary gets for one
    project; ``rate`` the share of an eligible amount (``rate_base_zh``: 技术合同成交额,
    项目总投资 …); ``cap_per_year_yuan`` the most one beneficiary gets in a calendar
    year (创新券); ``per_year`` whether it is granted yearly rather than once. ``units``
    are the task's unless given. ``valid_from``/``valid_to`` are the text's 施行/结束
    dates, else the plan's (``Catalog.measure_period``). Every measure of a plan is
    under the rule "从优不重复": one beneficiary's project is supported under one
    measure of the plan only, unless an admin accepts a stated exception."""

    code: MeasureCode
    plan: Code
    task: Code
    text_zh: Filled
    text_en: str = ""  # the reviewer's translation (a draft leaves it empty)
    units: tuple[str, ...] = ()
    cap_yuan: int | None = None
    rate: float | None = None
    rate_base_zh: str = ""
    rate_base_en: str = ""
    cap_per_year_yuan: int | None = None
    per_year: bool = False
    valid_from: date | None = None
    valid_to: date | None = None
    targets: tuple[str, ...] = ()

    @field_validator("units")
    @classmethod
    def _normal_units(cls, units: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normal_unit(u) for u in units)

    @model_validator(mode="after")
    def _rule_shape(self) -> Measure:
        for name in ("cap_yuan", "cap_per_year_yuan"):
            amount = getattr(self, name)
            if amount is not None and amount <= 0:
                raise _rule("amount_not_positive", field=name, value=amount)
        if self.rate is not None and not 0 < self.rate <= 1:
            raise _rule("rate_not_share", rate=self.rate)
        if self.rate is not None and not self.rate_base_zh:
            raise _rule("rate_needs_base")
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise _rule("validity_order", start=str(self.valid_from), end=str(self.valid_to))
        return self


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    families: tuple[Family, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    plans: tuple[Plan, ...]
    metrics: tuple[Metric, ...]
    targets: tuple[Target, ...]
    units: tuple[Unit, ...] = ()
    tasks: tuple[Task, ...] = ()
    measures: tuple[Measure, ...] = ()

    @cached_property
    def _by_code(self) -> dict[str, dict[Any, Any]]:
        # Built once per catalog: at national scale (25,000 targets) a linear search per
        # lookup made every per-target label quadratic.
        sections = ("jurisdictions", "plans", "metrics", "targets", "units", "tasks", "measures")
        index = {s: {e.code: e for e in getattr(self, s)} for s in sections}
        index["unit_names"] = {(u.jurisdiction, u.name_zh): u for u in self.units}
        return index

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Catalog:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_by_code", None)  # the copy's entries may differ: index afresh
        return copy

    def jurisdiction(self, code: str) -> Jurisdiction:
        return self._by_code["jurisdictions"][code]

    def ancestors(self, code: str) -> list[str]:
        """The jurisdictions whose figures include ``code``'s, nearest first
        (JT → CZ, JS, CN)."""
        out: list[str] = []
        parent = self.jurisdiction(code).parent
        while parent is not None and parent not in out and parent != code:
            out.append(parent)
            parent = self.jurisdiction(parent).parent
        return out

    def descendants(self, code: str) -> list[str]:
        """The jurisdictions inside ``code`` at any depth, in catalog order."""
        return [j.code for j in self.jurisdictions if code in self.ancestors(j.code)]

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

    def task(self, code: str) -> Task:
        return self._by_code["tasks"][code]

    def unit(self, code: str) -> Unit:
        return self._by_code["units"][code]

    def measure(self, code: str) -> Measure:
        return self._by_code["measures"][code]

    def measure_units(self, measure: Measure) -> tuple[str, ...]:
        """The measure's own units, else its task's (lead first)."""
        return measure.units or self.task(measure.task).units

    def measure_period(self, measure: Measure) -> tuple[date, date]:
        """When grants under the measure may be approved: its own dates, else the plan's."""
        plan = self.plan(measure.plan)
        return measure.valid_from or plan.start, measure.valid_to or plan.end

    def task_deadline(self, task: Task) -> date:
        """The task's own deadline, else its plan's end."""
        return task.deadline or self.plan(task.plan).end

    def task_units(self, task: Task) -> list[Unit]:
        """The task's units as entries, lead first (a name the catalog lacks is skipped:
        the reference check refuses such a catalog)."""
        jurisdiction = self.plan(task.plan).jurisdiction
        names = self._by_code["unit_names"]
        return [names[(jurisdiction, n)] for n in task.units if (jurisdiction, n) in names]

    def unit_scope(self, given: str | None) -> Unit | None:
        """The unit a user names by code or by its Chinese or English name, spelt as the
        texts spell it (stray spaces, either width of brackets); None for every unit.

        Raises:
            UnknownUnit: no unit, or more than one (the same name in two jurisdictions).
        """
        text = (given or "").strip()
        if text.lower() in ALL_JURISDICTIONS:
            return None
        if text in self._by_code["units"]:
            return self._by_code["units"][text]
        wanted = normal_unit(text)
        found = [u for u in self.units if wanted in (u.name_zh, normal_unit(u.name_en))]
        if len(found) != 1:
            raise UnknownUnit(text, [u.code for u in found])
        return found[0]

    def targets_frame(self) -> pd.DataFrame:
        """One row per target with its plan period, jurisdiction, metric kind and words:
        the columns of the store's ``targets`` table (``Store.targets()``)."""
        plans = {p.code: p for p in self.plans}
        metrics = {m.code: m for m in self.metrics}
        rows = [
            {
                "code": t.code,
                "plan": t.plan,
                "jurisdiction": plans[t.plan].jurisdiction,
                "metric": t.metric,
                "family": metrics[t.metric].family,
                "kind": metrics[t.metric].kind,
                "comparator": t.comparator,
                "min": t.min,
                "max": t.max,
                "threshold": t.threshold,
                "start_date": plans[t.plan].start,
                "deadline": t.deadline or plans[t.plan].end,
                "text_zh": t.text_zh,
                "text_en": t.text_en,
                "section": t.section,
            }
            for t in self.targets
        ]
        return pd.DataFrame(rows)


#: The sections of a catalog file and the model of their entries.
SECTIONS: dict[str, type[_Entry]] = {
    "families": Family,
    "jurisdictions": Jurisdiction,
    "plans": Plan,
    "metrics": Metric,
    "targets": Target,
    "units": Unit,
    "tasks": Task,
    "measures": Measure,
}
#: Sections a catalog may leave out (a plan of targets only).
OPTIONAL_SECTIONS = frozenset({"units", "tasks", "measures"})


def _entry(section: str, code: str) -> Phrase:
    """The name of an entry: "目标“X”" / "target 'X'"."""
    return Phrase("catalog.entry", {"kind": Phrase(f"catalog.kind.{section}"), "code": code})


def _duplicates(
    section: str, codes: list[str], code: str = "catalog_duplicate_code"
) -> list[Problem]:
    kind = Phrase(f"catalog.kind.{section}")
    return [
        Problem(None, None, code, {"kind": kind, "code": c}, entry=_entry(section, c))
        for c, n in Counter(codes).items()
        if n > 1
    ]


def _unknown(section: str, code: str, field: str, value: str, points_to: str) -> Problem:
    """``field`` of an entry names a ``points_to`` entry the catalog does not hold."""
    params = {"kind": Phrase(f"catalog.kind.{points_to}"), "value": value}
    return Problem(
        None, None, "catalog_unknown_ref", params, entry=_entry(section, code), entry_field=field
    )


def _check_references(cat: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    families = {f.code for f in cat.families}
    jurisdictions = {j.code for j in cat.jurisdictions}
    plans = {p.code for p in cat.plans}
    metrics = {m.code for m in cat.metrics}
    for section in SECTIONS:
        problems += _duplicates(section, [e.code for e in getattr(cat, section)])
    names = "catalog_duplicate_name"
    problems += _duplicates("jurisdictions", [j.name_zh for j in cat.jurisdictions], names)
    problems += _duplicates("metrics", [m.name_zh for m in cat.metrics], names)
    for j in cat.jurisdictions:
        if j.parent is not None and j.parent not in jurisdictions:
            problems.append(_unknown("jurisdictions", j.code, "parent", j.parent, "jurisdictions"))
    problems += _parent_cycles(cat)
    for p in cat.plans:
        if p.jurisdiction not in jurisdictions:
            problems.append(
                _unknown("plans", p.code, "jurisdiction", p.jurisdiction, "jurisdictions")
            )
    for m in cat.metrics:
        if m.family not in families:
            problems.append(_unknown("metrics", m.code, "family", m.family, "families"))
    for target in cat.targets:
        if target.plan not in plans:
            problems.append(_unknown("targets", target.code, "plan", target.plan, "plans"))
        if target.metric not in metrics:
            problems.append(_unknown("targets", target.code, "metric", target.metric, "metrics"))
    return problems + _check_task_references(cat, jurisdictions)


def _check_task_references(cat: Catalog, jurisdictions: set[str]) -> list[Problem]:
    """Units belong to known jurisdictions and are named once there; a task's plan,
    units (of the plan's jurisdiction) and targets exist."""
    problems = _duplicates(
        "units", [f"{u.jurisdiction}:{u.name_zh}" for u in cat.units], "catalog_duplicate_name"
    )
    for u in cat.units:
        if u.jurisdiction not in jurisdictions:
            problems.append(
                _unknown("units", u.code, "jurisdiction", u.jurisdiction, "jurisdictions")
            )
    plans = {p.code: p for p in cat.plans}
    targets = {t.code for t in cat.targets}
    unit_names = {(u.jurisdiction, u.name_zh) for u in cat.units}
    for task in cat.tasks:
        plan = plans.get(task.plan)
        if plan is None:
            problems.append(_unknown("tasks", task.code, "plan", task.plan, "plans"))
            continue
        for name in task.units:
            if (plan.jurisdiction, name) not in unit_names:
                problems.append(_unknown("tasks", task.code, "units", name, "units"))
        for code in task.targets:
            if code not in targets:
                problems.append(_unknown("tasks", task.code, "targets", code, "targets"))
    return problems + _check_measure_references(cat, targets, unit_names)


def _check_measure_references(
    cat: Catalog, targets: set[str], unit_names: set[tuple[str, str]]
) -> list[Problem]:
    """A measure's plan, task (of that plan), units and targets exist, and its code
    starts with its plan's."""
    plans = {p.code: p for p in cat.plans}
    tasks = {t.code: t for t in cat.tasks}
    problems: list[Problem] = []
    for m in cat.measures:
        plan = plans.get(m.plan)
        if plan is None:
            problems.append(_unknown("measures", m.code, "plan", m.plan, "plans"))
            continue
        if m.code.split(":")[0] != m.plan:
            problems.append(_unknown("measures", m.code, "code", m.code.split(":")[0], "plans"))
        task = tasks.get(m.task)
        if task is None or task.plan != m.plan:
            problems.append(_unknown("measures", m.code, "task", m.task, "tasks"))
        for name in m.units:
            if (plan.jurisdiction, name) not in unit_names:
                problems.append(_unknown("measures", m.code, "units", name, "units"))
        for code in m.targets:
            if code not in targets:
                problems.append(_unknown("measures", m.code, "targets", code, "targets"))
    return problems


def _parent_cycles(cat: Catalog) -> list[Problem]:
    """A jurisdiction may not sit inside itself through its parents (A in B in A)."""
    parents = {j.code: j.parent for j in cat.jurisdictions}
    problems = []
    for code in parents:
        seen, at = {code}, parents[code]
        while at is not None and at in parents:
            if at in seen:
                entry = _entry("jurisdictions", code)
                problem = Problem(None, None, "catalog_parent_cycle", {"code": code}, entry=entry)
                problems.append(problem)
                break
            seen.add(at)
            at = parents[at]
    return problems


def _entry_name(section: str, index: int, raw: dict) -> Phrase:
    code = raw.get("code")
    if section == "targets" and (raw.get("plan") or raw.get("metric")):
        code = f"{raw.get('plan') or '?'}:{raw.get('metric') or '?'}"
    known = f"catalog.kind.{section}" in STRINGS  # a TOML table of an unknown name
    kind = Phrase(f"catalog.kind.{section}") if known else section
    if code:
        return Phrase("catalog.entry", {"kind": kind, "code": code})
    return Phrase("catalog.entry_no", {"kind": kind, "n": index + 1})


#: pydantic's error types as our messages (problem.catalog_field_<name>); any other type
#: is told as problem.catalog_field_invalid, so that no validation library's wording
#: reaches a user.
_FIELD_ERRORS = {
    "missing": "missing",
    "string_too_short": "empty",
    "extra_forbidden": "unknown",
    "string_type": "not_text",
    "string_pattern_mismatch": "bad_code",
    "float_parsing": "not_number",
    "float_type": "not_number",
    "int_parsing": "not_whole",
    "int_type": "not_whole",
    "int_from_float": "not_whole",
    "finite_number": "not_finite",
    "literal_error": "not_one_of",
    "date_parsing": "not_date",
    "date_type": "not_date",
    "date_from_datetime_parsing": "not_date",
    "date_from_datetime_inexact": "not_date",
    "bool_type": "not_bool",
    "bool_parsing": "not_bool",
    "greater_than_equal": "too_small",
    "tuple_type": "not_list",
    "list_type": "not_list",
    "model_type": "not_table",
    "model_attributes_type": "not_table",
    "dict_type": "not_table",
}


def _shown(value: object, limit: int = 60) -> str:
    """A value from the file as a reader would recognise it, cut when long."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _choices(annotation: object) -> list[str]:
    """The values a Literal field (or an optional one, Literal | None) takes."""
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    return [c for arg in get_args(annotation) for c in _choices(arg)]


def _field_problem(model: type[_Entry], entry: Phrase, err: ErrorDetails) -> Problem:
    """One pydantic error of an entry as our message, with its field and value."""
    kind = err["type"]
    context = err.get("ctx") or {}
    if kind.startswith("rule."):
        return Problem(None, None, f"catalog_{kind.replace('.', '_')}", context, entry=entry)
    field = ".".join(str(x) for x in err["loc"])
    params: dict[str, object] = {"value": _shown(err["input"])}
    if kind == "literal_error":
        annotation = model.model_fields[str(err["loc"][0])].annotation
        params["choices"] = " / ".join(_choices(annotation))
    elif kind == "greater_than_equal":
        params["limit"] = context.get("ge")
    code = f"catalog_field_{_FIELD_ERRORS.get(kind, 'invalid')}"
    return Problem(None, None, code, params, entry=entry, entry_field=field)


def _model_errors(raw: dict) -> list[Problem]:
    """Validate each entry on its own so every message names its entry."""
    problems: list[Problem] = []
    unknown = set(raw) - set(SECTIONS)
    problems += [
        Problem(None, None, "catalog_unknown_section", {"name": n}) for n in sorted(unknown)
    ]
    for section in SECTIONS:
        entries = raw.get(section)
        if entries is None and section in OPTIONAL_SECTIONS:
            continue
        if not isinstance(entries, list) or not entries:
            problems.append(Problem(None, None, "catalog_section_missing", {"name": section}))
            continue
        for i, entry in enumerate(entries):
            problems += entry_problems(section, entry, i)
    return problems


def entry_problems(section: str, entry: object, index: int = 0) -> list[Problem]:
    """What is wrong with one entry of a section ("targets", ...), in our words: the
    entry's name, the field, the value and what it should be."""
    model = SECTIONS[section]
    try:
        model.model_validate(entry)
    except ValidationError as exc:
        name = _entry_name(section, index, entry if isinstance(entry, dict) else {})
        return [_field_problem(model, name, err) for err in exc.errors()]
    return []


_TOML_ERROR_AT = re.compile(r"at line (\d+), column (\d+)")
_TABLE_HEADER = re.compile(r"^\s*\[\[\s*(\w+)\s*\]\]")
_KEY_LINE = re.compile(r'^\s*(code|plan|metric)\s*=\s*"([^"]*)"')


def _toml_problem(text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """Where the TOML breaks (line, column, the entry there), in our words."""
    found = _TOML_ERROR_AT.search(str(error))
    if not found:  # "at end of document": a quote or bracket left open
        return Problem(None, None, "catalog_toml_unfinished")
    line, column = int(found.group(1)), found.group(2)
    entry = _entry_at_line(text, line - 1) or Phrase("catalog.file")
    bad_date = str(error).startswith("Invalid date")
    code = "catalog_toml_bad_date" if bad_date else "catalog_toml_syntax"
    return Problem(line, column, code, entry=entry)


def _entry_at_line(text: str, error_line: int) -> Phrase | None:
    """The entry holding line ``error_line`` (0-based) of the TOML text, if any."""
    lines = text.splitlines()
    headers = (
        (i, header)
        for i in range(min(error_line, len(lines) - 1), -1, -1)
        if (header := _TABLE_HEADER.match(lines[i]))
    )
    found = next(headers, None)
    if found is None:
        return None
    start, header = found
    section = header.group(1)
    keys: dict = {}
    for line in lines[start + 1 :]:
        if _TABLE_HEADER.match(line):
            break
        if key := _KEY_LINE.match(line):
            keys.setdefault(key.group(1), key.group(2))
    index = sum(1 for line in lines[:start] if (h := _TABLE_HEADER.match(line)) and h[1] == section)
    return _entry_name(section, index, keys)


def parse_catalog(text: str) -> Catalog:
    """Parse and validate catalog TOML text; raise CatalogError naming each bad entry.

    A text parsed lately is not parsed again (a Catalog is immutable): every store a
    server opens, and every new database, installs and reads the same catalog text."""
    return _parse_catalog(text)


def forget_parsed_catalogs() -> None:
    """Empty :func:`parse_catalog`'s memory, as in a process just started (benchmarks)."""
    _parse_catalog.cache_clear()


@lru_cache(maxsize=4)
def _parse_catalog(text: str) -> Catalog:
    if len(text) > MAX_CATALOG_BYTES or _BINARY.search(text):
        decode_catalog(text.encode("utf-8", "replace"))  # raises with the reason
    try:
        raw = tomllib.loads(text)
        problems = _model_errors(raw)
        if problems:
            raise CatalogError(problems)
        cat = Catalog.model_validate(raw)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError([_toml_problem(text, exc)]) from None
    except RecursionError:  # arrays nested thousands deep
        raise _refused("catalog_too_deep") from None
    problems = _check_references(cat)
    if problems:
        raise CatalogError(problems)
    return cat


def load_catalog(path: Path | str = DEFAULT_CATALOG) -> Catalog:
    """Read and validate the catalog file."""
    return parse_catalog(decode_catalog(Path(path).read_bytes()))
