"""The catalog as stored: every version loaded (its TOML text) and the catalog in
force as normalised tables (families, jurisdictions, plans, metrics, targets)."""

from __future__ import annotations

import hashlib

import pandas as pd

from kpi.domain.catalog import Catalog
from kpi.storage import audit
from kpi.storage.backends import Session


def sha(text: str) -> str:
    """The fingerprint a catalog version is known by."""
    return hashlib.sha256(text.encode()).hexdigest()


def latest_version(cur: Session) -> tuple[int, str, str] | None:
    """(id, sha256, loaded by) of the catalog in force, or None before any."""
    row = cur.execute(
        "SELECT id, sha256, loaded_by FROM catalog_versions ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def latest_id(cur: Session) -> int | None:
    return cur.scalar("SELECT max(id) FROM catalog_versions")


def loaded_before(cur: Session, toml_text: str) -> bool:
    """True if this very text was loaded as a catalog version once."""
    return bool(
        cur.scalar("SELECT count(*) FROM catalog_versions WHERE sha256 = ?", [sha(toml_text)])
    )


def text_of(cur: Session, version: int) -> str:
    return cur.scalar("SELECT toml FROM catalog_versions WHERE id = ?", [version])


def install(cur: Session, toml_text: str, catalog: Catalog, user: str) -> int:
    """A new catalog version in force (its text and its tables); its id."""
    fingerprint = sha(toml_text)
    new_id = cur.scalar("SELECT nextval('catalog_version_ids')")
    cur.execute(
        """INSERT INTO catalog_versions (id, sha256, toml, loaded_by, loaded_at)
           VALUES (?, ?, ?, ?, ?)""",
        [new_id, fingerprint, toml_text, user, audit.now()],
    )
    replace_tables(cur, catalog)
    audit.record(cur, user, "catalog", f"catalog v{new_id} {fingerprint[:12]}")
    return new_id


def targets(cur: Session, jurisdiction: str | None) -> pd.DataFrame:
    """The targets with their plan period (of one jurisdiction, if given)."""
    if jurisdiction is None:
        return cur.execute("SELECT * FROM targets ORDER BY code").df()
    return cur.execute(
        "SELECT * FROM targets WHERE jurisdiction = ? ORDER BY code", [jurisdiction]
    ).df()


def replace_tables(cur: Session, cat: Catalog) -> None:
    """The normalised tables hold ``cat``."""
    for table in ("families", "jurisdictions", "plans", "metrics", "targets"):
        cur.execute(f"DELETE FROM {table}")  # table names are our constants
    cur.executemany(
        "INSERT INTO families VALUES (?, ?, ?)",
        [[f.code, f.name_zh, f.name_en] for f in cat.families],
    )
    cur.executemany(
        "INSERT INTO jurisdictions VALUES (?, ?, ?, ?)",
        [[j.code, j.name_zh, j.name_en, j.parent] for j in cat.jurisdictions],
    )
    cur.executemany(
        "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                p.code,
                p.jurisdiction,
                p.doc_number,
                p.title_zh,
                p.title_en,
                p.issued,
                p.start,
                p.end,
                p.source,
            ]
            for p in cat.plans
        ],
    )
    cur.executemany(
        "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            [m.code, m.family, m.kind, m.name_zh, m.name_en, m.unit_zh, m.unit_en]
            for m in cat.metrics
        ],
    )
    cur.insert_frame("targets", cat.targets_frame())
