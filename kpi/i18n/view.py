"""Notes on what a view shows (a past known-at day)."""

STRINGS: dict[str, tuple[str, str]] = {
    "view.known_at": (
        "按 {day} 当日所知的数据显示（此后的上报与撤回不计入）。",
        "Shown as known on {day} (later uploads and reverts are not counted).",
    ),
}
