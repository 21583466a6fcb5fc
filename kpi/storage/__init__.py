"""Where the data lives, and all of the project's SQL.

``kpi.storage.store.Store`` is the facade every caller uses; it composes the queries of
the modules per table group (observations, status_inputs, batches, audit, accounts,
catalog_tables), written once with bound parameters. backends, dialect and migrations
own everything that differs between the embedded DuckDB file and a PostgreSQL server;
snapshot copies and backs up a database.
"""
