"""政策兑现 Support on the pages, in both languages: per measure its grants, beneficiaries,
approved and paid totals for everyone (hand-computed); beneficiary names and credit codes
only for accounts with the finance right on the measure's jurisdiction (and admins),
never for a viewer or a signed-out reader, in no table, text or download offered; the
money under the measures serving a target on the target page (支持资金)."""

from __future__ import annotations

import json

import pytest

from kpi.access import auth
from kpi.cli.main import main
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from tests.support.dataset import FIRM_A_NAME, FIRM_B_NAME, add_grants
from tests.support.grant_files import FIRM_A, FIRM_B
from tests.support.pages import app_test, shown_text, sign_in, table_under

AS_OF = "2026-09-30"
SECRETS = (FIRM_A_NAME, FIRM_B_NAME, FIRM_A, FIRM_B)
LANGS = ["zh", "en"]


def _page(lang: str, page: str = "support"):
    return app_test(page, lang=lang, as_of=AS_OF).run()


def _everything(at) -> str:
    """Every text the page shows: Markdown, captions, notices, table cells, widget options
    and the download buttons' labels and file names."""
    texts = shown_text(at)
    texts += [frame.value.to_csv() for frame in at.dataframe]
    texts += [str(o) for box in at.selectbox for o in box.options]
    texts += [str(b.proto) for b in at.get("download_button")]
    return "\n".join(texts)


def _row(table, label: str):
    [row] = [r for _, r in table.iterrows() if r["measure"] == label]
    return row


@pytest.mark.parametrize("lang", LANGS)
def test_measure_totals_for_every_reader_without_names(app_db, lang):
    add_grants(app_db)
    at = _page(lang)
    assert not at.exception
    measures = table_under(at, t("support.measures", lang)).value
    pilot = _row(
        measures,
        f"{t('tasks.kind.measure', lang)} 5 · "
        + ("提高工艺放大水平" if lang == "zh" else "Raise process scale-up"),
    )
    assert (pilot["grants"], pilot["beneficiaries"]) == (1, 1)
    assert (pilot["approved"], pilot["paid"], pilot["largest"]) == (
        20_000_000,
        8_000_000,
        20_000_000,
    )
    assert measures["grants"].sum() == 4 and measures["approved"].sum() == 23_700_000
    assert measures["paid"].sum() == 11_600_000
    assert any(t("support.restricted", lang) in x for x in shown_text(at))
    shown = _everything(at)
    assert not [s for s in SECRETS if s in shown]
    assert "support-beneficiaries" not in shown  # no download of names offered


def test_a_viewer_sees_totals_only(app_db):
    add_grants(app_db)
    at = sign_in(_page("zh"), "viewer1")
    assert not at.exception
    assert any(
        t("auth.signed_in_as", "zh", name="viewer1", role="查看者") in x for x in shown_text(at)
    )
    shown = _everything(at)
    assert not [s for s in SECRETS if s in shown]
    assert "support-beneficiaries" not in shown


def test_finance_sees_its_jurisdictions_beneficiaries_and_admins_all(app_db):
    add_grants(app_db)
    auth.add_user(app_db, "fin_bda", "finance", "correct horse 1", ["BDA"], "test")
    at = sign_in(_page("zh"), "fin_bda", "correct horse 1")
    assert not at.exception
    people = table_under(at, t("support.beneficiaries", "zh")).value
    # E-Town's grants only: 甲 two grants (20,500,000 / 8,500,000), 乙 one (3,000,000)
    assert list(people["beneficiary"]) == [FIRM_A_NAME, FIRM_B_NAME]
    assert list(people["credit_code"]) == [FIRM_A, FIRM_B]
    assert list(people["approved"]) == [20_500_000, 3_000_000]
    assert list(people["paid"]) == [8_500_000, 3_000_000]
    assert "support-beneficiaries" in _everything(at)
    # everything 甲 received, across measures, by approval date
    [received] = [f.value for f in at.dataframe if "project" in f.value.columns]
    assert list(received["project"]) == ["千升级中试平台", "技术合同奖励"]
    assert list(received["approved"]) == [20_000_000, 500_000]
    # an administrator sees every jurisdiction's: 乙 with its Beijing grant too
    at = sign_in(_page("zh"), "admin1")
    people = table_under(at, t("support.beneficiaries", "zh")).value
    assert dict(zip(people["beneficiary"], people["approved"], strict=True)) == {
        FIRM_A_NAME: 20_500_000,
        FIRM_B_NAME: 3_200_000,
    }
    assert not any(t("support.restricted", "zh") in x for x in shown_text(at))


def test_a_finance_account_of_another_place_sees_no_names_of_this_one(app_db):
    add_grants(app_db)
    auth.add_user(app_db, "fin_sh", "finance", "correct horse 1", ["SH"], "test")
    at = sign_in(
        app_test("support", lang="zh", as_of=AS_OF, jurisdiction="BDA").run(),
        "fin_sh",
        "correct horse 1",
    )
    assert not at.exception
    assert not [s for s in SECRETS if s in _everything(at)]


@pytest.mark.parametrize("lang", LANGS)
def test_target_page_shows_the_support_funds_of_its_measures(app_db, lang):
    add_grants(app_db)
    at = app_test("target", lang=lang, as_of=AS_OF, target="BDA-2025:leading_enterprises").run()
    assert not at.exception
    funds = table_under(at, t("support.target", lang)).value
    # every measure linked to the target has a row; of their grants only E-Town measure
    # 2's falls under them: 甲's 500,000 technology-contract reward
    linked = [m for m in load_catalog().measures if "BDA-2025:leading_enterprises" in m.targets]
    assert len(funds) == len(linked)
    assert funds["approved"].sum() == 500_000 and funds["grants"].sum() == 1
    assert not [s for s in SECRETS if s in _everything(at)]


def test_grants_approved_after_the_as_of_date_are_not_counted(app_db):
    add_grants(app_db)
    at = app_test("support", lang="zh", as_of="2026-03-31").run()
    measures = table_under(at, t("support.measures", "zh")).value
    # by 2026-03-31: the Beijing grant (2025-06-01) and the pilot platform (2026-03-01)
    assert measures["grants"].sum() == 2 and measures["approved"].sum() == 20_200_000


def test_the_page_agrees_with_kpi_measures(app_db, db_location, capsys):
    add_grants(app_db)
    assert main(["--db", db_location, "measures", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    measures = table_under(_page("zh"), t("support.measures", "zh")).value
    assert len(measures) == len(items)  # every measure, in catalog order
    for (_, row), item in zip(measures.iterrows(), items, strict=True):
        assert (row["grants"], row["beneficiaries"]) == (item["grants"], item["beneficiaries"])
        assert (row["approved"], row["paid"]) == (item["granted_yuan"], item["paid_yuan"])
