"""Where a problem is: its row and column."""

STRINGS: dict[str, tuple[str, str]] = {
    "report.at_row": ("第 {row} 行", "row {row}"),
    "report.at_column": ("列“{column}”", "column '{column}'"),
}
