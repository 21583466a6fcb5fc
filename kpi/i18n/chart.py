"""Words drawn on charts: threshold, required path, pace, forecast, the as-of line."""

STRINGS: dict[str, tuple[str, str]] = {
    "chart.threshold": ("目标", "Target"),
    "chart.forecast_at": ("期末预测 {value}", "Forecast at deadline: {value}"),
    "chart.as_of_line": ("截至 {day}", "as of {day}"),
    "chart.as_of_clamped": (
        "截至 {day}（晚于期末，画在期末处）",
        "as of {day} (after the deadline: drawn at it)",
    ),
    "chart.line_target": ("100%：达到目标", "100%: target reached"),
    "chart.line_pace": ("{pace}%：{status}线", "{pace}%: {status} line"),
    "chart.expected_short": ("应达", "expected"),
    "chart.required": ("所需路径", "Required path"),
    "chart.observed": ("实际累计", "Observed"),
    "chart.forecast": ("预测", "Forecast"),
    "chart.mean_attainment": ("平均完成率", "Mean attainment"),
    "chart.mean_pace": ("平均进度比", "Mean pace"),
}
