"""The officials' status table: numbers stay numbers (sorting), their text is ours."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import load_catalog
from kpi.present import locale, tables
from kpi.storage.store import Store
from tests.support.dataset import AS_OF, build_fixture_db

CATALOG = load_catalog()


@pytest.fixture(scope="module")
def status(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    store = Store.open(build_fixture_db(tmp_path_factory.mktemp("tables") / "kpi.duckdb"))
    try:
        return compute_status(store, AS_OF, "BJ")
    finally:
        store.close()


def _with_values(status: pd.DataFrame, values: list[float | None]) -> pd.DataFrame:
    """The fixture's BJ rows, the first ones given these values (all 'on track')."""
    frame = status.head(len(values)).copy()
    frame["value"] = values
    frame["status"] = "on_track"
    frame["pace"] = [None if v is None else v / 10_000 for v in values]
    return frame


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_values_sort_as_numbers_not_as_text(status: pd.DataFrame, lang: str) -> None:
    values = [9.0, 10.0, 9000.0, 12_000.0, 2.7, None]
    shown = tables.status_view(_with_values(status, values), CATALOG, locale(lang))
    assert pd.api.types.is_float_dtype(shown["value"])
    ordered = shown.sort_values("value", na_position="last")["value"].tolist()
    assert ordered[:5] == [3.0, 9.0, 10.0, 9000.0, 12_000.0]  # 2.7 firms: a whole 3
    assert pd.isna(ordered[5])
    pace = shown["pace"]
    assert pace.sort_values().dropna().tolist() == sorted(v / 10_000 for v in values if v)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", ["9", "10", "9,000", "1.2万", "3", "—"]),
        ("en", ["9", "10", "9,000", "12,000", "3", "—"]),
    ],
)
def test_cells_read_in_the_projects_number_format(
    status: pd.DataFrame, lang: str, expected: list[str]
) -> None:
    values = [9.0, 10.0, 9000.0, 12_000.0, 2.7, None]
    shown = tables.status_view(_with_values(status, values), CATALOG, locale(lang))
    cells = _cells(tables.styled(shown, locale(lang)))
    by_value = dict(zip(shown["value"].fillna(-1), cells["value"], strict=True))
    assert [by_value[v] for v in (9, 10, 9000, 12_000, 3, -1)] == expected
    assert dict(zip(shown["value"].fillna(-1), cells["pace"], strict=True))[12_000] == "120%"
    assert not cells.isin(["nan", "None", "NaN"]).any().any()


def _cells(styled) -> pd.DataFrame:
    """Every cell as the Styler writes it (what Streamlit sends as display values)."""
    text = styled.hide(axis="index").to_string(delimiter="\t")
    return pd.read_csv(io.StringIO(text), sep="\t", dtype=str, keep_default_na=False)
