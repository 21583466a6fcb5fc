"""The quick benchmark's verdict: each ratio against its goal, failing past the margin."""

from __future__ import annotations

from bench.run import GOALS, quick_check


def test_a_ratio_fails_only_past_its_goal_plus_the_margin():
    ratios = {"ingest_ratio": 1.4, "status_ratio": 0.6, "cli_ratio": 1.6}
    lines, passed = quick_check(ratios, margin=0.25)
    assert passed
    assert [line.rsplit(": ", 1)[1] for line in lines] == ["met", "within margin", "met"]
    assert "goal ≤ 1.5×" in lines[0] and "fails above 1.88×" in lines[0]

    lines, passed = quick_check({**ratios, "status_ratio": 0.63}, margin=0.25)
    assert not passed
    assert lines[1].endswith("FAILED")


def test_the_goals_are_the_issues():
    assert (GOALS["ingest_ratio"], GOALS["status_ratio"], GOALS["cli_ratio"]) == (1.5, 0.5, 1.6)
