"""The one-sentence headline per jurisdiction and the worst-first order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import Catalog
from kpi.present import locale
from kpi.present.headline import headline, headlines, worst_first
from kpi.storage.store import Store
from tests.support.dataset import build_fixture_db


def frame(*rows: tuple[str, str, str, float | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["target", "jurisdiction", "status", "pace"]).assign(
        attainment=lambda f: f["pace"]
    )


SH_AFTER = frame(
    *[(f"SH-2023:a{i}", "SH", "achieved", 1.1) for i in range(2)],
    *[(f"SH-2023:m{i}", "SH", "missed", 0.5) for i in range(6)],
)


@pytest.mark.parametrize(
    ("rows", "code", "lang", "sentence"),
    [
        (SH_AFTER, "SH", "zh", "上海市 8 项目标：2 项已完成，6 项未完成"),
        (SH_AFTER, "SH", "en", "Shanghai, 8 targets: 2 achieved, 6 missed"),
        (
            frame(("BJ-2024:x", "BJ", "off_track", 0.3)),
            "BJ",
            "en",
            "Beijing, 1 target: 1 off track",
        ),
        (
            frame(
                ("BJ-2024:x", "BJ", "no_data", None),
                ("BJ-2024:y", "BJ", "at_risk", 0.7),
                ("BJ-2024:z", "BJ", "on_track", 1.0),
            ),
            "BJ",
            "zh",
            "北京市 3 项目标：1 项进度正常，1 项存在风险，1 项暂无数据",
        ),
        (SH_AFTER, "BJ", "zh", "北京市 暂无目标"),
    ],
)
def test_headline_sentence(
    rows: pd.DataFrame, code: str, lang: str, sentence: str, catalog: Catalog
) -> None:
    assert headline(rows, catalog, code, locale(lang)) == sentence


def test_headlines_follow_the_engine_for_every_jurisdiction(
    tmp_path: Path, catalog: Catalog
) -> None:
    store = Store.open(build_fixture_db(tmp_path / "kpi.duckdb"))
    try:
        status = compute_status(store, date(2025, 12, 31))
    finally:
        store.close()
    sentences = headlines(status, catalog, locale("zh"))
    with_targets = set(status["jurisdiction"])  # a jurisdiction without a target: no sentence
    assert list(sentences) == [j.code for j in catalog.jurisdictions if j.code in with_targets]
    # fixture: BJ 1 achieved, 2 on track, 1 off track, 5 without data; SH at its deadline
    assert (
        sentences["BJ"] == "北京市 9 项目标：1 项已完成，2 项进度正常，1 项明显滞后，5 项暂无数据"
    )
    assert sentences["SH"] == "上海市 8 项目标：1 项已完成，2 项未完成，5 项暂无数据"


def test_worst_first_puts_the_targets_needing_attention_on_top() -> None:
    rows = frame(
        ("a", "BJ", "achieved", 1.4),
        ("b", "BJ", "at_risk", 0.9),
        ("c", "BJ", "off_track", 0.5),
        ("d", "BJ", "at_risk", 0.7),
        ("e", "BJ", "no_data", None),
        ("f", "BJ", "missed", 0.2),
        ("g", "BJ", "on_track", 1.0),
    )
    assert list(worst_first(rows)["target"]) == ["f", "c", "d", "b", "e", "g", "a"]
