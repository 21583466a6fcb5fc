"""Every registered page in a real browser: `streamlit run` + headless Debian chromium.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium.
Full-page screenshots land in test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.registry import PAGES, PageSpec
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present import locale
from kpi.present.views import parent_notes
from kpi.storage.store import Store
from tests.support.browser import (
    LABEL_BOXES_JS,
    LABELS_SETTLED_JS,
    OVERFLOW_JS,
    SCREENSHOTS,
    VISIBLE_TEXT_JS,
    WAIT_MS,
    dashboard_server,
    english_words,
    missing_words,
    overlapping_labels,
    wait_for_text,
)
from tests.support.dataset import AS_OF, build_fixture_db
from tests.support.stores import PASSWORD, add_test_users

CATALOG = load_catalog()


def _parent_note(lang: str) -> str:
    return parent_notes(CATALOG, ["BJ", "BDA"], locale(lang))[0]  # E-Town inside Beijing


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free port against a fixture DB holding sample data."""
    db = build_fixture_db(tmp_path_factory.mktemp("browser") / "kpi.duckdb", sample=True)
    with Store.open(db) as store:
        add_test_users(store)
    with dashboard_server(db) as url:
        yield url


def key_texts(page: PageSpec, lang: str) -> list[str]:
    """Figures and labels each page must show for the fixture (see tests/support/dataset.py)."""
    texts = [t(page.title_key, lang), t("sample.banner", lang)]
    metric = CATALOG.metric("leading_teams")
    name = metric.name_en if lang == "en" else metric.name_zh
    by_page = {
        "overview": [t("overview.matrix", lang), locale(lang).status("off_track")],
        # the panel of leading_teams: its name, then value, goal and status
        "jurisdiction": [name, f"{t('col.value', lang)} 6 {locale(lang).unit(metric)}"],
        "compare": [_parent_note(lang), "120%"],
        "target": [CATALOG.target("BJ-2024:leading_teams").text_zh, "京科发〔2024〕14号"],
        "tasks": [t("tasks.list", lang), t("tasks.status.not_reported", lang)],
        "support": [t("support.measures", lang), t("support.restricted", lang)],
    }
    return texts + by_page.get(page.key, [])


VIEWPORTS = {"desktop": (1440, 1000), "phone": (390, 844)}
#: Pages whose charts must have no intersecting labels (at both widths).
CHART_PAGES = frozenset({"overview", "compare", "jurisdiction"})


def _draw_everything(tab, width: int) -> None:
    """Streamlit scrolls inside its main container and draws charts when they come into
    view: grow the viewport to the page's height and wait for every chart's SVG."""
    height = tab.evaluate(
        "() => Math.max(document.body.scrollHeight,"
        " document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0)"
    )
    tab.set_viewport_size({"width": width, "height": min(int(height) + 40, 16_000)})
    if not tab.locator(".stPlotlyChart").count():
        return
    tab.wait_for_function(
        "() => [...document.querySelectorAll('.stPlotlyChart')]"
        ".filter(c => c.getClientRects().length > 0)"
        ".every(c => c.querySelector('.main-svg'))",
        timeout=60_000,
    )
    assert tab.evaluate(LABELS_SETTLED_JS, [300, 10_000]), "chart labels still moving after 10 s"


def _open(tab, server: str, page: PageSpec, lang: str) -> None:
    query = f"lang={lang}&as_of={AS_OF.isoformat()}"
    if page.key == "target":
        query += "&target=BJ-2024:leading_teams"
    tab.goto(f"{server}/{'' if page.default else page.key}?{query}")
    tab.get_by_role("heading", name=t(page.title_key, lang)).first.wait_for(timeout=WAIT_MS)


def _shoot_and_check(tab, name: str, lang: str, width: int, charts: bool) -> list[str]:
    """Screenshot the whole page, then every rule it breaks as readable lines."""
    tab.wait_for_load_state("networkidle")
    _draw_everything(tab, width)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{width}.png"), full_page=True)
    problems = []
    if tab.locator('[data-testid="stException"]').count():
        problems.append(f"{name}: exception on the page")
    texts = tab.evaluate(VISIBLE_TEXT_JS)
    problems += [f"{name}: shows {x!r}" for x in missing_words(texts)]
    if lang == "zh":
        problems += [f"{name}: English {x}" for x in english_words(texts)]
    if charts:
        boxes = tab.evaluate(LABEL_BOXES_JS)
        problems += [f"{name}: {x}" for x in overlapping_labels(boxes)]
    tab.set_viewport_size({"width": width, "height": VIEWPORTS["phone"][1]})
    overflow = tab.evaluate(OVERFLOW_JS)
    if overflow > 0:
        problems.append(f"{name}: {overflow} px wider than the {width} px window")
    return problems


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_the_browser(server: str, browser, lang: str, viewport: str) -> None:
    """Every page at 1440 px and on a 390 x 844 phone: key figures shown, no exception,
    no None/nan, no English in the Chinese view, no overlapping chart labels, no
    horizontal scrolling; a full-page screenshot of each lands in test-artifacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    tab = context.new_page()
    problems: list[str] = []
    try:
        # Non-default pages first: a server's very first request must also go through
        # app.py (sidebar, banner), which Streamlit's first run does not do by itself.
        for page in sorted(PAGES, key=lambda p: p.default):
            _open(tab, server, page, lang)
            for text in key_texts(page, lang):
                wait_for_text(tab, text)
            problems += _shoot_and_check(tab, page.key, lang, width, page.key in CHART_PAGES)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _sign_in(tab, lang: str, name: str = "admin1") -> None:
    tab.get_by_label(t("auth.name", lang), exact=True).fill(name)
    tab.get_by_label(t("auth.password", lang), exact=True).fill(PASSWORD)
    tab.get_by_role("button", name=t("auth.sign_in", lang)).click()
    wait_for_text(tab, t("auth.sign_out", lang))


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_signed_in_pages_in_the_browser(
    server: str, browser, lang: str, viewport: str, tmp_path: Path
) -> None:
    """The admin's pages by the same rules: upload with a rejected file (its error
    report) and with an accepted one (its preview), and account management."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    tab = context.new_page()
    pages = {p.key: p for p in PAGES}
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("jurisdiction,metric,value\nSH,nonsense,abc\n", encoding="utf-8")
    good.write_text(
        "jurisdiction,metric,period,value\nSH,parts_library_capacity,2024Q4,750000\n"
        "BJ,leading_teams,2025Q3,1\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    try:
        _open(tab, server, pages["upload"], lang)
        _sign_in(tab, lang)
        picker = tab.locator('[data-testid="stFileUploaderDropzoneInput"]').first
        for file, state, shown in (
            (bad, "rejected", t("col.problem", lang)),
            (good, "preview", t("upload.preview", lang)),
        ):
            picker.set_input_files(str(file))
            wait_for_text(tab, shown)
            problems += _shoot_and_check(tab, f"upload-{state}", lang, width, charts=False)
        _open(tab, server, pages["accounts"], lang)
        _sign_in(tab, lang)
        wait_for_text(tab, t("accounts.list", lang))
        problems += _shoot_and_check(tab, "accounts-admin", lang, width, charts=False)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_choices_follow_the_user_across_pages(server: str, browser) -> None:
    """Switching language and jurisdiction in the sidebar survives page navigation and
    lands in the URL, so the link reproduces the view."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()
    try:
        tab.goto(f"{server}/?as_of={AS_OF.isoformat()}")
        tab.get_by_role("heading", name=t("page.overview", "zh")).first.wait_for()
        tab.get_by_text("English", exact=True).click()
        tab.get_by_role("heading", name=t("page.overview", "en")).first.wait_for()
        sidebar = tab.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(t("page.compare", "en"), exact=True).click()
        wait_for_text(tab, _parent_note("en"), timeout=30_000)
        tab.wait_for_function("() => location.search.includes('lang=en')", timeout=10_000)
        assert "as_of=2025-12-31" in tab.url and "/compare" in tab.url
        shared = tab.url
        other = context.new_page()
        other.goto(shared)
        wait_for_text(other, _parent_note("en"), timeout=30_000)
        assert other.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
