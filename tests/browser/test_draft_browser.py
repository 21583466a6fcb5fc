"""The drafting page in Chromium: sign in, paste a plan, see the marked sentences and the
drafted rows, install; at desktop and phone widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kpi.access import auth
from kpi.i18n import t
from kpi.storage.store import Store
from tests.support.browser import SCREENSHOTS, WAIT_MS, dashboard_server, wait_for_text
from tests.support.files import NEW_CITY
from tests.support.stores import PASSWORD


@pytest.fixture(scope="module")
def drafting_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server with an admin account whose installs save texts in a temporary folder."""
    folder = tmp_path_factory.mktemp("draft-browser")
    store = Store.open(folder / "kpi.duckdb")
    auth.add_user(store, "admin1", "admin", PASSWORD, [], "test")
    store.close()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KPI_POLICY_DIR", str(folder / "policy"))  # the server inherits it
        with dashboard_server(folder / "kpi.duckdb") as url:
            yield url, folder


@pytest.mark.parametrize(("lang", "width"), [("zh", 1440), ("en", 390)])
def test_draft_and_install_in_the_browser(drafting_server, browser, lang, width):
    url, folder = drafting_server
    context = browser.new_context(viewport={"width": width, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()
    try:
        tab.goto(f"{url}/draft?lang={lang}")
        tab.get_by_role("heading", name=t("page.draft", lang)).first.wait_for()
        tab.get_by_label(t("auth.name", lang)).fill("admin1")
        tab.locator("input[type=password]").fill(PASSWORD)
        tab.locator("input[type=password]").press("Enter")
        paste = tab.get_by_label(t("draft.paste", lang))
        paste.wait_for()
        # each run adds a jurisdiction and a metric; the catalog wants their names distinct
        paste.fill(NEW_CITY.replace("中试", f"中试{width}").replace("成都", f"成都{width}"))
        paste.press("Control+Enter")
        tab.get_by_role("heading", name=t("draft.items", lang)).wait_for()
        tab.get_by_label(t("draft.jurisdiction", lang)).fill(f"G{width}")
        tab.get_by_label(t("draft.jurisdiction", lang)).press("Enter")
        wait_for_text(tab, f'code = "G{width}-2025"', timeout=None)
        tab.get_by_label(t("draft.reporting_agency", lang), exact=True).fill("广州市科学技术局")
        tab.get_by_label(t("draft.reporting_agency", lang), exact=True).press("Enter")
        wait_for_text(tab, 'reporting_agency = "广州市科学技术局"', timeout=None)
        tab.get_by_text(t("draft.in_context", lang)).click()
        marks = tab.locator("mark")
        marks.first.wait_for()
        assert marks.all_inner_texts() == [
            "引育不少于8个合成生物学领军团队",
            "新增3至5家合成生物制造上市企业",
            f"建设2个左右<中试{width}>基地",
        ]
        tab.set_viewport_size({"width": width, "height": 4000})
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"draft-{lang}-{width}.png"), full_page=True)
        tab.get_by_role("button", name=t("draft.install", lang)).click()
        source = f"g{width}-2025.txt"
        tab.get_by_text(
            t("draft.installed", lang, version=2 if width == 1440 else 3, source=source)
        ).wait_for()
        assert (folder / "policy" / source).is_file()
        assert tab.locator('[data-testid="stException"]').count() == 0
        # nothing on the page is wider than the phone screen but the tables, which scroll
        overflow = tab.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= width + 1
    finally:
        context.close()
