"""The Support page (政策兑现) in a real browser: a viewer account sees the measures' totals
and counts but no beneficiary's name or credit code, on the page (at 1440 px and on a
390 px phone, with the rules of the other pages: no exception, no None/nan, no English in
the Chinese view, no horizontal scrolling) or in the CSV it downloads; a finance account
of the measures' jurisdiction sees the beneficiaries and downloads them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kpi.access import auth
from kpi.i18n import t
from kpi.storage.store import Store
from tests.support.browser import (
    OVERFLOW_JS,
    SCREENSHOTS,
    VISIBLE_TEXT_JS,
    WAIT_MS,
    dashboard_server,
    english_words,
    missing_words,
    wait_for_text,
)
from tests.support.dataset import FIRM_A_NAME, FIRM_B_NAME, add_grants, build_fixture_db
from tests.support.grant_files import FIRM_A, FIRM_B
from tests.support.stores import PASSWORD

VIEWPORTS = {"desktop": (1440, 1000), "phone": (390, 844)}
SECRETS = (FIRM_A_NAME, FIRM_B_NAME, FIRM_A, FIRM_B)
URL = "/support?lang=zh&as_of=2026-09-30"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture DB with the hand-counted grants, a viewer and an E-Town finance officer."""
    db = build_fixture_db(tmp_path_factory.mktemp("support") / "kpi.duckdb", sample=True)
    with Store.open(db) as store:
        add_grants(store)
        auth.add_user(store, "viewer1", "viewer", PASSWORD, [], "test")
        auth.add_user(store, "fin_bda", "finance", PASSWORD, ["BDA"], "test")
    with dashboard_server(db) as url:
        yield url


def _signed_in(tab, server: str, name: str, role: str) -> None:
    tab.goto(server + URL)
    wait_for_text(tab, t("support.measures", "zh"), exact=True)
    tab.get_by_label(t("auth.name", "zh")).fill(name)
    tab.get_by_label(t("auth.password", "zh")).fill(PASSWORD)
    tab.get_by_role("button", name=t("auth.sign_in", "zh")).click()
    line = t("auth.signed_in_as", "zh", name=name, role=t(f"role.{role}", "zh"))
    wait_for_text(tab, line)
    tab.wait_for_load_state("networkidle")


def _downloads(tab) -> list[str]:
    """The CSV files the page offers, downloaded in order, as text."""
    out = []
    buttons = tab.get_by_role("button", name=t("download.csv", "zh"))
    for k in range(buttons.count()):
        with tab.expect_download(timeout=WAIT_MS) as info:
            buttons.nth(k).click()
        out.append(Path(info.value.path()).read_text(encoding="utf-8-sig"))
    return out


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_viewer_sees_no_beneficiary_on_the_page_or_in_its_download(server, browser, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True
    )
    tab = context.new_page()
    problems: list[str] = []
    try:
        _signed_in(tab, server, "viewer1", "viewer")
        notice = t("support.restricted", "zh")
        wait_for_text(tab, notice)
        tab.screenshot(path=str(SCREENSHOTS / f"support-viewer-zh-{width}.png"), full_page=True)
        if tab.locator('[data-testid="stException"]').count():
            problems.append("exception on the page")
        texts = tab.evaluate(VISIBLE_TEXT_JS)
        problems += [f"shows {x!r}" for x in missing_words(texts)]
        problems += [f"English {x}" for x in english_words(texts)]
        overflow = tab.evaluate(OVERFLOW_JS)
        if overflow > 0:
            problems.append(f"{overflow} px wider than the {width} px window")
        assert notice in "".join(texts)
        html = tab.content()  # not even hidden in the page
        problems += [f"the page holds {s!r}" for s in SECRETS if s in html]
        files = _downloads(tab)
        assert len(files) == 1  # the measures' totals only: no beneficiaries to download
        assert "20000000" in files[0]  # the pilot-platform grant's approved amount
        problems += [f"the download holds {s!r}" for s in SECRETS for f in files if s in f]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_finance_account_sees_and_downloads_its_beneficiaries(server, browser):
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="zh-CN", accept_downloads=True
    )
    tab = context.new_page()
    try:
        _signed_in(tab, server, "fin_bda", "finance")
        wait_for_text(tab, FIRM_A_NAME)
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(SCREENSHOTS / "support-finance-zh-1440.png"), full_page=True)
        assert not tab.locator('[data-testid="stException"]').count()
        texts = "\n".join(tab.evaluate(VISIBLE_TEXT_JS))
        assert FIRM_A_NAME in texts  # the picked beneficiary, in words on the page
        # the beneficiaries' grid draws on a canvas; its cells are in the page's HTML
        tab.wait_for_function(
            "name => document.documentElement.innerHTML.includes(name)",
            arg=FIRM_B_NAME,
            timeout=WAIT_MS,
        )
        assert not english_words(tab.evaluate(VISIBLE_TEXT_JS))
        files = _downloads(tab)
        people = [f for f in files if FIRM_A in f]
        assert people and FIRM_A_NAME in people[0] and FIRM_B_NAME in people[0]
    finally:
        context.close()
