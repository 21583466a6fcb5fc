"""The state of an uploaded figure's version: current, superseded, reverted."""

STRINGS: dict[str, tuple[str, str]] = {
    "version.current": ("现行", "current"),
    "version.old": ("已被替代", "superseded"),
    "version.reverted": ("已撤回", "reverted"),
}
