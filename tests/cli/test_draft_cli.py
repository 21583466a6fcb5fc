"""``kpi catalog draft`` as a user runs it, and the draft → review → install round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from kpi.cli.main import main
from kpi.domain.catalog import load_catalog, parse_catalog
from kpi.drafting.catalog_block import catalog_to_toml
from kpi.storage.store import Store
from tests.support import ROOT

POLICY = ROOT / "data" / "policy"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def kpi(capsys):
    """Run the CLI in this process (as ``python -m kpi --db DB --lang LANG ...``)."""

    def run(db, *args: str, lang: str = "en") -> Run:
        capsys.readouterr()
        code = main(["--db", str(db), "--lang", lang, *args])
        out = capsys.readouterr()
        return Run(code, out.out, out.err)

    return run


JSON_KEYS = {"text_zh", "comparator", "min", "max", "unit", "kind", "deadline", "section"}


def test_catalog_to_toml_reads_back_to_the_same_catalog(catalog):
    assert parse_catalog(catalog_to_toml(catalog)) == catalog


def test_draft_json_lists_targets_then_support_measures(tmp_path, kpi):
    done = kpi(
        tmp_path / "kpi.duckdb",
        "catalog",
        "draft",
        str(POLICY / "beijing-2024-2026-action-plan.txt"),
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    targets = [r for r in records if r["type"] == "target"]
    support = [r for r in records if r["type"] == "support"]
    tasks = [r for r in records if r["type"] == "task"]
    units = [r for r in records if r["type"] == "unit"]
    assert records == targets + support + tasks + units
    assert all(set(r) >= JSON_KEYS for r in targets + support)
    assert len(tasks) == 24  # 10 tasks and the attachment's 14 measures
    assert len(targets) == 9 and len(support) == 19
    first = targets[0]
    assert (first["text_zh"], first["comparator"], first["min"], first["max"]) == (
        "引育不少于5个合成生物学领军团队",
        "at_least",
        5,
        None,
    )
    assert (first["unit"], first["kind"], first["deadline"], first["section"]) == (
        "个",
        "flow",
        "2026-12-31",
        "一、总体要求（三）发展目标",
    )
    assert first["metric"] == "leading_teams"
    cap = next(r for r in support if "5000万元" in r["text_zh"])
    assert (cap["comparator"], cap["max"], cap["unit"]) == ("at_most", 50_000_000, "元")


def test_draft_of_a_missing_or_unsupported_file_fails_with_a_message(tmp_path, kpi):
    db = tmp_path / "kpi.duckdb"
    missing = kpi(db, "catalog", "draft", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "nope.txt" in missing.stderr
    sheet = tmp_path / "plan.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    bad = kpi(db, "catalog", "draft", str(sheet), lang="zh")
    assert bad.returncode == 1 and "不支持的文件类型" in bad.stderr and not bad.stdout


def test_draft_toml_review_install_round_trip(tmp_path, kpi):
    """A catalog without Shanghai; draft Shanghai's plan from its text; install the block
    as drafted: the installed targets are the shipped catalog's Shanghai targets."""
    shipped = load_catalog()
    without_sh = shipped.model_copy(
        update={
            "jurisdictions": tuple(j for j in shipped.jurisdictions if j.code != "SH"),
            "plans": tuple(p for p in shipped.plans if p.code != "SH-2023"),
            "targets": tuple(t for t in shipped.targets if t.plan != "SH-2023"),
            "tasks": tuple(t for t in shipped.tasks if t.plan != "SH-2023"),
        }
    )
    db = tmp_path / "kpi.duckdb"
    base = tmp_path / "base.toml"
    base.write_text(catalog_to_toml(without_sh), encoding="utf-8")
    assert kpi(db, "catalog", "load", str(base)).returncode == 0
    text_out = tmp_path / "sh-2023.txt"
    done = kpi(
        db,
        "catalog",
        "draft",
        str(POLICY / "shanghai-2023-2025-action-plan.txt"),
        "--plan",
        "SH-2023",
        "--jurisdiction",
        "SH",
        "--agency",
        "上海市人民政府办公厅",
        "--format",
        "toml",
        "--text-out",
        str(text_out),
    )
    assert done.returncode == 0, done.stderr
    block = done.stdout
    assert block.count("[[targets]]") == 8 and "[[jurisdictions]]" in block
    # the review: the jurisdiction's English name
    reviewed = block.replace('name_en = "SH"', 'name_en = "Shanghai"')
    combined = tmp_path / "combined.toml"
    combined.write_text(base.read_text(encoding="utf-8") + "\n" + reviewed, encoding="utf-8")
    installed = kpi(db, "catalog", "load", str(combined))
    assert installed.returncode == 0, installed.stderr
    with Store.open(db) as store:
        got = store.catalog()
    key = lambda t: (t.metric, t.comparator, t.min, t.max, t.text_zh, t.section)  # noqa: E731
    assert sorted(key(t) for t in got.targets if t.plan == "SH-2023") == sorted(
        key(t) for t in shipped.targets if t.plan == "SH-2023"
    )
    plan = got.plan("SH-2023")
    assert (plan.doc_number, plan.issued, plan.start, plan.end, plan.source) == (
        "沪府办发〔2023〕18号",
        *[shipped.plan("SH-2023").__dict__[f] for f in ("issued", "start", "end")],
        "sh-2023.txt",
    )
    # the text drafted from is saved: every installed sentence is in it verbatim
    saved = text_out.read_text(encoding="utf-8")
    assert all(t.text_zh in saved for t in got.targets if t.plan == "SH-2023")
