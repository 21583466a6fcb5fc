"""Hostile catalog files: refused with a message in both languages, and the
catalog in force, the observations and `kpi status` stay as they were."""

from __future__ import annotations

import pytest

from kpi.access.auth import User
from kpi.assess.verdicts import compute_status
from kpi.cli.main import main
from kpi.domain.catalog import DEFAULT_CATALOG, CatalogError, decode_catalog, parse_catalog
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.stores import counts, ingest_rows

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")
ADMIN = User("admin1", "admin")


def nested(depth: int) -> str:
    return SHIPPED + "\n[extra]\nx = " + "[" * depth + "]" * depth + "\n"


HOSTILE = [  # (id, bytes, words that the English message holds)
    ("binary", bytes(range(256)) * 4, ["UTF-8"]),
    ("nul", SHIPPED.replace("[[plans]]", "[[plans]]\x00", 1).encode(), ["control characters"]),
    (
        "latin-1",
        SHIPPED.replace("Beijing", "Bei\u00efjing").encode("latin-1", "replace"),
        ["UTF-8"],
    ),
    ("gbk", SHIPPED.encode("gbk", "replace"), ["UTF-8"]),
    ("deep nesting", nested(50_000).encode(), ["nests arrays too deeply"]),
    ("nan", SHIPPED.replace("min = 20\n", "min = nan\n", 1).encode(), ["min", "finite"]),
    ("inf", SHIPPED.replace("min = 20\n", "min = inf\n", 1).encode(), ["min", "finite"]),
    (
        "-inf max",
        SHIPPED.replace("min = 20\n", "min = 20\nmax = -inf\n", 1).encode(),
        ["max", "finite"],
    ),
    (
        "colon in code",
        SHIPPED.replace('code = "BJ"', 'code = "B:J"', 1).encode(),
        ["'B:J'", "pattern"],
    ),
    (
        "equals in code",
        SHIPPED.replace('code = "SH-2023"', 'code = "=SH"', 1).encode(),
        ["'=SH'", "pattern"],
    ),
    (
        "space in metric",
        SHIPPED.replace('metric = "leading_teams"', 'metric = "a b"', 1).encode(),
        ["metric"],
    ),
]


@pytest.mark.parametrize(("data", "words"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_catalogs_are_refused_with_a_plain_message(data, words):
    with pytest.raises(CatalogError) as info:
        parse_catalog(decode_catalog(data))
    english = "\n".join([locale("en").describe(p) for p in info.value.problems])
    assert all(w in english for w in words), english
    assert locale("zh").error(info.value).startswith(t("catalog.invalid", "zh"))
    assert "Error" not in locale("en").error(info.value)


def test_nan_min_was_shown_on_track_and_is_now_refused():
    text = SHIPPED.replace("min = 20\n", "min = nan\n", 1)
    with pytest.raises(CatalogError, match="finite"):
        parse_catalog(text)


@pytest.mark.parametrize(("data", "words"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_the_old_catalog_stays_in_force_page_and_cli(store, tmp_path, capsys, data, words):
    ingest_rows(store, [("BJ", "leading_teams", "2025Q3", "2")])
    status = compute_status(store, TODAY).to_csv()
    before = (store.catalog_version(), counts(store), len(store.audit_log()))
    refused = uploads.install_catalog(store, data, ADMIN)
    assert refused.value is None and refused.errors
    assert (store.catalog_version(), counts(store), len(store.audit_log())) == before
    assert compute_status(store, TODAY).to_csv() == status
    db = store.path
    store.close()
    path = tmp_path / "hostile.toml"
    path.write_bytes(data)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "zh", "catalog", "load", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(t("catalog.invalid", "zh")) and "Traceback" not in err
    with Store.open(db) as reopened:
        assert reopened.catalog_version() == before[0]
        assert compute_status(reopened, TODAY).to_csv() == status
