"""The phone's stacked status list (instead of the matrix) and the uploader's texts."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.style import _uploader_css
from kpi.domain.catalog import Catalog
from kpi.i18n import t
from kpi.present import locale
from kpi.present.status_list import status_list_html


def test_status_list_worst_first_with_counts_and_names(catalog: Catalog) -> None:
    frame = pd.DataFrame(
        {
            "jurisdiction": ["SH", "BJ", "BJ", "BJ"],
            "metric": ["regional_hqs", "leading_teams", "listed_companies_new", "pilot_platforms"],
            "status": ["missed", "achieved", "off_track", "off_track"],
        }
    )
    html = status_list_html(frame, catalog, locale("zh"))
    blocks = re.findall(r"<h4>(.*?)</h4>", html)
    assert blocks == ["北京市", "上海市"]  # catalog order
    bj = html.split("<h4>")[1]
    assert bj.index("明显滞后 2") < bj.index("已完成 1")  # worst first
    names = [catalog.metric(m).name_zh for m in ("listed_companies_new", "pilot_platforms")]
    assert "、".join(names) in bj
    assert "regional_hqs" not in html and "None" not in html


def test_status_list_escapes_catalog_text(catalog: Catalog) -> None:
    hostile = catalog.model_copy(
        update={
            "metrics": tuple(
                m.model_copy(update={"name_en": "<img src=x onerror=alert(1)>"})
                if m.code == "leading_teams"
                else m
                for m in catalog.metrics
            )
        }
    )
    frame = pd.DataFrame(
        {"jurisdiction": ["BJ"], "metric": ["leading_teams"], "status": ["achieved"]}
    )
    html = status_list_html(frame, hostile, locale("en"))
    assert "<img" not in html and "&lt;img src=x" in html


def test_file_uploader_texts_in_the_language() -> None:
    css = _uploader_css(locale("zh"))
    assert f'"{t("upload.pick_file", "zh")}"' in css and "选择文件" in css
    assert "单个文件不超过 20 MB" in css
    assert "display: none" in css
