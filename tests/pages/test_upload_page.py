"""The Upload page in AppTest, in both languages: sign-in, preview, commit, warnings,
rights, revert, catalog install, templates; and the sign-in gate of app.py."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.login import AUTH_KEY
from kpi.access.auth import User
from kpi.access.signin import ACCOUNT_FAILURES
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.present.locale import locale
from kpi.present.upload_tables import batch_label
from tests.support.files import csv_bytes
from tests.support.pages import (
    app_test,
    column_headings,
    labelled,
    shown_text,
    sign_in,
    table_under,
    upload,
    upload_page,
)
from tests.support.stores import PASSWORD, ingest_rows
from tests.unit.ingest.test_hidden_cells import ROWS, workbook
from tests.unit.ingest.test_warnings import SERIES, snapshot

LANGS = ["zh", "en"]


UPLOAD_DAY = date(2025, 5, 10)  # earlier uploads happen on this day: 2025Q1 is closed
ADMIN = User("admin1", "admin")


def _commit(store, data: bytes, name: str) -> int:
    """A file the admin committed before the page opens: its batch id."""
    check = uploads.check_upload(store, data, name, ADMIN, UPLOAD_DAY)
    assert check.ok, check.problems
    done = uploads.commit_upload(store, check, ADMIN).value
    assert done is not None and done.committed and not done.duplicate
    return done.batch_id


def _metrics(at) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


@pytest.mark.parametrize("lang", LANGS)
def test_page_sign_in_preview_commit(app_db, lang):
    first = csv_bytes(
        [("SH", "top_scientist_teams", "2023Q1", 1), ("SH", "regional_hqs", "2023Q1", 2)]
    )
    _commit(app_db, first, "first.csv")
    at = sign_in(upload_page(lang), "editor_sh")
    assert not at.exception
    assert t("auth.signed_in_as", lang, name="editor_sh", role=t("role.editor", lang)) in [
        c.value for c in at.caption
    ]
    data = csv_bytes(
        [
            ("SH", "top_scientist_teams", "2023Q1", 1),
            ("SH", "regional_hqs", "2023Q1", 5),
            ("SH", "regional_hqs", "2023Q2", 4),
        ]
    )
    at = upload(at, data, "second.csv")
    assert _metrics(at) == {
        t("change.new", lang): 1,
        t("change.revised", lang): 1,
        t("change.unchanged", lang): 1,
    }
    preview = table_under(at, t("upload.preview", lang)).value
    assert set(preview["jurisdiction"]) == {"上海市" if lang == "zh" else "Shanghai"}
    assert "regional_hqs" not in preview["metric"].tolist()  # names, not codes
    assert preview["note"].tolist() == ["", "", ""]  # not "None"
    assert preview["change"].tolist() == [
        t("change.unchanged", lang),
        t("change.revised", lang),
        t("change.new", lang),
    ]
    at = at.button(key="commit").click().run()
    assert [s.value for s in at.success] == [t("outcome.committed", lang, batch=2, rows=3)]
    # the stale preview and its Commit button are gone; the file picker is empty again
    assert "commit" not in [b.key for b in at.button] and len(at.metric) == 0
    assert labelled(at.file_uploader, t("upload.file", lang)).value is None
    history = table_under(at, t("upload.history", lang)).value
    assert history["file"].tolist()[0] == "second.csv"
    assert history["user"].tolist()[0] == "editor_sh"
    batches = app_db.batches()
    assert batches["user_name"].tolist() == ["admin1", "editor_sh"]
    assert app_db.current_observations("SH").set_index("metric").loc["regional_hqs"][
        "value"
    ].tolist() == [5.0, 4.0]


@pytest.mark.parametrize("lang", LANGS)
def test_page_bad_file_shows_row_level_table_and_writes_nothing(app_db, lang):
    at = sign_in(upload_page(lang), "editor_sh")
    bad = csv_bytes(
        [("SH", "top_scientist_teams", "2023Q1", "abc"), ("SH", "nonsense", "2023Q9", 1)]
    )
    at = upload(at, bad)
    assert [e.value for e in at.error] == [t("outcome.rejected", lang, count=3)]
    table = table_under(at, t("upload.file", lang)).value
    row_col, column_col, problem_col = table.columns
    assert table[row_col].tolist() == [2, 3, 3]
    assert table[column_col].tolist() == ["value", "metric", "period"]
    assert t("problem.non_numeric", lang, value="abc") in table[problem_col].tolist()
    assert t("problem.unknown_metric", lang, value="nonsense") in table[problem_col].tolist()
    assert "commit" not in [b.key for b in at.button]
    assert app_db.batches().empty


@pytest.mark.parametrize("lang", LANGS)
def test_page_editor_cannot_commit_other_jurisdiction(app_db, lang):
    at = sign_in(upload_page(lang), "editor_sh")
    at = upload(
        at,
        csv_bytes(
            [("SH", "top_scientist_teams", "2023Q1", 1), ("BJ", "leading_teams", "2024Q1", 1)]
        ),
    )
    table = table_under(at, t("upload.file", lang)).value
    message = t("problem.not_assigned", lang, value="BJ", allowed="SH")
    assert table.iloc[:, 0].tolist() == [3] and table.iloc[:, 2].tolist() == [message]
    assert "commit" not in [b.key for b in at.button]
    assert app_db.batches().empty


@pytest.mark.parametrize("lang", LANGS)
def test_page_viewer_cannot_upload(app_db, lang):
    at = sign_in(upload_page(lang), "viewer1")
    assert [i.value for i in at.info] == [t("auth.viewer_cannot_upload", lang)]
    assert len(at.file_uploader) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_page_wrong_password(app_db, lang):
    at = sign_in(upload_page(lang), "editor_sh", "wrong password")
    assert [e.value for e in at.error] == [t("auth.failed", lang)]
    assert len(at.file_uploader) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_page_admin_reverts(app_db, lang):
    batch = _commit(app_db, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    at = sign_in(upload_page(lang), "admin1")
    picker = at.selectbox(key="revert_batch")
    label = batch_label(app_db.batch_history().iloc[0], locale(lang))
    assert picker.options == [label] and "a.csv" in label and "admin1" in label
    at = picker.select(batch).run()
    at = at.button(key="revert").click().run()
    # a first click only asks: nothing reverted yet
    assert t("upload.revert_confirm", lang, batch=label) in [w.value for w in at.warning]
    assert app_db.batches()["reverted_at"].isna().all()
    at = at.button(key="revert_no").click().run()
    assert "revert_yes" not in [b.key for b in at.button]
    at = at.button(key="revert").click().run()
    at = at.button(key="revert_yes").click().run()
    assert not at.exception
    assert app_db.batches().loc[0, "reverted_by"] == "admin1"
    assert app_db.current_observations("SH").empty
    done = t("upload.reverted", lang, batch=label)
    assert [s.value for s in at.success] == [done]
    assert [s.value for s in at.run().success] == [done]  # the message stays
    state = table_under(at, t("upload.history", lang)).value["state"].iloc[0]
    assert "admin1" in state and state != t("upload.batch_live", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_page_reupload_of_a_committed_file_says_so(app_db, lang):
    data = csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)])
    batch = _commit(app_db, data, "a.csv")
    # a later batch changes the same quarter: the preview would read "1 revised"
    _commit(app_db, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 2)]), "b.csv")
    at = upload(sign_in(upload_page(lang), "editor_sh"), data, "a-again.csv")
    first = app_db.batch_history().set_index("id").loc[batch].to_dict() | {"id": batch}
    message = t("upload.already_committed", lang, batch=batch_label(first, locale(lang)))
    assert [i.value for i in at.info] == [message]
    assert len(at.metric) == 0 and "commit" not in [b.key for b in at.button]
    assert len(app_db.batches()) == 2


def test_page_editor_sees_no_revert_and_completeness_is_shown(app_db):
    _commit(app_db, csv_bytes([("SH", "top_scientist_teams", "2023Q1", 1)]), "a.csv")
    at = sign_in(upload_page("en"), "editor_sh")
    assert "revert" not in [b.key for b in at.button]
    completeness = table_under(at, t("upload.completeness", "en"))
    assert {"jurisdiction", "missing_quarters", "next_due"} <= set(completeness.value.columns)
    assert column_headings(completeness)["next_due"] == t("col.next_due", "en")
    assert len(completeness.value) == len(uploads.store_completeness(app_db, date.today()))


def test_page_admin_bad_catalog_shows_errors_and_changes_nothing(app_db):
    at = sign_in(upload_page("en"), "admin1")
    at.file_uploader(key="catalog_file").set_value(("c.toml", b"not = [toml", "text/plain"))
    at = at.run()
    at = at.button(key="catalog_install").click().run()
    assert [e.value for e in at.error] == [t("upload.catalog_rejected", "en")]
    problems = table_under(at, t("upload.catalog", "en"))
    assert "not valid TOML" in problems.value["problem"].iloc[0]
    assert problems.value["row"].iloc[0] == 1  # the TOML line, in the row column
    assert column_headings(problems)["problem"] == t("col.problem", "en")
    assert app_db.catalog_version() == 1


def test_login_gate_when_viewing_needs_sign_in(app_db, monkeypatch):
    """With KPI_REQUIRE_LOGIN app.py shows only the sign-in form until a user is signed in."""
    monkeypatch.setenv("KPI_REQUIRE_LOGIN", "1")
    at = app_test(timeout=60, lang="en").run()
    assert [x.value for x in at.title] == [] and len(at.dataframe) == 0
    assert [w.label for w in at.text_input] == [t("auth.name", "en"), t("auth.password", "en")]

    signed = sign_in(at, "viewer1")
    assert not signed.exception
    assert [x.value for x in signed.title] == [t("page.overview", "en")]
    assert signed.session_state[AUTH_KEY] == "viewer1"
    assert len(signed.dataframe) >= 1


def test_template_download_is_offered(app_db):
    at = sign_in(upload_page("en"), "editor_sh")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [t("upload.template_csv", "en"), t("upload.template_xlsx", "en")]


def test_the_page_answers_a_locked_account_in_the_users_language(app_db):
    at = upload_page("en")
    for _ in range(ACCOUNT_FAILURES):
        at = sign_in(at, "admin1", "wrong password")
    assert t("auth.failed", "en") in shown_text(at)
    at = sign_in(at, "admin1", PASSWORD)
    assert t("auth.locked", "en", minutes=15) in shown_text(at)
    assert not any("Signed in as" in text for text in shown_text(at))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_shows_warnings_and_commits_only_when_confirmed(app_db, lang):
    ingest_rows(app_db, SERIES)
    before = snapshot(app_db)
    at = sign_in(upload_page(lang), "editor_sh")
    at = upload(at, csv_bytes([("SH", "parts_library_capacity", "2025Q3", "912")]))
    assert [w.value for w in at.warning] == [t("upload.warnings", lang, count=1)]
    assert at.button(key="commit").disabled
    assert snapshot(app_db) == before
    at = at.checkbox(key="accept_warnings").check().run()
    assert not at.button(key="commit").disabled
    at = at.button(key="commit").click().run()
    assert [s.value for s in at.success] == [t("outcome.committed", lang, batch=2, rows=1)]
    assert app_db.current_observations()["value"].tolist() == [940000, 912]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_preview_names_hidden_rows_and_holds_the_workbook_back(app_db, lang):
    before = snapshot(app_db)
    at = sign_in(upload_page(lang), "editor_sh")
    at = upload(at, workbook(ROWS, hidden_rows=(3,)), "report.xlsx")
    assert [w.value for w in at.warning] == [t("upload.warnings", lang, count=1)]
    shown_problems = [str(v) for table in at.dataframe for v in table.value.get("problem", [])]
    assert t("problem.hidden_rows", lang, rows="3", count=1) in shown_problems
    assert at.button(key="commit").disabled
    assert snapshot(app_db) == before
    at = at.checkbox(key="accept_warnings").check().run()
    at = at.button(key="commit").click().run()
    assert [s.value for s in at.success] == [t("outcome.committed", lang, batch=1, rows=4)]
    assert len(app_db.current_observations()) == 4
