import hashlib
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from kpi.cli.main import main
from kpi.ingest.read import parse_upload
from kpi.ingest.workflow import ingest_bytes
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import csv_bytes, csv_text, xlsx_bytes
from tests.support.stores import counts, ingest_rows

GOOD = ("BJ", "leading_teams", "2025Q3", "2")
ZH_HEADER = ("地区", "指标", "期间", "数值", "来源", "备注")


def _problems(data: bytes, catalog, name: str = "report.csv") -> set[tuple]:
    parsed = parse_upload(data, name, catalog, today=TODAY)
    assert parsed.rows.empty or not parsed.problems
    return {(p.row, p.column, p.code) for p in parsed.problems}


# ---- each bad input: (rows, expected problems as (row, column, code)) -------------
BAD_ROWS = [
    (
        "unknown jurisdiction",
        [("XZ", "leading_teams", "2025Q3", "1")],
        {(2, "jurisdiction", "unknown_jurisdiction")},
    ),
    ("unknown metric", [("BJ", "teams", "2025Q3", "1")], {(2, "metric", "unknown_metric")}),
    (
        "metric not targeted here",
        [("SH", "leading_teams", "2025Q3", "1")],
        {(2, "metric", "not_targeted")},
    ),
    ("bad period", [GOOD, ("BJ", "leading_teams", "2025Q5", "1")], {(3, "period", "bad_period")}),
    (
        "not a quarter end",
        [("BJ", "leading_teams", "2025-09-29", "1")],
        {(2, "period", "bad_period")},
    ),
    ("future period", [("BJ", "leading_teams", "2026Q4", "1")], {(2, "period", "future_period")}),
    ("negative value", [("BJ", "leading_teams", "2025Q3", "-1")], {(2, "value", "negative")}),
    (
        "non-numeric value",
        [("BJ", "leading_teams", "2025Q3", "two")],
        {(2, "value", "non_numeric")},
    ),
    ("infinite value", [("BJ", "leading_teams", "2025Q3", "inf")], {(2, "value", "non_numeric")}),
    ("empty value", [("BJ", "leading_teams", "2025Q3", "")], {(2, "value", "missing_value")}),
    (
        "duplicate row",
        [GOOD, ("SH", "regional_hqs", "2025Q3", "1"), GOOD],
        {(4, "period", "duplicate_row")},
    ),
    (
        "same period spelled two ways",
        [GOOD, ("北京市", "合成生物学领军团队", "2025年第三季度", "3")],
        {(3, "period", "duplicate_row")},
    ),
]


@pytest.mark.parametrize(
    ("rows", "expected"), [c[1:] for c in BAD_ROWS], ids=[c[0] for c in BAD_ROWS]
)
def test_bad_row_is_reported_with_row_and_column(catalog, rows, expected):
    assert _problems(csv_bytes(rows), catalog) == expected


def test_duplicate_names_the_first_row(catalog):
    parsed = parse_upload(csv_bytes([GOOD, GOOD]), "r.csv", catalog, today=TODAY)
    (problem,) = parsed.problems
    assert problem.params == {"first": 2}
    assert "row 2" in locale("en").problem(problem)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", {(None, None, "empty_file")}),
        (b"   \n\n", {(None, None, "empty_file")}),
        (b"jurisdiction,metric,period,value\n", {(None, None, "empty_file")}),
        ("地区,指标,期间,数值\n\n".encode(), {(None, None, "empty_file")}),
        (
            b"jurisdiction,metric,period\nBJ,leading_teams,2025Q3\n",
            {(1, "value / 数值", "missing_column")},
        ),
        (
            b"region,metric,quarter,value\nBJ,leading_teams,2025Q3,1\n",
            {(1, "jurisdiction / 地区", "missing_column"), (1, "period / 期间", "missing_column")},
        ),
        (
            b"jurisdiction,metric,period,value,value\nBJ,leading_teams,2025Q3,1,1\n",
            {(1, "value", "duplicate_column")},
        ),
    ],
    ids=[
        "empty",
        "blank lines",
        "header only",
        "zh header only",
        "missing value column",
        "two missing columns",
        "column twice",
    ],
)
def test_file_level_problems(catalog, data, expected):
    assert _problems(data, catalog) == expected


@pytest.mark.parametrize("name", ["report.xls", "report.pdf", "report.docx"])
def test_unsupported_file_types_are_rejected(catalog, name):
    assert _problems(csv_bytes([GOOD]), catalog, name) == {(None, None, "unsupported_type")}


def test_corrupt_xlsx_is_refused_plainly_not_a_crash(catalog):
    assert _problems(b"PK\x03\x04 not really a zip", catalog, "r.xlsx") == {
        (None, None, "corrupt_workbook")
    }


def test_every_problem_is_reported_at_once(catalog):
    rows = [
        GOOD,
        ("XZ", "leading_teams", "2025Q3", "1"),
        ("BJ", "nonsense", "2025Q3", "1"),
        ("BJ", "hardtech_startups", "2025Q5", "x"),
        ("BJ", "hardtech_startups", "2026Q4", "-3"),
        ("SH", "leading_teams", "2025Q3", "1"),
        ("BJ", "leading_teams", "2025-09-30", "1"),
    ]
    assert _problems(csv_bytes(rows), catalog) == {
        (3, "jurisdiction", "unknown_jurisdiction"),
        (4, "metric", "unknown_metric"),
        (5, "period", "bad_period"),
        (5, "value", "non_numeric"),
        (6, "period", "future_period"),
        (6, "value", "negative"),
        (7, "metric", "not_targeted"),
        (8, "period", "duplicate_row"),
    }


def test_problem_columns_use_the_files_own_headers(catalog):
    data = csv_bytes([("北京市", "领军", "2025Q3", "1")], header=ZH_HEADER[:4])
    assert _problems(data, catalog) == {(2, "指标", "unknown_metric")}


def test_rejected_file_leaves_the_database_unchanged(store):
    ingest_rows(store, [GOOD])
    before = counts(store)
    result = ingest_bytes(
        store,
        csv_bytes([("BJ", "leading_teams", "2025Q2", "1"), ("XZ", "x", "y", "z")]),
        "bad.csv",
        "tester",
        today=TODAY,
    )
    assert not result.committed
    assert counts(store) == before
    assert len(store.audit_log()[lambda a: a.action == "commit"]) == 1


def test_cli_rejects_with_exit_1_row_problems_and_no_change(tmp_path, capsys):
    db = tmp_path / "kpi.duckdb"
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes([GOOD]))
    bad.write_bytes(
        csv_bytes([("BJ", "leading_teams", "2025Q2", "-1"), ("BJ", "x", "2025Q2", "1")])
    )
    assert main(["--db", str(db), "ingest", str(good)]) == 0
    with Store.open(db) as s:
        before = counts(s)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "ingest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column 'value'" in err and "negative" in err
    assert "row 3, column 'metric'" in err
    with Store.open(db) as s:
        assert counts(s) == before


# ---- encodings, formats and spellings that must be accepted ------------------------
ZH_ROWS = [
    ("北京市", "合成生物学领军团队", "2025年第三季度", "2", "市科委", "首次报送"),
    ("上海市", "区域或研发总部", "2025年Q2", "1", "", ""),
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_with_chinese_headers_and_names(store, encoding):
    data = csv_text(ZH_ROWS, header=ZH_HEADER).encode(encoding)
    result = ingest_bytes(store, data, "季报.csv", "tester", today=TODAY)
    assert result.committed, [locale("en").describe(p) for p in result.problems]
    current = store.current_observations().set_index(["jurisdiction", "metric"])
    assert current.loc[("BJ", "leading_teams"), "quarter_end"] == pd.Timestamp(2025, 9, 30)
    assert current.loc[("SH", "regional_hqs"), "value"] == 1
    history = store.observation_history("BJ", "leading_teams")
    assert (history.at[0, "source"], history.at[0, "note"]) == ("市科委", "首次报送")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_short_gbk_file_with_only_a_chinese_header(store, encoding):
    data = csv_text([("BJ", "leading_teams", "2025Q3", "2")], header=ZH_HEADER[:4])
    result = ingest_bytes(store, data.encode(encoding), "r.csv", "tester", today=TODAY)
    assert result.committed, [locale("en").describe(p) for p in result.problems]


def test_gb18030_only_characters(store):
    # 〇 and the rare character below exist in GB18030 but not in GBK.
    rows = [("北京市", "合成生物学领军团队", "2025Q3", "2", "", "备注〇𠀀")]
    data = csv_text(rows, header=ZH_HEADER).encode("gb18030")
    result = ingest_bytes(store, data, "r.csv", "tester", today=TODAY)
    assert result.committed
    assert store.observation_history("BJ", "leading_teams").at[0, "note"] == "备注〇𠀀"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100,000", 100000),
        ("1,234,567", 1234567),
        ("12 345", 12345),
        ("1，500", 1500),
        ("2.5", 2.5),
        (" 7 ", 7),
    ],
)
def test_thousands_separators(store, text, expected):
    data = f'jurisdiction,metric,period,value\nBJ,strain_bank_capacity,2025Q3,"{text}"\n'
    ingest_bytes(store, data.encode(), "r.csv", "tester", today=TODAY)
    assert store.current_observations().at[0, "value"] == expected


def test_xlsx_first_sheet_with_real_date_and_numbers(store, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(ZH_HEADER))
    sheet.append(["北京市", "微生物菌种保藏库库容", datetime(2025, 9, 30), 120000, "", ""])
    sheet.append(["BJ", "patent_strains_new", "2025年第二季度", 1500.5, "统计局", None])
    sheet.append(["BJ", "patent_strains_new", "2025Q1", "1,200", None, None])
    sheet.cell(row=2, column=3).number_format = "yyyy-mm-dd"
    other = book.create_sheet("notes")
    other.append(["ignored", "sheet"])
    path = tmp_path / "季报.xlsx"
    book.save(path)
    result = ingest_bytes(store, path.read_bytes(), path.name, "tester", today=TODAY)
    assert result.committed, [locale("en").describe(p) for p in result.problems]
    current = store.current_observations().set_index(["metric", "quarter_end"])["value"]
    assert current[("strain_bank_capacity", pd.Timestamp(2025, 9, 30))] == 120000
    assert current[("patent_strains_new", pd.Timestamp(2025, 6, 30))] == 1500.5
    assert current[("patent_strains_new", pd.Timestamp(2025, 3, 31))] == 1200


def test_xlsx_problems_name_spreadsheet_rows(catalog):
    rows = [
        ("BJ", "leading_teams", datetime(2025, 9, 29), 1),
        ("BJ", "leading_teams", "2025Q2", "n/a"),
    ]
    data = xlsx_bytes(rows)
    assert _problems(data, catalog, "r.xlsx") == {
        (2, "period", "bad_period"),
        (3, "value", "non_numeric"),
    }


def test_english_names_and_codes_in_any_case(store):
    ingest_rows(
        store,
        [
            ("bj", "LEADING_TEAMS", "2025q3", "1"),
            ("Beijing E-Town", "poc_platforms", "2026Q1", "1"),
        ],
    )
    current = store.current_observations()
    assert set(zip(current.jurisdiction, current.metric, strict=True)) == {
        ("BJ", "leading_teams"),
        ("BDA", "poc_platforms"),
    }


# ---- batches ------------------------------------------------------------------------
def test_valid_file_lands_as_one_batch_with_provenance(store):
    data = csv_bytes([GOOD, ("BJ", "leading_teams", "2025Q2", "1")])
    before = datetime.now().replace(microsecond=0)
    result = ingest_bytes(store, data, "/some/dir/q3.csv", "alice", today=TODAY)
    batches = store.batches()
    assert len(batches) == 1
    batch = batches.iloc[0]
    assert batch["id"] == result.batch_id
    assert batch["file_name"] == "q3.csv"
    assert batch["sha256"] == hashlib.sha256(data).hexdigest()
    assert (batch["n_rows"], batch["user_name"], bool(batch["is_sample"])) == (2, "alice", False)
    assert before <= batch["created_at"] <= datetime.now()
    assert set(store.current_observations()["batch_id"]) == {batch["id"]}


def test_same_file_twice_is_not_duplicated(store):
    data = csv_bytes([GOOD])
    first = ingest_bytes(store, data, "a.csv", "tester", today=TODAY)
    before = counts(store)
    again = ingest_bytes(store, data, "renamed.csv", "tester", today=TODAY)
    assert again.duplicate and again.batch_id == first.batch_id
    assert counts(store) == before
    assert len(store.observation_history("BJ", "leading_teams")) == 1


def test_same_file_after_revert_is_committed_again(store):
    data = csv_bytes([GOOD])
    first = ingest_bytes(store, data, "a.csv", "tester", today=TODAY)
    store.revert_batch(first.batch_id, "tester")
    again = ingest_bytes(store, data, "a.csv", "tester", today=TODAY)
    assert not again.duplicate and again.batch_id != first.batch_id
    assert store.current_observations().at[0, "value"] == 2


def test_unquoted_thousands_separator_is_reported_with_the_other_problems(catalog):
    data = b"jurisdiction,metric,period,value\nBJ,leading_teams,2025Q3,1,234\nBJ,x,2025Q2,1\n"
    parsed = parse_upload(data, "r.csv", catalog, today=TODAY)
    assert {(p.row, p.column, p.code) for p in parsed.problems} == {
        (2, None, "extra_fields"),
        (3, "metric", "unknown_metric"),
    }
    assert '"1,234"' in locale("en").problem(parsed.problems[0])


def test_trailing_empty_cells_are_not_extra_fields(store):
    data = b"jurisdiction,metric,period,value,,\nBJ,leading_teams,2025Q3,1,,\n"
    assert ingest_bytes(store, data, "r.csv", "tester", today=TODAY).committed


def test_tab_separated_utf16_as_excel_saves_unicode_text(store):
    text = csv_text(ZH_ROWS, header=ZH_HEADER).replace(",", "\t")
    for name in ("unicode.txt", "unicode.csv"):
        result = ingest_bytes(store, text.encode("utf-16"), name, "tester", today=TODAY)
        assert result.committed, [locale("en").describe(p) for p in result.problems]
    assert len(store.current_observations()) == 2


def test_xlsx_side_notes_beyond_the_header_are_ignored(store):
    data = xlsx_bytes([("BJ", "leading_teams", "2025Q3", 1, None, "填表人：张三")])
    assert ingest_bytes(store, data, "r.xlsx", "t", today=TODAY).committed
