"""The upload workflow's tables in the reader's words: the report template (which
round-trips through validation), the preview, the batch history and completeness."""

from __future__ import annotations

from datetime import date

import pytest

from kpi.access.auth import User
from kpi.domain.periods import quarter_ends_between, quarter_label
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.ingest.read import parse_upload
from kpi.present import upload_tables as shown
from kpi.present.locale import locale
from tests.support.files import csv_bytes

UPLOAD_DAY = date(2025, 5, 10)  # these uploads happen on this day: 2025Q1 is closed
ADMIN = User("admin1", "admin")


def _sh_metrics(catalog) -> list[str]:
    return sorted(t_.metric for t_ in catalog.targets if t_.plan == "SH-2023")


def _commit(store, data: bytes, name: str) -> None:
    check = uploads.check_upload(store, data, name, ADMIN, UPLOAD_DAY)
    assert check.ok, check.problems
    assert uploads.commit_upload(store, check, ADMIN).ok


# ---- the report template ------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_lists_open_quarters_and_round_trips(store, catalog, fmt, lang):
    _commit(store, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    completeness = uploads.store_completeness(store, UPLOAD_DAY)
    frame = shown.template_frame(store.catalog(), "SH", completeness, locale(lang))
    headers = shown.TEMPLATE_HEADERS[lang]
    assert list(frame.columns[:6]) == headers[:6]
    metric_col, period_col, kind_col = headers[1], headers[2], headers[6]
    sh = completeness[completeness["jurisdiction"] == "SH"].set_index("metric")
    scientists = catalog.metric("top_scientist_teams")
    key = scientists.name_zh if lang == "zh" else scientists.code
    # every missing quarter of the series: 2023Q1 is in, so 2023Q2 up to 2025Q1
    periods = frame.loc[frame[metric_col] == key, period_col].tolist()
    assert periods == sh.loc["top_scientist_teams", "missing_quarters"].split(", ")
    assert periods[0] == "2023Q2" and periods[-1] == "2025Q1"
    assert len(frame) == int(sh["missing"].sum())
    library = catalog.metric("parts_library_capacity")
    library_key = library.name_zh if lang == "zh" else library.code
    assert set(frame.loc[frame[metric_col] == library_key, kind_col]) == {t("kind.level", lang)}
    if lang == "zh":  # a Chinese template reads Chinese only: headers, names, kinds
        assert set(frame[headers[0]]) == {"上海市"}
        assert not any(c in v for v in frame[kind_col] for c in "flowlevel")
    # the staff fill in the values: the file then passes validation as it is
    filled = frame.assign(**{headers[3]: range(1, len(frame) + 1)})
    data = shown.template_csv(filled) if fmt == "csv" else shown.template_xlsx(filled)
    parsed = parse_upload(data, f"t.{fmt}", store.catalog(), UPLOAD_DAY)
    assert parsed.ok, parsed.problems
    assert len(parsed.rows) == len(frame)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_for_an_ended_plan_says_so(store, catalog, lang):
    after = date(2027, 2, 1)  # every SH quarter reported, the plan ended 2025-12-31
    quarters = quarter_ends_between(date(2023, 1, 1), date(2025, 12, 31))
    rows = [("SH", m, quarter_label(q), 1) for m in _sh_metrics(catalog) for q in quarters]
    check = uploads.check_upload(store, csv_bytes(rows), "all.csv", ADMIN, after)
    assert uploads.commit_upload(store, check, ADMIN).ok
    completeness = uploads.store_completeness(store, after)
    frame = shown.template_frame(store.catalog(), "SH", completeness, locale(lang))
    assert frame.empty
    notice = shown.template_notice(store.catalog(), "SH", frame, after, locale(lang))
    plan = catalog.plan("SH-2023")
    title = plan.title_zh if lang == "zh" else plan.title_en
    assert notice == t("upload.template_plan_ended", lang, plan=title, end=plan.end)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_views_keep_canonical_columns_and_words_in_the_language(store, lang):
    """Headers are translated where drawn; the views' cells are in the reader's words."""
    _commit(store, csv_bytes([("SH", "regional_hqs", "2023Q1", 2)]), "a.csv")
    data = csv_bytes([("SH", "regional_hqs", "2023Q1", 3)])
    check = uploads.check_upload(store, data, "b.csv", ADMIN, UPLOAD_DAY)
    preview = shown.preview_table(check.diff, store.catalog(), locale(lang))
    assert list(preview.columns) == [
        "row",
        "jurisdiction",
        "metric",
        "period",
        "old",
        "new",
        "change",
        "source",
        "note",
    ]
    assert preview.loc[0, ["jurisdiction", "change"]].tolist() == [
        "上海市" if lang == "zh" else "Shanghai",
        t("change.revised", lang),
    ]
    history = shown.history_table(store.batch_history(), store.catalog(), locale(lang))
    assert list(history.columns) == [
        "batch",
        "file",
        "rows",
        "jurisdictions",
        "user",
        "time",
        "state",
        "sample",
    ]
    assert history.loc[0, "state"] == t("upload.batch_live", lang)
    frame = uploads.store_completeness(store, UPLOAD_DAY, "SH")
    view = shown.completeness_view(frame, store.catalog(), locale(lang))
    assert list(view.columns) == [*uploads.COMPLETENESS_COLUMNS, "explanation"]
    assert set(view["kind"]) <= {t("kind.flow", lang), t("kind.level", lang)}
