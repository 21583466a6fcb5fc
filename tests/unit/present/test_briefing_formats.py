"""Briefing formats (poster, slides, A4), the shared axis, the source line and headline."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from kpi.assess.verdicts import compute_status
from kpi.cli.main import main
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present.documents.briefing import (
    A4_SIZE,
    SLIDE_SIZE,
    BriefingError,
    briefing_files,
    build_briefing,
)
from kpi.present.headline import headline
from kpi.present.locale import ViewState, locale
from tests.support.dataset import sample_figures_db
from tests.support.pages import app_test
from tests.support.renders import annotation_texts
from tests.support.stores import open_store

pytestmark = pytest.mark.usefixtures("render_browser_per_module")

CATALOG = load_catalog()
AS_OF = date(2026, 9, 30)
N_JURISDICTIONS = len(CATALOG.jurisdictions)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("formats") / "kpi.duckdb", is_sample=False)


@pytest.fixture
def store(db):
    yield from open_store(db)


def _pdf_text(pdf: bytes) -> str:
    # Chromium writes some CJK characters as their compatibility forms (e.g. ⽣ for 生)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


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


def _view(jurisdiction: str | None, lang: str) -> ViewState:
    return ViewState(locale(lang), AS_OF, jurisdiction)


def _cjk(text: str) -> set[str]:
    return {ch for ch in text if "\u4e00" <= ch <= "\u9fff"}


# ---- what the pages say (no browser) ---------------------------------------------------------


def test_every_plan_names_its_reporting_agency():
    for plan in CATALOG.plans:
        assert plan.reporting_agency and plan.reporting_agency_en, plan.code


@pytest.mark.parametrize("fmt", ["poster", "slides", "a4"])
def test_source_line_names_agency_and_preparer_not_batches(store, fmt):
    briefing = build_briefing(store, _view("SH", "zh"), fmt=fmt, prepared_by="王主任")
    for page in briefing.pages:
        texts = annotation_texts(page.figure)
        assert "数据来源：上海市人民政府办公厅" in texts
        assert "制表：王主任" in texts
        [source] = [a.text for a in page.figure.layout.annotations if "数据来源" in a.text]
        assert "批次" not in source and "#" not in source  # no internal batch numbers
    english = annotation_texts(build_briefing(store, _view("SH", "en"), fmt=fmt).pages[0].figure)
    assert "Source: General Office of the Shanghai Municipal People's Government" in english
    assert f"Prepared by {t('briefing.preparer_unknown', 'en')}" in english


def test_slides_for_one_jurisdiction_name_only_its_agency(store):
    briefing = build_briefing(store, _view(None, "zh"), fmt="slides", prepared_by="李")
    overview, *sections = [annotation_texts(p.figure) for p in briefing.pages]
    assert all(plan.reporting_agency in overview for plan in CATALOG.plans)
    beijing = CATALOG.plan("BJ-2024").reporting_agency
    assert beijing in sections[0] and "上海市人民政府办公厅" not in sections[0]


def test_all_bullet_charts_share_one_percentage_axis(store):
    for fmt in ("poster", "slides", "a4"):
        briefing = build_briefing(store, _view(None, "en"), fmt=fmt)
        ranges = {
            tuple(page.figure.layout[key].range)
            for page in briefing.pages
            for key in page.figure.layout.to_plotly_json()
            if key.startswith("xaxis") and page.figure.layout[key].tickformat == ".0%"
        }
        assert len(ranges) == 1, (fmt, ranges)
        status = compute_status(store, AS_OF)
        widest = (status["value"] / status["threshold"]).max()
        (low, high), *_ = ranges
        assert low == 0 and high >= min(widest, 2.0)


def test_headline_of_each_jurisdiction_is_in_the_briefing(store):
    status = compute_status(store, AS_OF)
    for fmt in ("poster", "slides", "a4"):
        texts = "\n".join(
            annotation_texts(p.figure)
            for p in build_briefing(store, _view(None, "zh"), fmt=fmt).pages
        )
        for j in CATALOG.jurisdictions:
            assert headline(status, CATALOG, j.code, locale("zh")) in texts


def test_page_layout_of_slides_and_a4(store):
    slides = build_briefing(store, _view(None, "zh"), fmt="slides")
    assert len(slides.pages) == 1 + N_JURISDICTIONS  # overview, then one per jurisdiction
    assert {(p.width, p.height) for p in slides.pages} == {SLIDE_SIZE}
    a4 = build_briefing(store, _view("BJ", "zh"), fmt="a4")
    assert {(p.width, p.height) for p in a4.pages} == {A4_SIZE}
    assert len(a4.pages) >= 2  # overview, then the section and its trajectories
    with pytest.raises(BriefingError, match="format"):
        build_briefing(store, _view("BJ", "zh"), fmt="poster-a3")


# ---- files (browser) ---------------------------------------------------------------------------


@pytest.mark.slow  # PNG and PDF renders
def test_slides_as_png_files_and_as_one_pdf(store, tmp_path):
    briefing = build_briefing(store, _view(None, "zh"), fmt="slides", prepared_by="王主任")
    files = briefing_files(briefing, tmp_path / "deck.png")
    assert [p.name for p, _ in files] == [f"deck-{k:02d}.png" for k in range(1, 5)]
    for _, png in files:
        img = Image.open(io.BytesIO(png))
        assert img.size == SLIDE_SIZE
        assert len(img.convert("RGB").getcolors(maxcolors=1 << 20)) > 100  # not blank
    [(_, pdf)] = briefing_files(briefing, tmp_path / "deck.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 + N_JURISDICTIONS
    box = reader.pages[0].mediabox  # 1920 x 1080 CSS px = 1440 x 810 pt
    assert (round(float(box.width)), round(float(box.height))) == (1440, 810)
    text = _pdf_text(pdf)
    assert "北京经济技术开发区" in text and _nfkc("制表：王主任") in text
    assert _glyph_count(pdf) >= len(_cjk(text)) > 50, "Chinese drawn without its glyphs"


@pytest.mark.slow  # a PDF render
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
    assert _nfkc(plan.title_zh) in text.replace("\n", "")
    assert _nfkc("数据来源：" + plan.reporting_agency) in text.replace("\n", "")
    assert _glyph_count(pdf) >= len(_cjk(text)) > 50, "Chinese drawn without its glyphs"
    with pytest.raises(BriefingError, match=r"a4 writes \.pdf"):
        briefing_files(briefing, tmp_path / "bj.png")


@pytest.mark.slow  # PNG renders
def test_cli_writes_slides_and_refuses_a_wrong_file_type(db, tmp_path, capsys):
    args = ["--db", str(db), "briefing", "--jurisdiction", "all", "--as-of", AS_OF.isoformat()]
    assert main([*args, "--format", "a4", "--out", str(tmp_path / "x.png")]) == 1
    refusal = t("briefing.bad_file_type", "zh", format="a4", types=".pdf", name="x.png")
    assert refusal in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    out = tmp_path / "deck.png"
    assert main([*args, "--format", "slides", "--prepared-by", "王主任", "--out", str(out)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"deck-{k:02d}.png" for k in range(1, 2 + N_JURISDICTIONS)]
    assert capsys.readouterr().out.split() == [str(tmp_path / n) for n in written]


@pytest.mark.slow  # an AppTest page run with PNG renders
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
    assert len(at.get("image")) == 1 + N_JURISDICTIONS
    [button] = at.get("download_button")
    assert t("briefing.page.download_pdf", "zh", pages=1 + N_JURISDICTIONS) in str(button.proto)
