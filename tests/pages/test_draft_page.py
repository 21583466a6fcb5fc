"""The drafting page (AppTest) and its rules in kpi.drafting.review: review, preview, install."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from kpi.access.auth import User
from kpi.domain.catalog import load_catalog
from kpi.domain.problems import Problem, errors
from kpi.drafting import draft_text
from kpi.drafting import review as rv
from kpi.drafting.catalog_block import draft_rows, plan_header
from kpi.i18n import t
from kpi.present.draft_tables import support_table
from kpi.present.locale import locale
from tests.support.files import NEW_CITY
from tests.support.pages import app_test, shown_text, sign_in

ADMIN = User("admin1", "admin")


@pytest.fixture
def policy_dir(tmp_path, monkeypatch):
    folder = tmp_path / "policy"
    monkeypatch.setenv("KPI_POLICY_DIR", str(folder))
    return folder


def _draft():
    catalog = load_catalog()
    draft = draft_text(NEW_CITY, catalog.metrics)
    header = plan_header(draft, catalog, "CD-2025", "CD", rv.source_name("CD-2025"))
    return catalog, draft, replace(header, reporting_agency="成都市科学技术局")


def test_new_city_draft_reads_the_plan_and_suggests_metrics():
    _, draft, header = _draft()
    assert (header.code, header.jurisdiction, header.jurisdiction_name_zh) == (
        "CD-2025",
        "CD",
        "成都市",
    )
    assert (header.doc_number, str(header.issued), str(header.start), str(header.end)) == (
        "穗府办〔2025〕7号",
        "2025-03-01",
        "2025-01-01",
        "2027-12-31",
    )
    rows = draft_rows(draft)
    assert [(r["text_zh"], r["comparator"], r["min"], r["max"], r["metric"]) for r in rows] == [
        ("引育不少于8个合成生物学领军团队", "at_least", 8, None, "leading_teams"),
        ("新增3至5家合成生物制造上市企业", "range", 3, 5, "listed_companies_new"),
        ("建设2个左右<中试>基地", "approx", 2, None, None),
    ]
    assert [s.yuan for s in draft.support] == [(10_000_000,)]


@pytest.mark.parametrize(
    ("lang", "amount", "share"),
    [("zh", "1,000万元", ""), ("en", "10,000,000 yuan", "")],
)
def test_support_table_shows_amounts_as_text(lang, amount, share):
    _, draft, _ = _draft()
    table = support_table(draft, locale(lang))
    assert table.to_dict("records") == [
        {
            "text_zh": "对新建平台给予最高不超过1000万元支持",
            "section": "二、政策措施（一）支持平台",
            "amount": amount,
            "percent": share,
            "task": t("tasks.kind.measure", lang) + " 1",
            "cap": amount,
            "rate": "",
            "rate_base": "",
            "cap_per_year": "",
        }
    ]


def test_marked_paragraphs_escape_the_text():
    _, draft, _ = _draft()
    ((section, marked),) = rv.marked_paragraphs(draft)
    assert section == "一、发展目标"
    assert "<mark>建设2个左右&lt;中试&gt;基地</mark>" in marked
    assert marked.count("<mark>") == 3 and "<中试>" not in marked


def test_preview_lists_every_problem_and_install_changes_nothing(store, tmp_path):
    catalog, draft, header = _draft()
    rows = draft_rows(draft)
    rows[0]["text_zh"] = "引育不少于9个合成生物学领军团队"  # not in the text
    rows[1]["comparator"] = "range"
    rows[1]["max"] = 2  # below min
    checked = rv.preview(draft, rows, header, catalog)
    assert not checked.ok
    assert checked.problems[0] == Problem(
        1, None, "draft_not_verbatim", {"text": "引育不少于9个合成生物学领军团队"}
    )
    assert (
        locale("zh").describe(checked.problems[0])
        == "第 1 行: 原文中找不到“引育不少于9个合成生物学领军团队”"
    )
    assert any("min 3.0 > max 2.0" in locale("en").problem(p) for p in errors(checked.problems))
    version = store.catalog_version()
    done = rv.install(store, ADMIN, draft, rows, header, tmp_path / "policy")
    assert done.value is None and done.errors == errors(checked.problems)
    assert store.catalog_version() == version and not (tmp_path / "policy").exists()


def test_install_saves_the_text_and_loads_the_reviewed_rows(store, tmp_path):
    catalog, draft, header = _draft()
    rows = draft_rows(draft)
    rows[2]["keep"] = False  # dropped by the reviewer
    rows[1]["min"], rows[1]["max"] = 4, 5  # edited
    refused = rv.install(
        store, User("ed", "editor", frozenset({"CD"})), draft, rows, header, tmp_path
    )
    assert [locale("zh").problem(p) for p in refused.problems] == ["仅管理员可执行此操作"]
    done = rv.install(store, ADMIN, draft, rows, header, tmp_path)
    assert done.problems == () and done.value == store.catalog_version()
    got = store.catalog()
    targets = sorted(
        (t.metric, t.comparator, t.min, t.max) for t in got.targets if t.plan == "CD-2025"
    )
    assert targets == [
        ("leading_teams", "at_least", 8, None),
        ("listed_companies_new", "range", 4, 5),
    ]
    assert got.jurisdiction("CD").name_zh == "成都市"
    saved = (tmp_path / "cd-2025.txt").read_text(encoding="utf-8")
    assert got.plan("CD-2025").source == "cd-2025.txt"
    assert all(t.text_zh in saved for t in got.targets if t.plan == "CD-2025")
    # another text under the same file name is refused, and nothing changes
    other = draft_text(NEW_CITY.replace("8个", "6个"), catalog.metrics)
    version = store.catalog_version()
    again = rv.install(
        store, ADMIN, other, draft_rows(other), replace(header, code="CD-2026"), tmp_path
    )
    assert again.value is None
    assert again.errors == [Problem(None, None, "draft_source_taken", {"source": "cd-2025.txt"})]
    assert store.catalog_version() == version
    assert (tmp_path / "cd-2025.txt").read_text(encoding="utf-8") == saved


# ---- the page --------------------------------------------------------------------------------
def draft_page(lang: str) -> AppTest:
    return app_test("draft", timeout=90, lang=lang).run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_drafts_pasted_text_and_installs_it(app_db, policy_dir, lang):
    at = draft_page(lang)
    assert t("draft.admin_only", lang) in shown_text(at)
    at = sign_in(at, "admin1")
    assert not at.exception
    at.text_area(key="draft_paste").input(NEW_CITY).run()
    assert not at.exception, at.exception
    (table,) = (frame.value for frame in at.dataframe if "suggested" in frame.value)
    assert list(table["text_zh"]) == [
        "引育不少于8个合成生物学领军团队",
        "新增3至5家合成生物制造上市企业",
        "建设2个左右<中试>基地",
    ]
    assert list(table["suggested"])[:2] == [
        entry("leading_teams", lang),
        entry("listed_companies_new", lang),
    ]
    assert any("<mark>" in str(h.proto.body) for h in at.get("html"))
    at.text_input(key="draft_jurisdiction").input("CD").run()
    (code,) = at.code
    assert code.value.count("[[targets]]") == 3 and 'code = "CD-2025"' in code.value
    # the catalog requires the plan's reporting agency: the preview says so until it is filled
    assert any("reporting_agency" in frame.value.to_string() for frame in at.dataframe)
    at.text_input(key="draft_agency").input("成都市科学技术局").run()
    assert 'reporting_agency = "成都市科学技术局"' in at.code[0].value
    at.button(key="draft_install").click().run()
    assert not at.exception, at.exception
    message = t("draft.installed", lang, version=app_db.catalog_version(), source="cd-2025.txt")
    assert message in shown_text(at)
    assert (policy_dir / "cd-2025.txt").is_file()
    installed = app_db.catalog()
    assert len([t for t in installed.targets if t.plan == "CD-2025"]) == 3
    listed = installed.target("CD-2025:listed_companies_new")
    assert (listed.comparator, listed.min, listed.max) == ("range", 3, 5)
    assert installed.plan("CD-2025").reporting_agency == "成都市科学技术局"


def entry(code: str, lang: str) -> str:
    metric = load_catalog().metric(code)
    return metric.name_zh if lang == "zh" else metric.name_en


def test_page_reports_an_unreadable_upload(app_db, policy_dir):
    at = sign_in(draft_page("zh"), "admin1")
    at.file_uploader(key="draft_file").set_value(
        ("plan.pdf", b"%PDF-1.4 broken", "application/pdf")
    )
    at.run()
    assert t("draft.unreadable", "zh", name="plan.pdf", detail="PdfStreamError") in shown_text(at)


def test_viewer_and_editor_cannot_draft(app_db):
    for name in ("viewer1", "editor_sh"):
        at = sign_in(draft_page("en"), name)
        assert t("draft.admin_only", "en") in shown_text(at)
        assert not at.dataframe and not at.code


def test_english_fields_and_family_reach_the_catalog(store, tmp_path):
    catalog, draft, header = _draft()
    rows = draft_rows(draft, catalog)
    assert [r["family"] for r in rows] == ["talent", "listings", "pilot"]
    checked = rv.preview(draft, rows, header, catalog)
    assert checked.ok
    assert [(p.row, p.code, p.severity) for p in checked.problems] == [
        (None, "draft_no_title_en", "warning"),
        *((n, "draft_no_english", "warning") for n in (1, 2, 3)),
    ]
    rows[2].update(
        metric="cd_pilot_bases",
        name_zh="中试基地",
        family="clusters",
        name_en="Pilot bases",
        unit_en="bases",
    )
    for row in rows:
        row["text_en"] = f"English of {row['text_zh']}"
    header = replace(header, jurisdiction_name_en="Chengdu", title_en="Chengdu plan")
    assert rv.preview(draft, rows, header, catalog).problems == []
    done = rv.install(store, ADMIN, draft, rows, header, tmp_path)
    assert done.problems == ()
    got = store.catalog()
    metric = got.metric("cd_pilot_bases")
    assert (metric.family, metric.name_en, metric.unit_zh, metric.unit_en, metric.kind) == (
        "clusters",
        "Pilot bases",
        "个",
        "bases",
        "flow",
    )
    assert got.target("CD-2025:cd_pilot_bases").text_en == "English of 建设2个左右<中试>基地"
    assert (got.jurisdiction("CD").name_en, got.plan("CD-2025").title_en) == (
        "Chengdu",
        "Chengdu plan",
    )
