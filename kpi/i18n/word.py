"""Small words shared everywhere: yes, no, none, the list separator."""

STRINGS: dict[str, tuple[str, str]] = {
    "word.yes": ("是", "yes"),
    "word.no": ("否", "no"),
    "word.none": ("无", "none"),
    "word.list_separator": ("、", ", "),
}
