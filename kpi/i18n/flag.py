"""Short flags told beside a verdict: a stale figure, a short forecast."""

STRINGS: dict[str, tuple[str, str]] = {
    "flag.stale": ("数据陈旧", "stale figure"),
    "flag.forecast_short": ("预测不达标", "forecast short"),
}
