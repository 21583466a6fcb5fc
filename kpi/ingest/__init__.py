"""Reading, validating and committing reports: one workflow for the CLI and the page."""
