"""The names of the two languages, each written in its own."""

STRINGS: dict[str, tuple[str, str]] = {
    "lang.zh": ("中文", "中文"),
    "lang.en": ("English", "English"),
}
