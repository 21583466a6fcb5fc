"""What an upload does to a figure: new, revised or unchanged."""

STRINGS: dict[str, tuple[str, str]] = {
    "change.new": ("新增", "New"),
    "change.revised": ("修订", "Revised"),
    "change.unchanged": ("未变", "Unchanged"),
}
