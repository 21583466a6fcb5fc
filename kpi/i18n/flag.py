"""Short flags on a verdict: a stale figure, a short forecast, a revision after close."""

STRINGS: dict[str, tuple[str, str]] = {
    "flag.stale": ("数据陈旧", "stale figure"),
    "flag.forecast_short": ("预测不达标", "forecast short"),
    "flag.revised_after_close": ("期末后修订", "revised after close"),
}
