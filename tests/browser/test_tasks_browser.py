"""The Tasks page (任务督办) in a real browser at 1440 px and on a 390 px phone, in both
languages, by plan (the headline per jurisdiction) and by unit (a unit picked, its lead
tasks), the reported delay counted in the headline, no exception, no None/nan, no English
in the Chinese view, no horizontal scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kpi.access.auth import User
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.storage.store import Store
from tests.support.browser import (
    OVERFLOW_JS,
    SCREENSHOTS,
    VISIBLE_TEXT_JS,
    dashboard_server,
    english_words,
    missing_words,
    wait_for_text,
)
from tests.support.dataset import AS_OF, build_fixture_db
from tests.support.files import csv_bytes

VIEWPORTS = {"desktop": (1440, 1000), "phone": (390, 844)}
HEADER = ("任务", "期间", "进展状态", "进展情况", "下一步工作", "佐证材料")
NARRATIVE = "京津冀共建园区签约推迟"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture DB with one progress report: Beijing task 8 delayed in 2025Q4."""
    db = build_fixture_db(tmp_path_factory.mktemp("tasks") / "kpi.duckdb", sample=True)
    with Store.open(db) as store:
        rows = [
            ("BJ-2024.T8", "2025Q4", "滞后", NARRATIVE, "2026年一季度签约", "京经信函〔2025〕8号")
        ]
        check = uploads.check_upload(
            store, csv_bytes(rows, HEADER), "p.csv", User("a", "admin"), AS_OF
        )
        assert check.ok, check.problems
        assert uploads.commit_upload(store, check, User("a", "admin")).ok
    with dashboard_server(db) as url:
        yield url


def _check(tab, name: str, lang: str, width: int) -> list[str]:
    tab.wait_for_load_state("networkidle")
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{width}.png"), full_page=True)
    problems = []
    if tab.locator('[data-testid="stException"]').count():
        problems.append(f"{name}: exception on the page")
    texts = tab.evaluate(VISIBLE_TEXT_JS)
    problems += [f"{name}: shows {x!r}" for x in missing_words(texts)]
    if lang == "zh":
        problems += [f"{name}: English {x}" for x in english_words(texts)]
    overflow = tab.evaluate(OVERFLOW_JS)
    if overflow > 0:
        problems.append(f"{name}: {overflow} px wider than the {width} px window")
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tasks_page_in_the_browser(server: str, browser, lang: str, viewport: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    tab = context.new_page()
    problems: list[str] = []
    try:
        tab.goto(f"{server}/tasks?lang={lang}&as_of=2026-01-15")
        wait_for_text(tab, t("tasks.list", lang))
        place = "北京市" if lang == "zh" else "Beijing"
        parts = ("，" if lang == "zh" else ", ").join(
            t("tasks.headline_part", lang, count=n, status=t(f"tasks.status.{s}", lang))
            for n, s in ((1, "delayed"), (23, "not_reported"))  # task 8 reported delayed
        )
        sentence = t("tasks.headline", lang, place=place, count=24, parts=parts)
        wait_for_text(tab, sentence)
        problems += _check(tab, "tasks-plan", lang, width)
        tab.get_by_text(t("tasks.view.unit", lang), exact=True).first.click()
        first_lead = t("tasks.lead_tasks", lang, count=17)  # 市科委中关村管委会 comes first
        wait_for_text(tab, first_lead)
        box = tab.locator("[data-testid=stSelectbox]", has_text=t("tasks.choose_unit", lang))
        box.first.click()
        unit = "市经济和信息化局" if lang == "zh" else "Municipal Bureau of Economy"
        tab.get_by_role("option", name=unit).first.click()
        wait_for_text(tab, t("tasks.lead_tasks", lang, count=2))
        problems += _check(tab, "tasks-unit", lang, width)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
