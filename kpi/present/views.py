"""Pure pandas shaping of engine output for the dashboard pages (no Streamlit here).

Every function takes the status frame of :func:`kpi.assess.verdicts.compute_status` (or the
catalog, or a store query result) and returns a small frame or dict whose cells read in
the language (names, statuses, dates) under canonical column names: headings are put on
where a table is drawn or downloaded (:meth:`kpi.present.Locale.header`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from kpi.domain.catalog import LEVELS, Catalog
from kpi.domain.periods import quarter_label
from kpi.domain.problems import Problem
from kpi.domain.rules import STATUS_FIELDS, Status
from kpi.domain.sources import SourcePassage, policy_text, source_passage
from kpi.i18n import STRINGS
from kpi.present import fmt
from kpi.present.locale import PERCENT_FIELDS, Locale
from kpi.present.plans import level_label
from kpi.present.tables import goal_text, whole
from kpi.present.theme import STATUS_ORDER

#: Yes/no flags of the engine (kpi.domain.rules docstring), shown as words.
FLAG_FIELDS = ("stale", "forecast_short", "revised_after_close")
#: The flags told beside a status ("stale figure"), each by its message.
FLAG_WORDS = {"stale": "flag.stale", "forecast_short": "flag.forecast_short"}

#: Statuses that count as "behind" for the most-behind list, worst first by pace.
BEHIND_STATUSES = (Status.OFF_TRACK, Status.AT_RISK, Status.MISSED)


def jurisdiction_label(catalog: Catalog, code: str, loc: Locale) -> str:
    return f"{loc.name(catalog.jurisdiction(code))} ({code})"


def target_label(catalog: Catalog, code: str, loc: Locale) -> str:
    """'北京市 · 合成生物学领军团队' for 'BJ-2024:leading_teams'."""
    target = catalog.target(code)
    plan = catalog.plan(target.plan)
    where = loc.name(catalog.jurisdiction(plan.jurisdiction))
    return f"{where} · {loc.name(catalog.metric(target.metric))}"


def jurisdiction_of_target(catalog: Catalog, code: str | None) -> str | None:
    """The jurisdiction of the target ``code``; None when there is no such target."""
    try:
        return catalog.plan(catalog.target(code).plan).jurisdiction if code else None
    except KeyError:
        return None


def catalog_order(frame: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """Rows in the catalog's plan order (BJ, SH, BDA), then by target code."""
    plans = {p.code: i for i, p in enumerate(catalog.plans)}
    return (
        frame.assign(_plan=frame["plan"].map(plans))
        .sort_values(["_plan", "target"])
        .drop(columns="_plan")
    )


def status_table(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """The status JSON fields, one row per target, with names and labels in words.

    Numbers stay numeric (so the table sorts); shares are shown as percentages.
    """
    out = catalog_order(frame, catalog)[STATUS_FIELDS].copy()
    out["max"] = out["max"].astype(float)
    out["jurisdiction"] = [jurisdiction_label(catalog, c, loc) for c in out["jurisdiction"]]
    out["metric"] = [loc.name(catalog.metric(c)) for c in out["metric"]]
    out["comparator"] = [loc.t(f"comparator.{c}") for c in out["comparator"]]
    out["status"] = [loc.status(s) for s in out["status"]]
    out["status_at_close"] = [loc.status(s) for s in out["status_at_close"]]
    out["stretch_met"] = [loc.yes_no(v) for v in out["stretch_met"]]
    for column in ("reason", "next_steps"):
        out[column] = [v if isinstance(v, str) else "" for v in out[column]]
    for field in FLAG_FIELDS:  # shown only when raised
        out[field] = [loc.t("word.yes") if _raised(v) else "" for v in out[field]]
    for field in ("start_date", "deadline", "as_of", "eval_date"):
        out[field] = fmt.days(out[field])
    for field in PERCENT_FIELDS:
        out[field] = fmt.percent_points(out[field])
    for field in ("expected", "forecast"):
        out[field] = out[field].astype(float).round(2)
    out["reached_quarter"] = out["reached_quarter"].fillna("")
    return out


def _raised(flag: object) -> bool:
    return flag is True or flag == 1


def parent_notes(catalog: Catalog, shown: Iterable[str], loc: Locale) -> list[str]:
    """One note per jurisdiction in view whose figures count inside another in view (its
    parent, or further up: a district inside a province through its city)."""
    codes = set(shown)
    notes = []
    for j in catalog.jurisdictions:
        if j.code not in codes:
            continue
        above = catalog.ancestors(j.code)
        inside = next((a for a in above if a in codes), None)
        if inside is not None:
            notes.append(
                loc.t(
                    "compare.parent_note",
                    child=loc.name(j),
                    parent=loc.name(catalog.jurisdiction(inside)),
                )
            )
    return notes


def status_counts(
    frame: pd.DataFrame, catalog: Catalog, loc: Locale, order: list[str] | None = None
) -> pd.DataFrame:
    """Targets per status (columns, best first) per jurisdiction (rows), with a total.

    Columns: jurisdiction (its name), one per status (its code), total. Rows in catalog
    order, or in ``order`` (jurisdiction codes) when given.
    """
    counts = pd.crosstab(frame["jurisdiction"], frame["status"])
    counts = counts.reindex(columns=list(STATUS_ORDER), fill_value=0)
    codes = order if order is not None else [j.code for j in catalog.jurisdictions]
    order = [c for c in codes if c in counts.index]
    counts = counts.reindex(order)
    counts["total"] = counts.sum(axis=1)
    counts.index = [loc.name(catalog.jurisdiction(c)) for c in counts.index]
    counts.columns.name = None
    return counts.rename_axis("jurisdiction").reset_index()


def plan_elapsed(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """Share of each plan's period elapsed at the as-of date (the engine's tau)."""
    plans = frame.groupby("plan", sort=False).agg(tau=("tau", "first"), n=("target", "size"))
    rows = []
    for code in [p.code for p in catalog.plans if p.code in plans.index]:
        plan = catalog.plan(code)
        rows.append(
            {
                "plan": loc.name(catalog.jurisdiction(plan.jurisdiction)),
                "elapsed": float(plans.loc[code, "tau"]),
                "doc_number": plan.doc_number,
                "start": plan.start,
                "deadline": plan.end,
                "targets": int(plans.loc[code, "n"]),
            }
        )
    columns = ["plan", "elapsed", "doc_number", "start", "deadline", "targets"]
    out = pd.DataFrame(rows, columns=columns)
    out["elapsed"] = fmt.percent_points(out["elapsed"])
    return out


def family_comparison(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """Mean attainment and pace per (metric family, jurisdiction), over targets with data.

    Columns: level, level_name, family, family_name, jurisdiction, jurisdiction_name,
    targets, with_data, attainment, pace (fractions, NaN where no target of the family has
    data). Rows by level (national first: like is compared with like), family, jurisdiction.
    """
    f = frame.assign(has_data=frame["value"].notna())  # no figure: neither no_data nor not_started
    measured = f.where(f["has_data"])
    grouped = f.assign(att=measured["attainment"], pc=measured["pace"]).groupby(
        ["family", "jurisdiction"], sort=False
    )
    out = grouped.agg(
        targets=("target", "size"),
        with_data=("has_data", "sum"),
        attainment=("att", "mean"),
        pace=("pc", "mean"),
    ).reset_index()
    family_order = {fam.code: i for i, fam in enumerate(catalog.families)}
    j_order = {j.code: i for i, j in enumerate(catalog.jurisdictions)}
    levels = {j.code: j.level for j in catalog.jurisdictions}
    out.insert(0, "level", out["jurisdiction"].map(levels))
    level_order = {level: i for i, level in enumerate(LEVELS)}
    orders = {"family": family_order, "jurisdiction": j_order, "level": level_order}
    out = out.sort_values(
        ["level", "family", "jurisdiction"],
        key=lambda s: s.map(orders[str(s.name)]).fillna(len(LEVELS)),
    ).reset_index(drop=True)
    out.insert(1, "level_name", [level_label(v, loc) for v in out["level"]])
    families = {fam.code: fam for fam in catalog.families}
    out["family_name"] = [loc.name(families[c]) for c in out["family"]]
    out["jurisdiction_name"] = [loc.name(catalog.jurisdiction(c)) for c in out["jurisdiction"]]
    return out


def has_figures(comparison: pd.DataFrame) -> bool:
    """Whether any target in these family-comparison rows has a reported figure."""
    return bool(comparison["with_data"].sum() > 0)


def family_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """The family comparison as a readable table (names, percentages)."""
    return pd.DataFrame(
        {
            "level": comparison["level_name"],
            "family": comparison["family_name"],
            "jurisdiction": comparison["jurisdiction_name"],
            "targets": comparison["targets"],
            "with_data": comparison["with_data"],
            "attainment": fmt.percent_points(comparison["attainment"]),
            "pace": fmt.percent_points(comparison["pace"]),
        }
    )


def required_path(row: pd.Series) -> tuple[list[date], list[float]]:
    """The straight required path: from the engine's ``baseline`` where it starts (0 at
    the period start for flows; a level's base at the start, or its first report at that
    quarter; 0 while a level has none) to the threshold at the deadline."""
    start = pd.Timestamp(row.get("path_start", row["start_date"])).date()
    deadline = pd.Timestamp(row["deadline"]).date()
    base = 0.0 if pd.isna(row["baseline"]) else float(row["baseline"])
    return [start, deadline], [base, float(row["threshold"])]


@dataclass(frozen=True)
class TargetDetail:
    """Everything the target page shows about one target."""

    code: str
    title: str
    text_zh: str
    text_en: str
    doc_number: str
    plan_title: str
    section: str
    unit: str
    kind: str
    facts: pd.DataFrame  # label/value pairs of the status fields
    history: pd.DataFrame  # every version of every quarter, with its batch
    reasons: pd.DataFrame  # reasons and next steps, latest first (reasons_table)
    plan_title_zh: str = ""
    issued: date | None = None
    source_file: str = ""
    source_note: str = ""
    passage: SourcePassage | None = None  # the paragraph holding text_zh
    policy_text: str | None = None  # the whole text, for download


def status_text(row: pd.Series, loc: Locale) -> str:
    """The status label with what qualifies it: the start date of a plan not started,
    the verdict at close when a later revision changed it, and any other flag."""
    text = loc.status(row["status"])
    if row["status"] == Status.NOT_STARTED:
        text += loc.t("status.starts_on", day=fmt.day(row["start_date"]))
    if _raised(row.get("revised_after_close")):
        text += loc.t("status.at_close", status=loc.status(row["status_at_close"]))
    flags = [key for field, key in FLAG_WORDS.items() if _raised(row.get(field))]
    return text + "".join(f" · {loc.t(key)}" for key in flags)


def close_note(row: pd.Series, catalog: Catalog, loc: Locale) -> str | None:
    """When a revision after the plan's close changed the verdict: both verdicts, in words."""
    if not _raised(row.get("revised_after_close")):
        return None
    plan = catalog.plan(row["plan"])
    return loc.t(
        "target.revised_after_close",
        close=(plan.end + timedelta(days=plan.reporting_lag_days)).isoformat(),
        then=loc.status(row["status_at_close"]),
        now=loc.status(row["status"]),
    )


def threshold_text(row: pd.Series, loc: Locale) -> str:
    """The threshold as the plan states it; for "约 N" also the 90 % rule in words."""
    if row["comparator"] != "approx":
        return loc.number(row["threshold"])
    return loc.t("rule.approx", n=loc.number(row["min"]), threshold=loc.number(row["threshold"]))


def target_facts(row: pd.Series, loc: Locale) -> pd.DataFrame:
    """Field/content pairs for one target's status, as shown on the target page."""
    facts = [
        ("status", status_text(row, loc)),
        ("value", loc.number(row["value"])),
        ("goal", goal_text(row, "", loc)),  # the plan's words: 约 3, not the 2.7 judged on
        ("threshold", threshold_text(row, loc)),
        ("baseline", loc.number(row["baseline"])),
        ("max", loc.number(row["max"])),
        ("expected", whole(row["expected"], loc)),  # counted things: whole numbers
        ("attainment", fmt.percent(row["attainment"])),
        ("pace", fmt.percent(row["pace"])),
        ("forecast", whole(row["forecast"], loc)),
        ("p_meet", fmt.percent(row["p_meet"])),
        ("reached_quarter", row["reached_quarter"] or loc.t("word.none")),
        ("start_date", fmt.day(row["start_date"])),
        ("deadline", fmt.day(row["deadline"])),
        ("as_of", fmt.day(row["as_of"])),
        ("eval_date", fmt.day(row["eval_date"])),
    ]
    if isinstance(row.get("status_at_close"), str):
        facts.append(("status_at_close", loc.status(row["status_at_close"])))
    return pd.DataFrame(
        {
            "field": [loc.header(k, percent_points=False) for k, _ in facts],  # "83%" is said
            "content": [v for _, v in facts],
        }
    )


def observation_table(
    history: pd.DataFrame, loc: Locale, as_of: date | None = None
) -> pd.DataFrame:
    """Every version of every quarter (store.observation_history), newest first.

    Quarters after ``as_of`` are marked: the status at the as-of date does not count them.
    """
    current, old, reverted = map(loc.t, ("version.current", "version.old", "version.reverted"))
    version = [
        reverted if pd.notna(rev) else (current if bool(cur) else old)
        for rev, cur in zip(history["reverted_at"], history["is_current"], strict=True)
    ]
    out = pd.DataFrame(
        {
            "quarter": [quarter_label(pd.Timestamp(d)) for d in history["quarter_end"]],
            "value": history["value"].astype(float),
            "version": version,
            "batch": history["batch_id"].astype(int),
            "file_name": history["file_name"],
            "user": history["user_name"],
            "uploaded": fmt.moments(history["created_at"]),
            "source": history["source"].fillna(""),
            "note": history["note"].fillna(""),
        }
    )
    if as_of is not None:
        later = pd.to_datetime(history["quarter_end"]) > pd.Timestamp(as_of)
        out.insert(1, "after_as_of", [loc.t("target.after_as_of") if x else "" for x in later])
    return out


def reasons_table(history: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """The reasons and next steps reported for a series (store.observation_history),
    latest first, with who reported them: live versions up to ``as_of`` only."""
    rows = history[history["reverted_at"].isna()]
    if as_of is not None:
        rows = rows[pd.to_datetime(rows["quarter_end"]) <= pd.Timestamp(as_of)]
    if "reason" in rows:
        rows = rows[rows["reason"].notna() | rows["next_steps"].notna()]
    else:
        rows = rows.iloc[0:0].assign(reason=None, next_steps=None)
    rows = rows.sort_values(["quarter_end", "batch_id"], ascending=False)
    return pd.DataFrame(
        {
            "quarter": [quarter_label(pd.Timestamp(d)) for d in rows["quarter_end"]],
            "reason": rows["reason"].fillna("").to_numpy(),
            "next_steps": rows["next_steps"].fillna("").to_numpy(),
            "reported_by": rows["user_name"].to_numpy(),
            "uploaded": fmt.moments(rows["created_at"]),
        }
    )


def target_detail(
    catalog: Catalog, row: pd.Series, history: pd.DataFrame, loc: Locale
) -> TargetDetail:
    """The policy text and source of a target, its status facts and observation history."""
    target = catalog.target(row["target"])
    plan = catalog.plan(target.plan)
    metric = catalog.metric(target.metric)
    text = policy_text(plan)
    return TargetDetail(
        code=target.code,
        title=target_label(catalog, target.code, loc),
        text_zh=target.text_zh,
        text_en=target.text_en,
        doc_number=plan.doc_number,
        plan_title=loc.name(plan),
        section=target.section,
        unit=loc.unit(metric),
        kind=loc.t(f"kind.{metric.kind}"),
        facts=target_facts(row, loc),
        history=observation_table(history, loc, pd.Timestamp(row["as_of"]).date()),
        reasons=reasons_table(history, pd.Timestamp(row["as_of"]).date()),
        plan_title_zh=plan.title_zh,
        issued=plan.issued,
        source_file=plan.source,
        source_note=plan.source_note,
        passage=source_passage(text, target.text_zh) if text else None,
        policy_text=text,
    )


def source_quote(detail: TargetDetail, loc: Locale) -> str:
    """Markdown quote: the sentence in bold within its paragraph; English readers also
    get our translation."""
    english = f"\n>\n> *{markdown_literal(detail.text_en)}*" if loc.lang == "en" else ""
    p = detail.passage
    if p is None:
        return f"> **{markdown_literal(detail.text_zh)}**{english}"
    before, after = markdown_literal(p.before), markdown_literal(p.after)
    return f"> {before}**{markdown_literal(p.sentence)}**{after}{english}"


def source_line(detail: TargetDetail, loc: Locale) -> str:
    """Document title, number, date of issue and section; the source note if any."""
    line = loc.t(
        "target.source",
        plan=detail.plan_title_zh or detail.plan_title,
        doc=detail.doc_number,
        issued=detail.issued.isoformat() if detail.issued else "—",
        section=detail.section,
    )
    return line + (f"  \n{markdown_literal(detail.source_note)}" if detail.source_note else "")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def markdown_literal(text: str) -> str:
    """``text`` escaped so that Markdown shows it as typed (catalog text is uploaded data)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


AUDIT_COLUMNS = ("logged_at", "action", "user_name", "batch_id", "detail")


#: The audit log's detail texts (written in English by kpi.storage.store, kpi.access.signin and the
#: restore/copy commands; the first schema migration backfilled bare file names and
#: catalog checksums) and their i18n keys ``audit.detail.<kind>``; a kind applies to
#: the actions listed with it.
_AUDIT_DETAILS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("commit", ("commit",), re.compile(r"^(?P<file>.+) \((?P<rows>\d+) rows\)$")),
    ("catalog", ("catalog",), re.compile(r"^catalog v(?P<version>\d+) (?P<sha>\w+)$")),
    ("catalog_sha", ("catalog",), re.compile(r"^(?P<sha>[0-9a-f]{12})[0-9a-f]{52}$")),
    (
        "user_add",
        ("user",),
        re.compile(r"^add (?P<name>\S+) \((?P<role>\w+): (?P<places>[^)]*)\)$"),
    ),
    (
        "user_role",
        ("user",),
        re.compile(r"^role of (?P<name>\S+) set \((?P<role>\w+): (?P<places>[^)]*)\)$"),
    ),
    ("user_remove", ("user",), re.compile(r"^remove (?P<name>\S+)$")),
    ("user_password", ("user",), re.compile(r"^password of (?P<name>\S+) changed$")),
    (
        "sign_in_name",
        ("sign_in_failed", "sign_in_locked"),
        re.compile(r"^name (?P<name>'.*'|\".*\"), client (?P<client>.*)$"),
    ),
    ("sign_in", ("sign_in_failed", "sign_in_locked"), re.compile(r"^client (?P<client>.*)$")),
    ("file", ("commit", "revert"), re.compile(r"(?i)^(?P<file>.+\.(?:csv|xlsx))$")),  # backfilled
    ("backup", ("restore",), re.compile(r"^(?P<folder>.+)$")),
    ("source", ("copy_store",), re.compile(r"^(?P<source>.+)$")),
)
#: The actions the audit trail holds (kpi.storage writes them), each by its message.
_AUDIT_ACTIONS = (
    "audit.commit",
    "audit.revert",
    "audit.catalog",
    "audit.user",
    "audit.restore",
    "audit.copy_store",
    "audit.sign_in_failed",
    "audit.sign_in_locked",
)
#: Audit user names that are not accounts, and their i18n keys.
_AUDIT_USERS = {
    "system": "audit.system_user",
    "sample": "audit.sample_user",
    "(unknown)": "audit.unknown_user",
}
_OS_USER = "os:"


def audit_detail(action: str, detail: object, loc: Locale) -> str:
    """An audit detail in the reader's language. A form this version does not know is
    shown as stored to English readers; Chinese readers are told where to read it."""
    text = "" if detail is None or pd.isna(detail) else str(detail)
    if not text:
        return ""
    for kind, actions, pattern in _AUDIT_DETAILS:
        found = pattern.match(text)
        if found and action in actions:
            params = found.groupdict()
            if "name" in params and kind.startswith("sign_in"):
                params["name"] = params["name"][1:-1]  # stored as a quoted repr
            if "role" in params:
                role_key = f"role.{params['role']}"
                params["role"] = loc.t(role_key) if role_key in STRINGS else params["role"]
                params["places"] = (
                    loc.t("word.none") if params["places"] == "-" else params["places"]
                )
            return loc.t(f"audit.detail.{kind}", **params)
    return text if loc.lang == "en" else loc.t("audit.detail.unknown")


def audit_action(action: str, loc: Locale) -> str:
    """An audit action in words; one this version does not know as "other action"."""
    key = f"audit.{action}"
    return loc.t(key if key in _AUDIT_ACTIONS else "audit.other")


def audit_user(name: object, loc: Locale) -> str:
    """Who did it: an account's name; the system, sample data, an unknown name or a
    local (operating-system) user in words."""
    text = "" if name is None or pd.isna(name) else str(name)
    if text in _AUDIT_USERS:
        return loc.t(_AUDIT_USERS[text])
    if text.startswith(_OS_USER):
        return loc.t("audit.os_user", name=text.removeprefix(_OS_USER))
    return text


def audit_table(audit: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    """The audit entries behind a target with actions, details and users in words."""
    out = audit[list(AUDIT_COLUMNS)].copy()
    out["detail"] = [
        audit_detail(a, d, loc) for a, d in zip(out["action"], out["detail"], strict=True)
    ]
    out["action"] = [audit_action(a, loc) for a in out["action"]]
    out["logged_at"] = fmt.moments(out["logged_at"])
    out["user_name"] = [audit_user(u, loc) for u in out["user_name"]]
    out["batch_id"] = out["batch_id"].astype("Int64")
    return out


def problems_table(problems: list[Problem], loc: Locale) -> pd.DataFrame:
    """A validation report as a table: row, column, problem (in the language)."""
    return pd.DataFrame(
        {
            "row": pd.array([p.row for p in problems], dtype="Int64"),
            "column": [p.column for p in problems],
            "problem": [loc.problem(p) for p in problems],
        }
    )


# ---- the overview at national scale ---------------------------------------------------------


def jurisdiction_ranking(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """One row per jurisdiction in view, worst first: counts per status and its name.

    Worst = largest share of targets missed or off track, then at risk, then without
    data; ties in catalog order. Columns: jurisdiction, name, targets, one per status.
    """
    counts = pd.crosstab(frame["jurisdiction"], frame["status"])
    counts = counts.reindex(columns=list(STATUS_ORDER), fill_value=0)
    total = counts.sum(axis=1)
    order = {j.code: i for i, j in enumerate(catalog.jurisdictions)}
    ranked = counts.assign(
        targets=total,
        _behind=(counts["missed"] + counts["off_track"]) / total,
        _risk=counts["at_risk"] / total,
        _none=counts["no_data"] / total,
        _order=counts.index.map(order),
    ).sort_values(["_behind", "_risk", "_none", "_order"], ascending=[False] * 3 + [True])
    names = [loc.name(catalog.jurisdiction(c)) for c in ranked.index]
    out = ranked.drop(columns=[c for c in ranked.columns if c.startswith("_")])
    return out.assign(name=names).rename_axis("jurisdiction").reset_index()


@dataclass(frozen=True)
class JurisdictionSelection:
    """The jurisdictions an overview shows: the worst ``limit`` of those matching a search."""

    codes: list[str]  # shown, worst first
    matched: int  # jurisdictions matching the search
    total: int  # jurisdictions in view

    @property
    def has_more(self) -> bool:
        return len(self.codes) < self.matched


def select_jurisdictions(ranking: pd.DataFrame, query: str, limit: int) -> JurisdictionSelection:
    """The first ``limit`` rows of ``ranking`` whose name or code contains ``query``."""
    query = query.strip().casefold()
    matching = ranking
    if query:
        hay = (ranking["name"] + " " + ranking["jurisdiction"]).str.casefold()
        matching = ranking[hay.str.contains(query, regex=False)]
    return JurisdictionSelection(
        list(matching["jurisdiction"].head(limit)), len(matching), len(ranking)
    )


def status_totals(ranking: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    """Targets per status over every jurisdiction in ``ranking``: one row, shaped as a
    row of :func:`status_counts`."""
    totals = ranking[[*STATUS_ORDER, "targets"]].sum()
    everywhere = loc.t("overview.all_n", n=len(ranking))
    row: dict[str, object] = {"jurisdiction": everywhere}
    row |= {s: int(totals[s]) for s in STATUS_ORDER}
    return pd.DataFrame([{**row, "total": int(totals["targets"])}])
