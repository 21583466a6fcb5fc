"""Every registered page in a real browser: `streamlit run` + headless Debian chromium.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium.
Full-page screenshots land in test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.servers import free_port, start_streamlit, stop, wait_healthy
from kpi.catalog import load_catalog
from kpi.i18n import t
from kpi.present import locale
from pages.registry import PAGES, PageSpec
from tests.pages_fixture import AS_OF, build_fixture_db

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
START_TIMEOUT_S = 60
CATALOG = load_catalog()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free port against a fixture DB holding sample data."""
    db = build_fixture_db(tmp_path_factory.mktemp("browser") / "kpi.duckdb", sample=True)
    port = free_port()
    proc = start_streamlit(str(db), port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, START_TIMEOUT_S)
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def key_texts(page: PageSpec, lang: str) -> list[str]:
    """Figures and labels each page must show for the fixture (see tests/pages_fixture)."""
    texts = [t(page.title_key, lang), t("sample.banner", lang)]
    metric = CATALOG.metric("leading_teams")
    name = metric.name_en if lang == "en" else metric.name_zh
    by_page = {
        "overview": [t("overview.matrix", lang), locale(lang).status("off_track")],
        "jurisdiction": [name, f"6 · {locale(lang).status('achieved')}"],
        "compare": [t("compare.bda_note", lang), "120%"],
        "target": [CATALOG.target("BJ-2024:leading_teams").text_zh, "京科发〔2024〕14号"],
    }
    return texts + by_page.get(page.key, [])


def _full_page_screenshot(tab, path: Path) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to fit it first."""
    height = tab.evaluate(
        "() => Math.max(document.body.scrollHeight,"
        " document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 0)"
    )
    tab.set_viewport_size({"width": 1440, "height": min(int(height) + 40, 12_000)})
    tab.wait_for_timeout(500)
    tab.screenshot(path=str(path), full_page=True)
    tab.set_viewport_size({"width": 1440, "height": 1000})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_the_browser(server: str, browser, lang: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    try:
        # Non-default pages first: a server's very first request must also go through
        # app.py (sidebar, banner), which Streamlit's first run does not do by itself.
        for page in sorted(PAGES, key=lambda p: p.default):
            query = f"lang={lang}&as_of={AS_OF.isoformat()}"
            if page.key == "target":
                query += "&target=BJ-2024:leading_teams"
            tab.goto(f"{server}/{'' if page.default else page.key}?{query}")
            tab.get_by_role("heading", name=t(page.title_key, lang)).first.wait_for(timeout=30_000)
            for text in key_texts(page, lang):
                tab.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
            tab.wait_for_load_state("networkidle")
            tab.wait_for_timeout(800)  # let plotly finish drawing before the screenshot
            _full_page_screenshot(tab, SCREENSHOTS / f"{page.key}-{lang}.png")
            assert tab.locator('[data-testid="stException"]').count() == 0, page.key
    finally:
        context.close()


def test_choices_follow_the_user_across_pages(server: str, browser) -> None:
    """Switching language and jurisdiction in the sidebar survives page navigation and
    lands in the URL, so the link reproduces the view."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    tab = context.new_page()
    try:
        tab.goto(f"{server}/?as_of={AS_OF.isoformat()}")
        tab.get_by_role("heading", name=t("page.overview", "zh")).first.wait_for(timeout=30_000)
        tab.get_by_text("English", exact=True).click()
        tab.get_by_role("heading", name=t("page.overview", "en")).first.wait_for(timeout=30_000)
        sidebar = tab.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text(t("page.compare", "en"), exact=True).click()
        tab.get_by_text(t("compare.bda_note", "en")).first.wait_for(timeout=30_000)
        tab.wait_for_function("() => location.search.includes('lang=en')", timeout=10_000)
        assert "as_of=2025-12-31" in tab.url and "/compare" in tab.url
        shared = tab.url
        other = context.new_page()
        other.goto(shared)
        other.get_by_text(t("compare.bda_note", "en")).first.wait_for(timeout=30_000)
        assert other.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
