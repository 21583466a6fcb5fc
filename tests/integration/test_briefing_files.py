"""Briefing files through Chromium: slides as PNG files and one PDF, A4 as a portrait PDF
with its Chinese glyphs and its tasks section, `kpi briefing --out`, and the Briefing
page's formats."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from kpi.cli.main import main
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present.documents import SLIDE_SIZE, BriefingError, briefing_files, build_briefing
from kpi.present.locale import ViewState, locale
from kpi.present.pdf_text import stand_ins
from kpi.storage.store import Store
from tests.support.dataset import (
    DELAYED_NEXT,
    DELAYED_PROGRESS,
    add_task_reports,
    sample_figures_db,
)
from tests.support.pages import app_test
from tests.support.stores import open_store

pytestmark = pytest.mark.usefixtures("render_browser_per_module")

CATALOG = load_catalog()
AS_OF = date(2026, 9, 30)
#: Jurisdictions with a target: each has a slide (one whose plans set no number has none).
N_JURISDICTIONS = len({CATALOG.plan(t.plan).jurisdiction for t in CATALOG.targets})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("files") / "kpi.duckdb", is_sample=False)


@pytest.fixture
def store(db):
    yield from open_store(db)


def _view(jurisdiction: str | None, lang: str) -> ViewState:
    return ViewState(locale(lang), AS_OF, jurisdiction)


def _n_slides(db: Path) -> int:
    """The slides of the deck of every jurisdiction: the overview, one per jurisdiction,
    and the tasks' slides (as many as their lists take)."""
    with Store.open(db) as store:
        n = len(build_briefing(store, _view(None, "zh"), fmt="slides").pages)
    assert n > 1 + N_JURISDICTIONS  # tasks have slides of their own
    return n


def _pdf_text(pdf: bytes) -> str:
    """The text a reader copies or searches: as pypdf extracts it, not normalised."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _glyph_count(pdf: bytes) -> int:
    """Distinct glyph drawings in the PDF. Chromium embeds text as Type3 fonts whose
    glyphs are drawn from the font; without a CJK font every Chinese character would be
    the same missing-glyph box."""
    glyphs = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            for proc in font.get_object().get("/CharProcs", {}).values():
                glyphs.add(proc.get_object().get_data())
    return len(glyphs)


def _cjk(text: str) -> set[str]:
    return {ch for ch in text if "\u4e00" <= ch <= "\u9fff"}


def test_slides_as_png_files_and_as_one_pdf(store, tmp_path):
    briefing = build_briefing(store, _view(None, "zh"), fmt="slides", prepared_by="王主任")
    files = briefing_files(briefing, tmp_path / "deck.png")
    slides = range(1, 1 + len(briefing.pages))
    assert len(briefing.pages) > 1 + N_JURISDICTIONS  # the overview, jurisdictions, tasks
    assert [p.name for p, _ in files] == [f"deck-{k:02d}.png" for k in slides]
    for _, png in files:
        img = Image.open(io.BytesIO(png))
        assert img.size == SLIDE_SIZE
        assert len(img.convert("RGB").getcolors(maxcolors=1 << 20)) > 100  # not blank
    [(_, pdf)] = briefing_files(briefing, tmp_path / "deck.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(briefing.pages)
    box = reader.pages[0].mediabox  # 1920 x 1080 CSS px = 1440 x 810 pt
    assert (round(float(box.width)), round(float(box.height))) == (1440, 810)
    text = _pdf_text(pdf)
    assert "北京经济技术开发区" in text and "制表：王主任" in text
    assert _glyph_count(pdf) >= len(_cjk(text)) > 50, "Chinese drawn without its glyphs"
    assert stand_ins(text) == []  # no radical (⽣ for 生) in the text layer


def test_a4_is_a_portrait_pdf_with_chinese_text(store, tmp_path):
    briefing = build_briefing(store, _view("BJ", "zh"), fmt="a4", prepared_by="王主任")
    [(_, pdf)] = briefing_files(briefing, tmp_path / "bj.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(briefing.pages)
    for page in reader.pages:  # A4: 595 x 842 pt
        assert abs(float(page.mediabox.width) - 595) < 2
        assert abs(float(page.mediabox.height) - 842) < 2
    text = _pdf_text(pdf)
    plan = CATALOG.plan("BJ-2024")
    assert plan.title_zh in text.replace("\n", "")
    assert "数据来源：" + plan.reporting_agency in text.replace("\n", "")
    assert _glyph_count(pdf) >= len(_cjk(text)) > 50, "Chinese drawn without its glyphs"
    # searchable: no radical or compatibility code point (⻛ for 风, ⽰ for 示) in the text
    assert stand_ins(text) == [] and not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)
    assert "风险" in text and "目标" in text
    with pytest.raises(BriefingError, match=r"a4 writes \.pdf"):
        briefing_files(briefing, tmp_path / "bj.png")


def test_a4_tasks_section_is_searchable_text(tmp_path):
    db = sample_figures_db(tmp_path / "kpi.duckdb", is_sample=False)
    add_task_reports(db)
    with Store.open(db) as store:
        briefing = build_briefing(store, _view("BJ", "zh"), fmt="a4")
    [(_, pdf)] = briefing_files(briefing, tmp_path / "bj.pdf")
    text = _pdf_text(pdf).replace("\n", "").replace(" ", "")
    for words in (
        "重点任务推进情况",
        "逾期未报",
        "滞后及逾期未报任务",
        "牵头单位：市经济和信息化局",
    ):
        assert words in text, words
    assert DELAYED_PROGRESS in text and DELAYED_NEXT in text


def test_cli_writes_slides_and_refuses_a_wrong_file_type(db, tmp_path, capsys):
    args = ["--db", str(db), "briefing", "--jurisdiction", "all", "--as-of", AS_OF.isoformat()]
    assert main([*args, "--format", "a4", "--out", str(tmp_path / "x.png")]) == 1
    refusal = t("briefing.bad_file_type", "zh", format="a4", types=".pdf", name="x.png")
    assert refusal in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "deck.png"
    assert main([*args, "--format", "slides", "--prepared-by", "王主任", "--out", str(out)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"deck-{k:02d}.png" for k in range(1, 1 + _n_slides(db))]
    assert capsys.readouterr().out.split() == [str(tmp_path / n) for n in written]


def test_briefing_page_offers_the_formats(db, monkeypatch):
    monkeypatch.setenv("KPI_DB", str(db))
    at = app_test("briefing", timeout=180, as_of=AS_OF.isoformat())
    at.run()
    assert not at.exception
    formats = next(r for r in at.radio if r.label == t("briefing.page.format", "zh"))
    assert formats.options == [
        t(f"briefing.page.format.{f}", "zh") for f in ("poster", "slides", "a4")
    ]
    formats.set_value("slides")
    preparer = next(x for x in at.text_input if x.label == t("briefing.page.prepared_by", "zh"))
    preparer.input("王主任")
    at.run()
    assert not at.exception
    n = _n_slides(db)
    assert len(at.get("image")) == n
    buttons = [str(b.proto) for b in at.get("download_button")]
    assert any(t("briefing.page.download_pdf", "zh", pages=n) in b for b in buttons)
    assert any(t("evaluation.download_docx", "zh") in b for b in buttons)  # the report too
