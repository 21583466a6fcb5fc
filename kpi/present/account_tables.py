"""The accounts as the admin page shows them: roles and jurisdictions in words."""

from __future__ import annotations

import pandas as pd

from kpi.domain.catalog import Catalog
from kpi.present.locale import Locale


def accounts_table(users: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """Every account of ``Store.users()`` (no hashes): name, role and jurisdictions in
    words, created when and by whom.

    Columns (canonical, headed where drawn): account, role, may_upload_for, created,
    created_by."""
    places = {j.code: loc.name(j) for j in catalog.jurisdictions}
    sep = loc.t("word.list_separator")
    return pd.DataFrame(
        {
            "account": users["name"],
            "role": [loc.t(f"role.{r}") for r in users["role"]],
            "may_upload_for": [
                sep.join(places.get(c, c) for c in codes.split(",") if c)
                for codes in users["jurisdictions"]
            ],
            "created": pd.to_datetime(users["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
            "created_by": users["created_by"],
        }
    )
