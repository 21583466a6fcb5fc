"""Briefings (kpi.present.documents, `kpi briefing`, the Briefing page) and table downloads."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from PIL import Image, ImageChops, ImageStat
from streamlit.testing.v1 import AppTest

from kpi.assess.verdicts import compute_status, status_history
from kpi.cli.main import main
from kpi.domain.catalog import Catalog, Jurisdiction, load_catalog
from kpi.i18n import t
from kpi.ingest.workflow import ingest_bytes
from kpi.present import locale, render
from kpi.present.documents import BriefingError, build_briefing, render_briefing
from kpi.present.export import csv_bytes, xlsx_bytes
from kpi.present.locale import ViewState
from kpi.present.theme import STATUS_COLORS, STATUS_ORDER
from kpi.storage.store import Store
from tests.support import ROOT, TODAY
from tests.support.dataset import sample_figures_db
from tests.support.pages import app_test, labelled, switch_page
from tests.support.renders import (
    DEJAVU_DIR,
    annotation_texts,
    dejavu_only_fontconfig,
    main_browser_processes,
)
from tests.support.stores import open_store

pytestmark = pytest.mark.usefixtures("render_browser_per_module")

AS_OF = date(2026, 9, 30)
WIDTH = 1200


def _view(jurisdiction: str | None, lang: str) -> ViewState:
    return ViewState(locale(lang), AS_OF, jurisdiction)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("sample") / "kpi.duckdb", is_sample=True)


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("real") / "kpi.duckdb", is_sample=False)


@pytest.fixture
def sample_store(sample_db):
    yield from open_store(sample_db)


@pytest.fixture
def real_store(real_db):
    yield from open_store(real_db)


@pytest.fixture(scope="module")
def pngs(sample_db, real_db) -> dict[str, bytes]:
    """BJ in Chinese from the sample and the real database, rendered once."""
    out = {}
    for key, path in (("sample", sample_db), ("real", real_db)):
        s = Store.open(path)
        try:
            out[key] = render_briefing(s, _view("BJ", "zh"), WIDTH)
        finally:
            s.close()
    return out


def _image(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


# ---- the figure (no browser) ---------------------------------------------------------


def test_title_names_jurisdiction_plan_and_date(sample_store):
    fig = build_briefing(sample_store, _view("BJ", "zh")).figure
    texts = annotation_texts(fig)
    plan = load_catalog().plan("BJ-2024")
    for expected in ("北京市", plan.title_zh, plan.doc_number, AS_OF.isoformat()):
        assert expected in texts


def test_status_summary_counts_every_status(sample_store):
    status = compute_status(sample_store, AS_OF, "BJ")
    texts = [
        a.text for a in build_briefing(sample_store, _view("BJ", "en")).figure.layout.annotations
    ]
    counts = status["status"].value_counts()
    for code in STATUS_ORDER:
        label = locale("en").status(code)
        i = texts.index(label)  # the tile's label follows its count
        assert texts[i - 1] == f"<b>{int(counts.get(code, 0))}</b>"
    assert t("briefing.summary", "en", n=len(status)) in "\n".join(texts)


def test_bullet_shows_each_target_with_expected_marker(sample_store):
    briefing = build_briefing(sample_store, _view("BJ", "en"))
    status = compute_status(sample_store, AS_OF, "BJ")
    shapes = [s for s in briefing.figure.layout.shapes if s.xref == "x"]
    bars = [s for s in shapes if s.type == "rect" and s.fillcolor in STATUS_COLORS.values()]
    markers = [s for s in shapes if s.type == "line" and s.y0 != -0.5]
    assert len(bars) == status["value"].notna().sum()
    expected = sorted(round(v, 6) for v in status["expected"] / status["threshold"])
    assert sorted(round(m.x0, 6) for m in markers) == expected
    texts = annotation_texts(briefing.figure)
    for row in status.itertuples():
        assert f"<b>{locale('en').status(row.status)}</b>" in texts
        assert f"{round(row.value):,} / " in texts


def test_trajectories_follow_status_history(sample_store):
    fig = build_briefing(sample_store, _view("BJ", "zh")).figure
    history = status_history(sample_store, AS_OF, "BJ").dropna(subset=["value"])
    solid = [tr for tr in fig.data if tr.line.dash is None]  # the observed lines
    assert len(solid) == history["target"].nunique()
    assert sorted(v for tr in solid for v in tr.y) == sorted(history["value"])
    required = [tr for tr in fig.data if tr.line.dash == "dash"]
    status = compute_status(sample_store, AS_OF, "BJ")
    assert sorted(tr.y[-1] for tr in required) == sorted(status["threshold"])


def test_footnote_names_last_upload_and_generation(sample_store):
    from datetime import datetime

    now = datetime(2026, 11, 23, 9, 30)
    texts = annotation_texts(build_briefing(sample_store, _view("BJ", "en"), now=now).figure)
    last = pd.Timestamp(sample_store.batches()["created_at"].max()).strftime("%Y-%m-%d %H:%M")
    assert t("briefing.footnote.updated", "en", last=last) in texts
    assert "2026-11-23 09:30" in texts


def with_targets(catalog: Catalog) -> list[Jurisdiction]:
    """The jurisdictions a briefing has a section for: those whose plans set a number."""
    places = {catalog.plan(t.plan).jurisdiction for t in catalog.targets}
    return [j for j in catalog.jurisdictions if j.code in places]


def test_all_covers_every_jurisdiction(sample_store):
    fig = build_briefing(sample_store, _view(None, "en")).figure
    texts = annotation_texts(fig)
    catalog = load_catalog()
    for j in with_targets(catalog):
        assert f"<b>{j.name_en}</b>" in texts
    assert len([tr for tr in fig.data if tr.line.dash == "dash"]) == len(load_catalog().targets)


def test_bad_requests_raise(sample_store):
    with pytest.raises(BriefingError, match="unknown jurisdiction"):
        build_briefing(sample_store, _view("XX", "zh"))
    with pytest.raises(BriefingError, match="width"):
        build_briefing(sample_store, _view("BJ", "zh"), width=100)


def test_watermark_only_with_sample_data(sample_store, real_store):
    def watermarks(store: Store) -> list:
        fig = build_briefing(store, _view(None, "zh")).figure
        return [a for a in fig.layout.annotations if a.name == "watermark"]

    marks = watermarks(sample_store)
    assert len(marks) == len(with_targets(sample_store.catalog()))  # one per section
    assert all(a.text == "示例数据 SAMPLE DATA" for a in marks)
    assert watermarks(real_store) == []


# ---- PNG -----------------------------------------------------------------------------


def test_png_has_requested_width_and_is_not_blank(pngs, sample_store):
    img = _image(pngs["sample"])
    assert img.size == (WIDTH, build_briefing(sample_store, _view("BJ", "zh"), WIDTH).height)
    colours = img.getcolors(maxcolors=img.width * img.height)
    assert len(colours) > 200, "image looks blank: too few distinct colours"
    assert max(n for n, _ in colours) < 0.9 * img.width * img.height


def test_watermark_is_visible_in_pixels(pngs):
    """Same figures from a sample and a real upload: above the footnote they differ
    only by the watermark, drawn in a light orange tint."""
    sample, real = _image(pngs["sample"]), _image(pngs["real"])
    assert sample.size == real.size
    box = (0, 0, sample.width, int(sample.height * 0.9))  # the footnote differs anyway
    sample, real = sample.crop(box), real.crop(box)
    changed = ImageChops.difference(sample, real).convert("L").point(lambda v: 255 * (v > 0))
    n_changed = changed.histogram()[255]
    assert n_changed > 0.005 * sample.width * sample.height
    reds, _, blues = ImageStat.Stat(sample, mask=changed).mean
    assert reds > blues + 15  # orange-tinted where the watermark lies


def test_chinese_briefing_is_not_tofu(pngs, sample_db, monkeypatch, tmp_path):
    """The header title, rendered with the CJK font and with CJK fonts hidden."""
    assert DEJAVU_DIR.is_dir(), "DejaVu fonts missing: run bash scripts/setup.sh"
    title = t("briefing.title", "zh")  # 12 characters at 30 px, white on the header

    def title_ink(data: bytes) -> Image.Image:
        band = _image(data).convert("L").crop((0, 12, WIDTH, 66))
        return band.point(lambda v: 255 if v > 160 else 0)

    render.shutdown()
    monkeypatch.setenv("FONTCONFIG_FILE", str(dejavu_only_fontconfig(tmp_path)))
    s = Store.open(sample_db)
    try:
        tofu = title_ink(render_briefing(s, _view("BJ", "zh"), WIDTH))
    finally:
        s.close()
        render.shutdown()  # don't leave a CJK-less browser behind
    real = title_ink(pngs["sample"])
    left, _, right, _ = real.getbbox()
    # full-width glyphs: 12 characters span about 12 em
    assert 0.9 * len(title) * 30 <= right - left <= len(title) * 30 + 4
    differing = ImageChops.difference(real, tofu).histogram()[255]
    assert differing > 0.3 * real.histogram()[255]


def test_briefings_share_one_browser(sample_store, monkeypatch):
    render.shutdown()
    launches: list[list[str]] = []
    real_popen = subprocess.Popen

    class SpyPopen(real_popen):
        def __init__(self, args, *a, **kw):
            if "--remote-debugging-pipe" in list(args):
                launches.append(list(args))
            super().__init__(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", SpyPopen)
    for jurisdiction in ("BJ", "SH", None):
        assert render_briefing(sample_store, _view(jurisdiction, "en"), 1000)[:4] == b"\x89PNG"
    assert len(launches) == 1
    assert len(main_browser_processes()) == 1


# ---- CLI -----------------------------------------------------------------------------


def _cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kpi", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=180,
    )


def test_cli_without_chromium_fails_clearly(sample_db, tmp_path):
    out = tmp_path / "briefing.png"
    args = ("briefing", "--jurisdiction", "BJ", "--as-of", "2026-09-30", "--out", str(out))
    done = _cli(sample_db, *args, env={"KPI_CHROMIUM": "/nonexistent"})
    assert done.returncode != 0
    assert "/nonexistent" in done.stderr
    assert "chromium" in done.stderr.lower()
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_cli_writes_png_of_requested_width(sample_db, tmp_path):
    out = tmp_path / "sh.png"
    done = _cli(
        sample_db,
        "briefing",
        "--jurisdiction",
        "sh",
        "--as-of",
        "2025-12-31",
        "--lang",
        "en",
        "--out",
        str(out),
        "--width",
        "1000",
    )
    assert done.returncode == 0, done.stderr
    assert _image(out.read_bytes()).width == 1000
    assert [p.name for p in tmp_path.iterdir()] == ["sh.png"]  # no partial file left


def test_cli_rejects_unknown_jurisdiction_and_missing_folder(sample_db, tmp_path, capsys):
    args = ["--db", str(sample_db), "--lang", "en", "briefing", "--jurisdiction", "XX", "--out"]
    assert main([*args, str(tmp_path / "x.png")]) == 1
    known = ", ".join([*(j.code for j in load_catalog().jurisdictions), "all"])
    assert t("briefing.unknown_jurisdiction", "en", code="XX", known=known) in (
        capsys.readouterr().err
    )
    assert main([*args, str(tmp_path / "missing" / "x.png")]) == 1
    assert str(tmp_path / "missing") in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ---- downloads ------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://example.com","click")'


def test_table_downloads_are_formula_safe(store):
    upload = pd.DataFrame(
        {
            "jurisdiction": ["BJ"],
            "metric": ["leading_teams"],
            "period": ["2024Q1"],
            "value": [2],
            "note": [FORMULA],
        }
    ).to_csv(index=False)
    result = ingest_bytes(store, upload.encode(), "q.csv", "tester", today=TODAY)
    assert result.committed
    history = store.observation_history("BJ", "leading_teams")
    assert history["note"].iloc[0] == FORMULA  # stored as written

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(history, "history"))).active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("note") + 1)
    assert cell.data_type != "f"
    assert cell.value == "'" + FORMULA
    assert sheet.cell(row=2, column=header.index("value") + 1).value == 2  # still a number

    back = pd.read_csv(io.BytesIO(csv_bytes(history)), encoding="utf-8-sig")
    assert back["note"].iloc[0] == "'" + FORMULA


# ---- pages ----------------------------------------------------------------------------


def _app(db: Path, monkeypatch, lang: str) -> AppTest:
    monkeypatch.setenv("KPI_DB", str(db))
    return app_test(lang=lang, as_of=AS_OF.isoformat(), jurisdiction="BDA")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_page(sample_db, monkeypatch, lang):
    at = _app(sample_db, monkeypatch, lang)
    switch_page(at, "briefing")
    at.run()
    assert not at.exception
    assert t("page.briefing", lang) in [x.value for x in at.title]
    picker = labelled(at.selectbox, t("briefing.page.jurisdiction", lang))
    assert picker.value == "BDA"  # starts from the view in the URL
    images = at.get("image")
    assert len(images) == 1
    buttons = [str(b.proto) for b in at.get("download_button")]
    assert sum(t("briefing.page.download", lang) in b for b in buttons) == 1
    assert any(t("evaluation.download_docx", lang) in b for b in buttons)  # and the report


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_offers_status_table_downloads(sample_db, monkeypatch, lang):
    at = _app(sample_db, monkeypatch, lang)
    at.run()
    assert not at.exception
    labels = [str(b.proto) for b in at.get("download_button")]
    assert any(t("download.xlsx", lang) in x for x in labels)
    assert any(t("download.csv", lang) in x for x in labels)


def test_chart_png_helper_renders_a_page_chart(sample_db, monkeypatch):
    """dashboard.cache.figure_png (behind chart_png_download) gives a PNG of the asked size."""
    import plotly.graph_objects as go

    from dashboard.cache import figure_png

    monkeypatch.setenv("KPI_DB", str(sample_db))
    fig = go.Figure(go.Bar(x=["北京市", "上海市"], y=[3, 5]))
    first = figure_png(fig, 400, 300)
    assert _image(first).size == (400, 300)
    assert figure_png(fig, 400, 300) == first  # served from the cache


def test_empty_database_gives_a_no_data_briefing(store):
    fig = build_briefing(store, _view(None, "en")).figure
    texts = annotation_texts(fig)
    n_targets = len(load_catalog().targets)
    panels = [a for a in fig.layout.annotations if a.xref != "paper"]
    assert [a.text for a in panels] == [t("status.no_data", "en")] * n_targets
    assert t("briefing.footnote.no_data", "en") in texts
    assert not [a for a in fig.layout.annotations if a.name == "watermark"]
