"""Names that look unused to vulture (the dead-code check in scripts/test.sh) but are read
by a library at run time. Never run; each line names one, and who reads it."""

_ = object()

# pydantic reads a model's settings on the class (validators: by decorator, in pyproject.toml)
_.model_config

# attributes set for a library that reads them
_.__qualname__  # dashboard.cache: Streamlit's cache keys a wrapped function by its name
_.colorway  # kpi.present.theme: plotly's template
_.isolation_level  # kpi.storage.backends: psycopg's connection
_._bidi_component_manager  # AppTest's registry of components (tests.support.pages, bench)
_.compress_type  # bench.hostile_files: zipfile's entry
_.query_string  # bench.load: the page-load request
_.rgb  # kpi.present.documents.evaluation: python-docx's font colour
_.bold  # kpi.present.documents.evaluation: python-docx's run

# a stand-in for getpass.getpass(prompt) in tests
_.prompt
_.prec  # tests/unit/domain/test_poisson.py: decimal's context precision

# defined ahead of their readers (the task ledger's next parts): drop each when it is read,
# or the definition if nothing comes to read it
_.ATTENTION_ORDER  # kpi.domain.task_rules
_.ATTENTION  # kpi.present.task_tables
_.HELP_COLUMNS  # kpi.ingest.progress_files
_.all_units  # kpi.storage.task_reports
_.held_back  # kpi.domain.upload_result
