"""Beside a table's downloads, the page says when the Excel file cuts texts longer than a
cell (the cell says so too; the CSV keeps them whole), in the reader's language."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kpi.i18n import t


def _page(length: int, lang: str) -> None:
    import pandas as pd

    from dashboard.downloads import table_downloads
    from kpi.present.locale import locale

    frame = pd.DataFrame({"note": ["条" * length, "short"], "value": [1, 2]})
    table_downloads(frame, "notes", locale(lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_when_the_excel_download_cuts_a_text(lang):
    at = AppTest.from_function(_page, args=(40_000, lang)).run()
    assert not at.exception
    shown = [c.value for c in at.caption]
    assert shown == [t("download.xlsx_cut", lang, count=1, limit="32,767")]


def test_nothing_is_said_when_every_text_fits():
    at = AppTest.from_function(_page, args=(32_767, "en")).run()
    assert not at.exception and [c.value for c in at.caption] == []
