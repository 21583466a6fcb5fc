"""Briefing formats (poster, slides, A4), the shared axis, the source line and headline,
and the tasks section of slides and A4 (its counts as `kpi tasks` gives them), as figures
(the files Chromium renders from them: tests/integration/test_briefing_files.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kpi.assess.verdicts import compute_status
from kpi.cli.main import main
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present.documents import (
    A4_SIZE,
    SLIDE_SIZE,
    BriefingError,
    build_briefing,
)
from kpi.present.headline import headline
from kpi.present.locale import ViewState, locale
from kpi.storage.store import Store
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
from tests.support.grant_files import FIRM_A, FIRM_B
from tests.support.renders import annotation_texts
from tests.support.stores import open_store

CATALOG = load_catalog()
AS_OF = date(2026, 9, 30)
#: Jurisdictions with a target: each has a slide (one whose plans set no number has none).
N_JURISDICTIONS = len({CATALOG.plan(t.plan).jurisdiction for t in CATALOG.targets})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("formats") / "kpi.duckdb", is_sample=False)


@pytest.fixture
def store(db):
    yield from open_store(db)


def _view(jurisdiction: str | None, lang: str) -> ViewState:
    return ViewState(locale(lang), AS_OF, jurisdiction)


def test_every_plan_names_its_reporting_agency():
    # The catalog requires the Chinese name; the English one is optional (the Chinese
    # name stands in for it), so a new plan without it is not refused here either.
    for plan in CATALOG.plans:
        assert plan.reporting_agency, plan.code


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
    targeted = {t.plan for t in CATALOG.targets}
    unwrapped = overview.replace("\n", "")  # a long source line wraps
    assert all(p.reporting_agency in unwrapped for p in CATALOG.plans if p.code in targeted)
    assert "天津市人民政府办公厅" not in unwrapped  # TJ-2024 sets no number: not a source
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
        for code in set(status["jurisdiction"]):  # every jurisdiction with a target
            assert headline(status, CATALOG, code, locale("zh")) in texts


#: The jurisdictions with tasks (each gets a tasks page of its own in slides and A4).
TASK_PLACES = list(dict.fromkeys(CATALOG.plan(t.plan).jurisdiction for t in CATALOG.tasks))
#: Task statuses as a headline and the tiles tell them: done first.
TASK_ORDER = ("completed", "in_progress", "not_started", "delayed", "not_reported")


def _tasks_title(code: str, lang: str = "zh") -> str:
    place = CATALOG.jurisdiction(code)
    name = place.name_zh if lang == "zh" else place.name_en
    return t("briefing.tasks_title", lang, place=name, quarter="2026Q3")  # closed on AS_OF


def _task_pages(briefing, code: str) -> list[list[str]]:
    """The annotations of jurisdiction ``code``'s tasks pages: the one with its title, and
    those continuing its list of tasks (task lines, no other title)."""
    pages, inside = [], False
    for page in briefing.pages:
        texts = [a.text for a in page.figure.layout.annotations]
        if _squash(_tasks_title(code)) in _plain(texts):
            inside = True
        elif inside:
            heads = any(re.match(r"^(<b>)?(重点任务|措施) \d+ · ", x) for x in texts)
            inside = heads and not any("重点任务推进情况" in x for x in texts)
        if inside:
            pages.append(texts)
    return pages


def _after_targets(texts: list[str]) -> bool:
    """A page of a jurisdiction's tasks or support measures (after its target slides)."""
    plain = _plain(texts)
    heads = any(re.match(r"^(<b>)?(重点任务|措施) \d+ · ", x) for x in texts)
    return "重点任务推进情况" in plain or "政策兑现情况" in plain or heads


def test_page_layout_of_slides_and_a4(store):
    slides = build_briefing(store, _view(None, "zh"), fmt="slides")
    # the overview, a slide per jurisdiction, then its tasks' and measures' slides
    assert all(_task_pages(slides, code) for code in TASK_PLACES)
    texts = [[a.text for a in p.figure.layout.annotations] for p in slides.pages]
    after = sum(_after_targets(x) for x in texts)
    assert len(slides.pages) == 1 + N_JURISDICTIONS + after
    assert {(p.width, p.height) for p in slides.pages} == {SLIDE_SIZE}
    a4 = build_briefing(store, _view("BJ", "zh"), fmt="a4")
    assert {(p.width, p.height) for p in a4.pages} == {A4_SIZE}
    assert len(a4.pages) >= 2  # overview, then the section and its trajectories
    with pytest.raises(BriefingError, match="format"):
        build_briefing(store, _view("BJ", "zh"), fmt="poster-a3")


@pytest.fixture(scope="module")
def task_db(tmp_path_factory) -> Path:
    """The sample figures with units' progress reports for 2026Q3 (one task delayed)."""
    path = sample_figures_db(tmp_path_factory.mktemp("tasks") / "kpi.duckdb", is_sample=False)
    with Store.open(path) as store:
        add_grants(store)
    return add_task_reports(path)


def _plain(texts: list[str]) -> str:
    """The words of ``texts`` without markup and spaces (a long line wraps at a space)."""
    return _squash("".join(re.sub(r"<[^>]+>", "", x) for x in texts))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("fmt", ["slides", "a4"])
def test_tasks_section_agrees_with_kpi_tasks(task_db, capsys, fmt):
    args = ["--db", str(task_db), "tasks", "--as-of", AS_OF.isoformat(), "--format", "json"]
    assert main(args) == 0
    items = json.loads(capsys.readouterr().out)
    with Store.open(task_db) as store:
        briefing = build_briefing(store, _view(None, "zh"), fmt=fmt)
    for code in TASK_PLACES:
        pages = _task_pages(briefing, code)
        texts = [x for page in pages for x in page]
        plain = _plain(texts)
        # per plan: its task headline, then a tile per status with the count kpi tasks gives
        tiles = [
            (int(re.sub(r"\D", "", texts[k - 1])), x)
            for k, x in enumerate(texts)
            if x in {t(f"tasks.status.{s}", "zh") for s in TASK_ORDER}
            and re.fullmatch(r"<b>\d+</b>", texts[k - 1])
        ]
        plans = list(dict.fromkeys(i["plan"] for i in items if i["jurisdiction"] == code))
        assert len(tiles) == len(TASK_ORDER) * len(plans)
        for n, plan in enumerate(plans):
            counts = Counter(i["status"] for i in items if i["plan"] == plan)
            expected = [(counts[s], t(f"tasks.status.{s}", "zh")) for s in TASK_ORDER]
            assert tiles[n * len(TASK_ORDER) : (n + 1) * len(TASK_ORDER)] == expected
            parts = "，".join(
                t("tasks.headline_part", "zh", count=counts[s], status=t(f"tasks.status.{s}", "zh"))
                for s in TASK_ORDER
                if counts[s]
            )
            place = CATALOG.plan(plan).title_zh
            sentence = t(
                "tasks.headline", "zh", place=place, count=sum(counts.values()), parts=parts
            )
            assert _squash(sentence) in plain
        # the delayed and not-reported tasks, each with its lead unit; no other task
        for item in (i for i in items if i["jurisdiction"] == code):
            label = f"{t('tasks.kind.' + item['kind'], 'zh')} {item['number']} · {item['title_zh']}"
            lead = item["units"][0] if item["units"] else t("briefing.task_no_unit", "zh")
            status = t(f"tasks.status.{item['status']}", "zh")
            head = t("briefing.task_head", "zh", task=label, status=status, unit=lead)
            assert (_squash(head) in plain) == (item["status"] in ("delayed", "not_reported")), head
        attention = [
            i
            for i in items
            if i["jurisdiction"] == code and i["status"] in ("delayed", "not_reported")
        ]
        assert _squash(t("briefing.tasks_attention", "zh", n=len(attention))) in plain
    delayed = next(i for i in items if i["task"] == DELAYED_TASK)
    assert delayed["status"] == "delayed"
    beijing = _plain([x for page in _task_pages(briefing, "BJ") for x in page])
    assert _squash(t("briefing.task_progress", "zh", text=DELAYED_PROGRESS)) in beijing
    assert _squash(t("briefing.task_next_steps", "zh", text=DELAYED_NEXT)) in beijing


def test_tasks_section_in_english_and_only_for_the_jurisdiction_in_view(task_db):
    with Store.open(task_db) as store:
        briefing = build_briefing(store, _view("BDA", "en"), fmt="a4")
    texts = [a.text for p in briefing.pages for a in p.figure.layout.annotations]
    plain = _plain(texts)
    assert _squash(_tasks_title("BDA", "en")) in plain
    assert _squash(_tasks_title("BJ", "en")) not in plain
    first = next(k for k, x in enumerate(texts) if "key tasks" in x)
    k = texts.index(t("tasks.status.in_progress", "en"), first)
    assert texts[k - 1] == "<b>1</b>"  # E-Town measure 4, reported in progress


@pytest.mark.parametrize("fmt", ["slides", "a4"])
def test_support_measures_show_their_totals_and_no_beneficiary(task_db, fmt):
    with Store.open(task_db) as store:
        briefing = build_briefing(store, _view(None, "zh"), fmt=fmt)
    plain = _plain([a.text for p in briefing.pages for a in p.figure.layout.annotations])
    title = t("support.briefing_title", "zh", place=CATALOG.jurisdiction("BDA").name_zh)
    assert _squash(title) in plain
    # E-Town by hand: 3 grants to 2 beneficiaries, 23,500,000 approved, 11,500,000 paid
    assert _squash("批准 3 笔，受支持单位 2 家，批准金额 2,350万元，已拨付 1,150万元") in plain
    pilot = "措施 5 · 提高工艺放大水平：1 笔，1 家单位，批准 2,000万元，拨付 800万元"
    assert _squash(pilot) in plain
    assert not [s for s in (FIRM_A_NAME, FIRM_B_NAME, FIRM_A, FIRM_B) if s in plain]
