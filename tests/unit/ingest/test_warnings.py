"""Tenfold jumps and drops: warnings in the preview, committed only once a
person confirms them (page: check box, in tests/pages/test_upload_page.py; CLI:
--accept-warnings); until then nothing changes, `kpi status` included."""

from __future__ import annotations

import pytest

from kpi.access.auth import User
from kpi.assess.verdicts import compute_status
from kpi.cli.main import main
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.ingest.plausibility import magnitude_warnings
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import csv_bytes
from tests.support.stores import counts, ingest_rows

ADMIN = User("admin1", "admin")
SERIES = [
    ("SH", "parts_library_capacity", "2025Q2", "940000"),
    ("SH", "parts_library_capacity", "2025Q3", "950000"),
]


def snapshot(store: Store) -> tuple:
    return counts(store), len(store.audit_log()), compute_status(store, TODAY).to_csv()


def warnings_for(store: Store, rows: list[tuple]) -> list[tuple]:
    check = uploads.check_upload(store, csv_bytes(rows), "r.csv", ADMIN, TODAY)
    assert check.ok, check.problems
    return [(w.row, w.code, str(w.severity), w.params["ratio"]) for w in check.warnings]


@pytest.fixture
def series(store: Store) -> Store:
    ingest_rows(store, SERIES)
    return store


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [("SH", "parts_library_capacity", "2025Q3", "912")],  # 950,000 -> 912
            [(2, "revision_jump", "warning", "0.00096")],
        ),
        (
            [("SH", "parts_library_capacity", "2025Q3", "9500000")],
            [(2, "revision_jump", "warning", "10")],
        ),
        ([("SH", "parts_library_capacity", "2025Q3", "9300000")], []),  # 9.8x: fine
        (
            [("SH", "parts_library_capacity", "2025Q4", "95")],  # against 2025Q3
            [(2, "series_jump", "warning", "0.0001")],
        ),
        ([("SH", "parts_library_capacity", "2025Q4", "960000")], []),
        ([("SH", "parts_library_capacity", "2025Q4", "0")], []),  # zero: no ratio
        (
            [
                ("SH", "parts_library_capacity", "2025Q4", "960000"),  # within the file
                ("SH", "parts_library_capacity", "2026Q1", "96000000"),
            ],
            [(3, "series_jump", "warning", "100")],
        ),
        (
            [
                ("SH", "parts_library_capacity", "2025Q2", "94"),  # revision and series at once:
                ("SH", "parts_library_capacity", "2025Q3", "95"),
            ],  # row 3 follows row 2's 94
            [(2, "revision_jump", "warning", "0.0001"), (3, "revision_jump", "warning", "0.0001")],
        ),
    ],
)
def test_tenfold_changes_are_warned(series, rows, expected):
    assert warnings_for(series, rows) == expected


def test_a_first_value_of_a_series_has_nothing_to_compare(store):
    assert warnings_for(store, [("SH", "parts_library_capacity", "2025Q3", "912")]) == []


def test_the_message_says_both_values_in_both_languages(series):
    check = uploads.check_upload(
        series,
        csv_bytes([("SH", "parts_library_capacity", "2025Q3", "912")]),
        "r.csv",
        ADMIN,
        TODAY,
    )
    (warning,) = check.warnings
    assert "950,000" in locale("en").describe(warning) and "912" in locale("en").describe(warning)
    assert "2025Q3" in locale("zh").describe(warning) and "950,000" in locale("zh").describe(
        warning
    )


def test_commit_needs_the_confirmation(series):
    data = csv_bytes([("SH", "parts_library_capacity", "2025Q3", "912")])
    check = uploads.check_upload(series, data, "r.csv", ADMIN, TODAY)
    before = snapshot(series)
    refused = uploads.commit_upload(series, check, ADMIN)
    assert refused.value is None
    assert [p.key for p in refused.errors] == ["upload.confirm_warnings"]
    assert snapshot(series) == before
    done = uploads.commit_upload(series, check, ADMIN, accept_warnings=True).value
    assert done is not None and done.committed and not done.duplicate
    assert series.current_observations()["value"].tolist() == [940000, 912]


def test_magnitude_warnings_take_the_stores_frames(series):
    rows = uploads.check_upload(
        series,
        csv_bytes([("SH", "parts_library_capacity", "2025Q3", "912")]),
        "r.csv",
        ADMIN,
        TODAY,
    ).rows
    assert len(magnitude_warnings(rows, series.current_observations())) == 1


def test_cli_holds_back_until_accept_warnings(tmp_path, capsys):
    db, report = tmp_path / "kpi.duckdb", tmp_path / "r.csv"
    with Store.open(db) as store:
        ingest_rows(store, SERIES)
        before = snapshot(store)
    report.write_bytes(csv_bytes([("SH", "parts_library_capacity", "2025Q3", "912")]))
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "ingest", str(report)]) == 1
    err = capsys.readouterr().err
    assert t("cli.warnings", "en", count=1) in err and "row 2, column 'value'" in err
    with Store.open(db) as store:
        assert snapshot(store) == before
    assert main(["--db", str(db), "ingest", str(report), "--accept-warnings"]) == 0
    with Store.open(db) as store:
        assert store.current_observations()["value"].tolist() == [940000, 912]
