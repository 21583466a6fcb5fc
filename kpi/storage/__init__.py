"""Where the data lives: connections, transactions, dialects and migrations.

``kpi.storage.store`` holds the domain queries; this package owns everything that differs
between the embedded DuckDB file and a PostgreSQL server, so that the queries are
written once.
"""
