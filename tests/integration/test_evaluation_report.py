"""The evaluation report: `kpi report` as Word (six section headings, real tables holding
the numbers `kpi status` gives, opened by LibreOffice) and as a searchable PDF, with the
reasons and next steps reported with the figures, and the task ledger by responsible unit
(三) holding the numbers of the Tasks page's view and `kpi tasks`, its delayed and
not-reported tasks among the problems (五)."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from kpi.assess.task_ledger import store_ledger, unit_summary
from kpi.cli.main import main
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.ingest.workflow import ingest_bytes
from kpi.present import fmt
from kpi.present.locale import locale
from kpi.present.pdf_text import stand_ins
from kpi.present.support_tables import (
    MEASURE_TABLE_COLUMNS,
    grants_as_of,
    measure_table,
    measures_in_view,
)
from kpi.present.tables import target_name
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.dataset import (
    DELAYED_NEXT,
    DELAYED_PROGRESS,
    DELAYED_TASK,
    FIRM_A_NAME,
    FIRM_B_NAME,
    add_grants,
    add_task_reports,
    sample_figures_db,
)
from tests.support.files import csv_bytes
from tests.support.grant_files import FIRM_A, FIRM_B

pytestmark = pytest.mark.usefixtures("render_browser_per_module")

AS_OF = date(2026, 9, 30)
REASON = "龙头企业引进项目受用地审批影响延期"
NEXT = "12月底前完成用地审批，推动两家企业落地"
SECTIONS = [t(f"evaluation.s{k}", "zh") for k in range(1, 7)]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = sample_figures_db(tmp_path_factory.mktemp("eval") / "kpi.duckdb", is_sample=True)
    store = Store.open(path)
    try:
        current = store.current_observations("BDA")
        rows = current[current["metric"] == "leading_enterprises"]
        value = float(rows.sort_values("quarter_end")["value"].iloc[-1])
        header = ("地区", "指标", "期间", "数值", "原因分析", "下一步措施")
        row = ("BDA", "leading_enterprises", "2026Q3", value, REASON, NEXT)
        data = csv_bytes([row], header)
        assert ingest_bytes(store, data, "r.csv", "王科长", today=TODAY).committed
        add_grants(store)
    finally:
        store.close()
    return add_task_reports(path)


def _status(db: Path, capsys, *scope: str) -> list[dict]:
    assert (
        main(["--db", str(db), "status", *scope, "--as-of", AS_OF.isoformat(), "--format", "json"])
        == 0
    )
    return json.loads(capsys.readouterr().out)


def _report(db: Path, out: Path, *args: str) -> int:
    return main(
        [
            "--db",
            str(db),
            "report",
            "--as-of",
            AS_OF.isoformat(),
            "--out",
            str(out),
            "--prepared-by",
            "王主任",
            *args,
        ]
    )


def test_docx_has_the_six_sections_and_the_numbers_of_kpi_status(db, tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert _report(db, out, "--format", "docx") == 0
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert document.paragraphs[0].style.name == "Title"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "示例数据" in text and "数据截至 2026-09-30" in text  # sample warning, as-of
    assert "数据来源：" in text and "制表：王主任" in text  # the source line
    assert f"原因分析：{REASON}" in text and NEXT in text and "王科长" in text
    assert "说明待补充" in text  # a behind target without a reason, in 五
    # the targets table: every target's value, attainment and pace as kpi status has them
    catalog, loc = load_catalog(), locale("zh")
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == [loc.header("target"), loc.header("status")]
    cells = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    capsys.readouterr()
    records = _status(db, capsys)
    assert len(cells) == len(records)
    for rec in records:
        row = cells[target_name(catalog, rec["target"], loc, True)]
        assert row[1] == loc.status(rec["status"])
        assert row[3] == (fmt.MISSING if rec["value"] is None else loc.number(round(rec["value"])))
        assert row[4] == fmt.percent(rec["attainment"], 0)
        assert row[5] == fmt.percent(rec["pace"], 0)


def test_libreoffice_opens_the_docx(db, tmp_path):
    out = tmp_path / "report.docx"
    assert _report(db, out, "--format", "docx", "--jurisdiction", "BDA") == 0
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert all(s in text for s in SECTIONS)


def test_pdf_report_is_searchable(db, tmp_path):
    out = tmp_path / "report.pdf"
    assert _report(db, out, "--format", "pdf", "--plan", "BDA-2025") == 0
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert stand_ins(text) == []
    assert all(s in text for s in SECTIONS) and REASON in text.replace("\n", "")
    assert "上海" not in text  # one plan's report


def test_english_report_and_refusals(db, tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert _report(db, out, "--format", "docx", "--lang", "en", "--jurisdiction", "BJ") == 0
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings == [t(f"evaluation.s{k}", "en") for k in range(1, 7)]
    capsys.readouterr()
    assert _report(db, tmp_path / "x.pdf", "--format", "docx") == 1
    assert "x.pdf" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    assert _report(db, tmp_path / "y.docx", "--plan", "NOPE") == 1
    assert "NOPE" in capsys.readouterr().err


def _section(document, number: int) -> str:
    """The paragraphs of section ``number`` (一 is 1), as one text."""
    paragraphs = document.paragraphs
    start = next(k for k, p in enumerate(paragraphs) if p.text == SECTIONS[number - 1])
    end = next(
        (k for k, p in enumerate(paragraphs) if number < 6 and p.text == SECTIONS[number]),
        len(paragraphs),
    )
    return "\n".join(p.text for p in paragraphs[start:end])


def test_tasks_by_unit_agree_with_the_ledger_view_and_kpi_tasks(db, tmp_path, capsys):
    out = tmp_path / "bj.docx"
    assert _report(db, out, "--format", "docx", "--jurisdiction", "BJ") == 0
    document = docx.Document(str(out))
    loc = locale("zh")
    statuses = ("completed", "in_progress", "not_started", "delayed", "not_reported")
    header = [loc.header(c) for c in ("unit", "leads", "cooperating")]
    header += [t(f"tasks.status.{s}", "zh") for s in statuses]
    [units] = [tb for tb in document.tables if [c.text for c in tb.rows[0].cells] == header]
    shown = {r.cells[0].text: [int(c.text) for c in r.cells[1:]] for r in units.rows[1:]}
    # the Tasks page's view of the same ledger
    with Store.open(db) as store:
        frame = store_ledger(store, AS_OF, jurisdiction="BJ")
        catalog = store.catalog()
    summary = unit_summary(catalog, frame)
    assert list(shown) == [catalog.unit(c).name_zh for c in summary["unit"]]
    for r in summary.to_dict(orient="records"):
        expected = [r["leads"], r["cooperating"], *(r[s] for s in statuses)]
        assert shown[catalog.unit(r["unit"]).name_zh] == expected
    # and kpi tasks, counted by hand: lead first, statuses over lead and cooperating tasks
    capsys.readouterr()
    assert (
        main(
            [
                "--db",
                str(db),
                "tasks",
                "--plan",
                "BJ-2024",
                "--as-of",
                AS_OF.isoformat(),
                "--format",
                "json",
            ]
        )
        == 0
    )
    items = json.loads(capsys.readouterr().out)
    for name, counts in shown.items():
        mine = [i for i in items if name in i["units"]]
        by_status = [sum(i["status"] == s for i in mine) for s in statuses]
        assert counts == [
            sum(i["units"][0] == name for i in mine),
            sum(i["units"][0] != name for i in mine),
            *by_status,
        ]
    # the delayed and not-reported tasks, each once, with the delayed one's report
    attention = [i for i in items if i["status"] in ("delayed", "not_reported")]
    head = [loc.header(c) for c in ("task", "title", "lead", "status")]
    [listed] = [tb for tb in document.tables if [c.text for c in tb.rows[0].cells][:4] == head]
    rows = [[c.text for c in r.cells] for r in listed.rows[1:]]
    assert sorted(r[1] for r in rows) == sorted(i["title_zh"] for i in attention)
    [delayed] = [r for r in rows if r[3] == t("tasks.status.delayed", "zh")]
    assert (
        delayed[2] == "市经济和信息化局" and DELAYED_PROGRESS in delayed and DELAYED_NEXT in delayed
    )
    # 五 lists them with the lead unit; 六 takes the reported next steps
    problems = _section(document, 5)
    assert t("evaluation.tasks_problems_intro", "zh", n=len(attention)) in problems
    task = next(i for i in items if i["task"] == DELAYED_TASK)
    assert (
        f"{task['title_zh']}（滞后，牵头单位：市经济和信息化局）：进展情况：{DELAYED_PROGRESS}"
        in problems
    )
    assert DELAYED_NEXT in _section(document, 6)
    assert t("evaluation.no_tasks", "zh") not in _section(document, 3)


def test_a_plan_without_tasks_says_so(db, tmp_path):
    catalog = load_catalog()
    with_tasks = {task.plan for task in catalog.tasks}
    plan = next(
        p.code
        for p in catalog.plans
        if p.code not in with_tasks and any(tg.plan == p.code for tg in catalog.targets)
    )
    out = tmp_path / "plan.docx"
    assert _report(db, out, "--format", "docx", "--plan", plan) == 0
    assert t("evaluation.no_tasks", "zh") in _section(docx.Document(str(out)), 3)


def test_measures_section_holds_the_support_pages_totals_and_no_names(db, tmp_path):
    out = tmp_path / "bda.docx"
    assert _report(db, out, "--format", "docx", "--jurisdiction", "BDA") == 0
    document = docx.Document(str(out))
    loc = locale("zh")
    section = _section(document, 4)
    # E-Town by hand: 3 grants to 2 beneficiaries, 23,500,000 approved, 11,500,000 paid
    assert "批准 3 笔，受支持单位 2 家，批准金额 2,350万元，已拨付 1,150万元" in section
    header = [loc.header(c) for c in MEASURE_TABLE_COLUMNS]
    [table] = [tb for tb in document.tables if [c.text for c in tb.rows[0].cells] == header]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    with Store.open(db) as store:
        catalog = store.catalog()
        grants = grants_as_of(store.grants(), AS_OF)
    shown = measure_table(catalog, grants, measures_in_view(catalog, "BDA"), loc)
    assert len(rows) == len(shown)
    for row, expected in zip(rows, shown.to_dict(orient="records"), strict=True):
        assert row[0] == expected["measure"]
        numbers = [expected[c] for c in ("grants", "beneficiaries", "approved", "paid", "largest")]
        assert row[3:] == [fmt.count(v) for v in numbers]
    assert sum(int(r[5].replace(",", "")) for r in rows) == 23_500_000
    everything = "\n".join(p.text for p in document.paragraphs) + "".join(
        c.text for tb in document.tables for r in tb.rows for c in r.cells
    )
    assert not [s for s in (FIRM_A_NAME, FIRM_B_NAME, FIRM_A, FIRM_B) if s in everything]
    assert t("evaluation.no_measures", "zh") not in section
