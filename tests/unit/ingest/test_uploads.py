"""The upload workflow: completeness, templates, preview, rights, revert, catalog, audit
(the Upload page itself: tests/pages/test_upload_page.py)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from kpi.access import auth
from kpi.access.auth import User
from kpi.cli import main as cli
from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.domain.periods import last_closed_quarter_end, quarter_ends_between, quarter_label
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.ingest.read import parse_upload
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support.files import csv_bytes

UPLOAD_DAY = date(2025, 5, 10)  # these uploads happen on this day: 2025Q1 is closed
ADMIN = User("admin1", "admin")
EDITOR_SH = User("editor_sh", "editor", frozenset({"SH"}))
VIEWER = User("viewer1", "viewer")
LANGS = ["zh", "en"]


def _sh_metrics(catalog) -> list[str]:
    return sorted(t_.metric for t_ in catalog.targets if t_.plan == "SH-2023")


def _commit(store, data: bytes, name: str, user: User = ADMIN):
    check = uploads.check_upload(store, data, name, user, UPLOAD_DAY)
    assert check.ok, check.problems
    outcome = uploads.commit_upload(store, check, user)
    assert outcome.committed and not outcome.duplicate
    return outcome.batch_id


# ---- completeness -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("today", "plan"),
    [
        (date(2025, 5, 10), "SH-2023"),  # in the period
        (date(2027, 2, 1), "SH-2023"),  # after the deadline: not beyond it
        (date(2025, 5, 10), "BDA-2025"),  # before the plan starts: nothing due yet
        (date(2026, 8, 1), "BJ-2024"),
    ],
)
def test_completeness_counts_quarters_due_from_start_to_last_closed(store, catalog, today, plan):
    p = catalog.plan(plan)
    metric = next(t_.metric for t_ in catalog.targets if t_.plan == plan)
    due = quarter_ends_between(p.start, min(p.end, last_closed_quarter_end(today)))
    reported = due[1:3]  # two quarters in, the first one left out
    if reported:
        rows = [(p.jurisdiction, metric, quarter_label(q), 1) for q in reported]
        _commit(store, csv_bytes(rows), "c.csv")
    frame = uploads.store_completeness(store, today, p.jurisdiction).set_index("metric")
    row = frame.loc[metric]
    missing = [q for q in due if q not in reported]
    assert (row["due"], row["reported"], row["missing"]) == (len(due), len(reported), len(missing))
    assert row["missing_quarters"] == ", ".join(quarter_label(q) for q in missing)
    expected_next = missing[0] if missing else quarter_ends_between(p.start, p.end)[0]
    assert row["next_due"] == quarter_label(expected_next)


def test_completeness_ignores_reverted_batches(store):
    batch = _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    before = uploads.store_completeness(store, UPLOAD_DAY, "SH").set_index("metric")
    store.revert_batch(batch, "admin1")
    after = uploads.store_completeness(store, UPLOAD_DAY, "SH").set_index("metric")
    assert (
        before.loc["top_scientist_teams", "missing"] + 1
        == after.loc["top_scientist_teams", "missing"]
    )
    assert after.loc["top_scientist_teams", "reported"] == 0


# ---- templates ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_lists_open_quarters_and_round_trips(store, catalog, fmt, lang):
    _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    completeness = uploads.store_completeness(store, UPLOAD_DAY)
    frame = uploads.template_frame(store.catalog(), "SH", completeness, lang)
    headers = uploads.TEMPLATE_HEADERS[lang]
    assert list(frame.columns[:6]) == headers[:6]
    metric_col, period_col, kind_col = headers[1], headers[2], headers[6]
    sh = completeness[completeness["jurisdiction"] == "SH"].set_index("metric")
    scientists = catalog.metric("top_scientist_teams")
    key = scientists.name_zh if lang == "zh" else scientists.code
    # every missing quarter of the series: 2023Q1 is in, so 2023Q2 up to 2025Q1
    periods = frame.loc[frame[metric_col] == key, period_col].tolist()
    assert periods == sh.loc["top_scientist_teams", "missing_quarters"].split(", ")
    assert periods[0] == "2023Q2" and periods[-1] == "2025Q1"
    assert len(frame) == int(sh["missing"].sum())
    library = catalog.metric("parts_library_capacity")
    library_key = library.name_zh if lang == "zh" else library.code
    assert set(frame.loc[frame[metric_col] == library_key, kind_col]) == {t("kind.level", lang)}
    if lang == "zh":  # a Chinese template reads Chinese only: headers, names, kinds
        assert set(frame[headers[0]]) == {"上海市"}
        assert not any(c in v for v in frame[kind_col] for c in "flowlevel")
    # the staff fill in the values: the file then passes validation as it is
    filled = frame.assign(**{headers[3]: range(1, len(frame) + 1)})
    data = uploads.template_csv(filled) if fmt == "csv" else uploads.template_xlsx(filled)
    parsed = parse_upload(data, f"t.{fmt}", store.catalog(), UPLOAD_DAY)
    assert parsed.ok, parsed.problems
    assert len(parsed.rows) == len(frame)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_for_an_ended_plan_says_so(store, catalog, lang):
    after = date(2027, 2, 1)  # every SH quarter reported, the plan ended 2025-12-31
    quarters = quarter_ends_between(date(2023, 1, 1), date(2025, 12, 31))
    rows = [("SH", m, quarter_label(q), 1) for m in _sh_metrics(catalog) for q in quarters]
    check = uploads.check_upload(store, csv_bytes(rows), "all.csv", ADMIN, after)
    assert uploads.commit_upload(store, check, ADMIN).committed
    frame = uploads.template_frame(
        store.catalog(), "SH", uploads.store_completeness(store, after), lang
    )
    assert frame.empty
    notice = uploads.template_notice(store.catalog(), "SH", frame, after, lang)
    plan = catalog.plan("SH-2023")
    title = plan.title_zh if lang == "zh" else plan.title_en
    assert notice == t("upload.template_plan_ended", lang, plan=title, end=plan.end)


# ---- preview, rights, commit --------------------------------------------------------------
def test_preview_counts_new_revised_unchanged(store):
    _commit(
        store,
        csv_bytes(
            [("SH", "top_scientist_teams", "2023Q1", 1), ("SH", "regional_hqs", "2023Q1", 2)]
        ),
        "a.csv",
    )
    second = csv_bytes(
        [
            ("SH", "top_scientist_teams", "2023Q1", 1),  # unchanged
            ("SH", "regional_hqs", "2023Q1", 3),  # revised 2 -> 3
            ("SH", "regional_hqs", "2023Q2", 4),  # new
        ]
    )
    check = uploads.check_upload(store, second, "b.csv", ADMIN, UPLOAD_DAY)
    assert check.counts() == {"new": 1, "revised": 1, "unchanged": 1}
    revised = check.diff.query("change == 'revised'").iloc[0]
    assert (revised["row"], revised["old"], revised["new"]) == (3, 2.0, 3.0)
    assert revised["period"] == "2023Q1"


@pytest.mark.parametrize("lang", LANGS)
def test_upload_views_keep_canonical_columns_and_words_in_the_language(store, lang):
    """Headers are translated where drawn; the views' cells are in the reader's words."""
    _commit(store, csv_bytes([("SH", "regional_hqs", "2023Q1", 2)]), "a.csv")
    data = csv_bytes([("SH", "regional_hqs", "2023Q1", 3)])
    check = uploads.check_upload(store, data, "b.csv", ADMIN, UPLOAD_DAY)
    preview = uploads.preview_table(check.diff, store.catalog(), lang)
    assert list(preview.columns) == [
        "row",
        "jurisdiction",
        "metric",
        "period",
        "old",
        "new",
        "change",
        "source",
        "note",
    ]
    assert preview.loc[0, ["jurisdiction", "change"]].tolist() == [
        "上海市" if lang == "zh" else "Shanghai",
        t("change.revised", lang),
    ]
    history = uploads.history_table(store.batch_history(), store.catalog(), lang)
    assert list(history.columns) == [
        "batch",
        "file",
        "rows",
        "jurisdictions",
        "user",
        "time",
        "state",
        "sample",
    ]
    assert history.loc[0, "state"] == t("upload.batch_live", lang)
    frame = uploads.store_completeness(store, UPLOAD_DAY, "SH")
    view = uploads.completeness_view(frame, store.catalog(), lang)
    assert list(view.columns) == uploads.COMPLETENESS_COLUMNS
    assert set(view["kind"]) <= {t("kind.flow", lang), t("kind.level", lang)}


def test_editor_refused_for_other_jurisdiction_row_by_row(store):
    data = csv_bytes(
        [
            ("SH", "top_scientist_teams", "2023Q1", 1),
            ("BJ", "leading_teams", "2024Q1", 1),
            ("BJ", "leading_teams", "2024Q2", 1),
        ]
    )
    check = uploads.check_upload(store, data, "x.csv", EDITOR_SH, UPLOAD_DAY)
    assert [(p.row, p.code) for p in check.problems] == [(3, "not_assigned"), (4, "not_assigned")]
    assert "jurisdiction 'BJ'" in locale("en").problem(check.problems[0])
    assert uploads.commit_upload(store, check, EDITOR_SH).not_written == "upload.refused"
    assert store.batches().empty


@pytest.mark.parametrize(("user", "code"), [(None, "not_signed_in"), (VIEWER, "may_not_upload")])
def test_viewer_and_anonymous_cannot_upload(store, user, code):
    data = csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)])
    check = uploads.check_upload(store, data, "x.csv", user, UPLOAD_DAY)
    assert [p.code for p in check.problems] == [code]
    assert not uploads.commit_upload(store, check, user).committed
    assert store.batches().empty


def test_rights_are_checked_again_at_commit(store):
    data = csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)])
    check = uploads.check_upload(store, data, "x.csv", ADMIN, UPLOAD_DAY)
    assert uploads.commit_upload(store, check, VIEWER).not_written == "upload.refused"
    assert store.batches().empty


def test_only_admin_reverts(store):
    batch = _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    assert uploads.revert(store, batch, EDITOR_SH) == "problem.admin_only"
    assert store.current_observations("SH")["value"].tolist() == [1.0]
    assert uploads.revert(store, batch, ADMIN) is None
    assert store.current_observations("SH").empty
    assert store.batches().loc[0, "reverted_by"] == "admin1"


# ---- catalog ------------------------------------------------------------------------------
NEW_JURISDICTION = """
[[jurisdictions]]
code = "GZ"
name_zh = "广州市"
name_en = "Guangzhou"

[[plans]]
code = "GZ-2025"
jurisdiction = "GZ"
doc_number = "test"
title_zh = "测试"
title_en = "test"
issued = 2025-01-01
start = 2025-01-01
end = 2027-12-31
source = "guangzhou-test.txt"
source_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
reporting_agency = "广州市科学技术局"

[[targets]]
plan = "GZ-2025"
metric = "leading_teams"
comparator = "at_least"
min = 3
text_zh = "引进领军团队不少于3个"
text_en = "at least 3 leading teams"
section = "test"
"""


def test_admin_installs_catalog_with_new_jurisdiction(store):
    text = DEFAULT_CATALOG.read_text(encoding="utf-8") + NEW_JURISDICTION
    version, problems = uploads.install_catalog(store, text.encode(), ADMIN)
    assert problems == [] and version == 2
    assert "GZ-2025:leading_teams" in store.targets()["code"].tolist()
    assert store.audit_log().iloc[-1][["user_name", "action"]].tolist() == ["admin1", "catalog"]
    _commit(store, csv_bytes([("GZ", "leading_teams", "2025Q1", 1)]), "gz.csv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not = [toml", "not valid TOML"),
        ("[[targets]]\nplan = 'X'\n", "missing or empty"),
        (
            DEFAULT_CATALOG.read_text(encoding="utf-8")
            + NEW_JURISDICTION.replace('"GZ"\nname_zh', '"BJ"\nname_zh'),
            "duplicate code",
        ),
    ],
)
def test_bad_catalog_changes_nothing(store, text, message):
    before = (store.catalog_version(), store.targets(), len(store.audit_log()))
    version, problems = uploads.install_catalog(store, text.encode(), ADMIN)
    assert version is None and any(message in locale("en").problem(p) for p in problems)
    assert all(re.search("[\u4e00-\u9fff]", locale("zh").problem(p)) for p in problems)
    assert store.catalog_version() == before[0]
    pd.testing.assert_frame_equal(store.targets(), before[1])
    assert len(store.audit_log()) == before[2]


def test_editor_cannot_install_catalog(store):
    data = DEFAULT_CATALOG.read_bytes()
    assert uploads.install_catalog(store, data, EDITOR_SH)[0] is None
    assert store.catalog_version() == 1


# ---- audit --------------------------------------------------------------------------------
def test_target_audit_lists_batches_that_touched_the_series(store):
    sh = _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "sh.csv")
    _commit(store, csv_bytes([("BJ", "leading_teams", "2024Q1", 1)]), "bj.csv")
    other = _commit(store, csv_bytes([("SH", "regional_hqs", "2023Q1", 1)]), "hq.csv")
    store.revert_batch(sh, "admin1")
    audit = uploads.target_audit(store, "SH-2023:top_scientist_teams", include_catalog=False)
    assert sorted(zip(audit["action"], audit["batch_id"], strict=True)) == [
        ("commit", sh),
        ("revert", sh),
    ]
    assert set(audit["user_name"]) == {"admin1"}
    assert other not in audit["batch_id"].tolist()
    with_catalog = uploads.target_audit(store, "SH-2023:top_scientist_teams")
    assert "catalog" in with_catalog["action"].tolist()


def test_kpi_batches_shows_user_time_and_audit(tmp_path, capsys, fast_bcrypt):
    db = tmp_path / "k.duckdb"
    with Store.open(db) as s:  # --user names an account with the rights needed
        auth.add_user(s, "ann", "editor", "ann-password", ["SH"], "test")
        auth.add_user(s, "rob", "admin", "rob-password", [], "test")
    (tmp_path / "a.csv").write_bytes(csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]))
    assert cli.main(["--db", str(db), "ingest", str(tmp_path / "a.csv"), "--user", "ann"]) == 0
    assert cli.main(["--db", str(db), "revert", "1", "--user", "rob"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(db), "batches"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    batch_line = next(line for line in lines if "a.csv" in line and "ann" in line)
    assert "SH" in batch_line and "rob" in batch_line
    assert any("revert" in line and "rob" in line for line in lines)
    assert any("commit" in line and "ann" in line for line in lines)
