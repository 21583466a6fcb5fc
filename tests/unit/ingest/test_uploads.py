"""The upload workflow: completeness, preview, rights, commit, revert, catalog, audit
(its tables in words: tests/unit/present/test_upload_tables.py; the Upload page itself:
tests/pages/test_upload_page.py)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from kpi.access import auth
from kpi.access.auth import User
from kpi.cli import main as cli
from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.domain.outcome import Outcome
from kpi.domain.periods import last_closed_quarter_end, quarter_ends_between, quarter_label
from kpi.i18n import t
from kpi.ingest import workflow as uploads
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
    done = uploads.commit_upload(store, check, user).value
    assert done is not None and done.committed and not done.duplicate
    return done.batch_id


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
    refused = uploads.commit_upload(store, check, EDITOR_SH)
    assert (refused.value, [p.key for p in refused.errors]) == (None, ["upload.refused"])
    assert store.batches().empty


@pytest.mark.parametrize(("user", "code"), [(None, "not_signed_in"), (VIEWER, "may_not_upload")])
def test_viewer_and_anonymous_cannot_upload(store, user, code):
    data = csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)])
    check = uploads.check_upload(store, data, "x.csv", user, UPLOAD_DAY)
    assert [p.code for p in check.problems] == [code]
    assert uploads.commit_upload(store, check, user).value is None
    assert store.batches().empty


def test_rights_are_checked_again_at_commit(store):
    data = csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)])
    check = uploads.check_upload(store, data, "x.csv", ADMIN, UPLOAD_DAY)
    refused = uploads.commit_upload(store, check, VIEWER)
    assert (refused.value, [p.key for p in refused.errors]) == (None, ["upload.refused"])
    assert store.batches().empty


def test_only_admin_reverts(store):
    batch = _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    refused = uploads.revert(store, batch, EDITOR_SH)
    assert [locale("en").problem(p) for p in refused.errors] == [t("problem.admin_only", "en")]
    assert store.current_observations("SH")["value"].tolist() == [1.0]
    assert uploads.revert(store, batch, ADMIN) == Outcome.done(batch)
    assert store.current_observations("SH").empty
    assert store.batches().loc[0, "reverted_by"] == "admin1"


# ---- catalog ------------------------------------------------------------------------------
NEW_JURISDICTION = """
[[jurisdictions]]
code = "CD"
name_zh = "成都市"
name_en = "Chengdu"

[[plans]]
code = "CD-2025"
jurisdiction = "CD"
doc_number = "test"
title_zh = "测试"
title_en = "test"
issued = 2025-01-01
start = 2025-01-01
end = 2027-12-31
source = "guangzhou-test.txt"
source_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
reporting_agency = "成都市科学技术局"

[[targets]]
plan = "CD-2025"
metric = "leading_teams"
comparator = "at_least"
min = 3
text_zh = "引进领军团队不少于3个"
text_en = "at least 3 leading teams"
section = "test"
"""


def test_admin_installs_catalog_with_new_jurisdiction(store):
    text = DEFAULT_CATALOG.read_text(encoding="utf-8") + NEW_JURISDICTION
    assert uploads.install_catalog(store, text.encode(), ADMIN) == Outcome.done(2)
    assert "CD-2025:leading_teams" in store.targets()["code"].tolist()
    assert store.audit_log().iloc[-1][["user_name", "action"]].tolist() == ["admin1", "catalog"]
    _commit(store, csv_bytes([("CD", "leading_teams", "2025Q1", 1)]), "cd.csv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not = [toml", "not valid TOML"),
        ("[[targets]]\nplan = 'X'\n", "missing or empty"),
        (
            DEFAULT_CATALOG.read_text(encoding="utf-8")
            + NEW_JURISDICTION.replace('"CD"\nname_zh', '"BJ"\nname_zh'),
            "duplicate code",
        ),
    ],
)
def test_bad_catalog_changes_nothing(store, text, message):
    before = (store.catalog_version(), store.targets(), len(store.audit_log()))
    refused = uploads.install_catalog(store, text.encode(), ADMIN)
    problems = refused.errors
    assert refused.value is None and any(message in locale("en").problem(p) for p in problems)
    assert all(re.search("[\u4e00-\u9fff]", locale("zh").problem(p)) for p in problems)
    assert store.catalog_version() == before[0]
    pd.testing.assert_frame_equal(store.targets(), before[1])
    assert len(store.audit_log()) == before[2]


def test_editor_cannot_install_catalog(store):
    data = DEFAULT_CATALOG.read_bytes()
    refused = uploads.install_catalog(store, data, EDITOR_SH)
    assert refused.value is None and [p.key for p in refused.errors] == ["problem.admin_only"]
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
