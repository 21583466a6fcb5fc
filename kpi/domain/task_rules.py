"""The task ledger's pure rules: unit names as the texts spell them, the status words,
and the status a task has at a quarter (reported, or not reported when it is due).

A plan assigns its numbered tasks and measures to responsible units (责任单位); the
first unit named leads (牵头), the others cooperate (配合). Units report each task's
progress per quarter; a task whose last closed quarter has no report is "not
reported" (逾期未报), never silently "in progress".
"""

from __future__ import annotations

import re
from enum import StrEnum

#: Full-width and half-width spellings of the punctuation inside unit names, as one.
_WIDTH = str.maketrans(
    {"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "[": "［", "]": "］"}
)
_SPACE = re.compile(r"[\s\u3000]+")


def normal_unit(name: str) -> str:
    """A unit's name as the catalog writes it: no spaces (the texts put stray ones
    inside and around names), full-width brackets and colons. 市科委中关村管委会 stays one
    body (two names of one office, not two units)."""
    return _SPACE.sub("", name.translate(_WIDTH)).strip("、，,；;。")


def split_units(listing: str) -> list[str]:
    """The units of a 责任单位 list in the text's order ("市科委中关村管委会 、市发展改革委"),
    each normalised; empty items dropped."""
    parts = re.split(r"[、，,；;](?![^()（）]*[)）])", listing)  # not inside brackets
    return [unit for unit in (normal_unit(p) for p in parts) if unit]


class TaskStatus(StrEnum):
    """What a unit reports about a task at a quarter, and the derived not_reported."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DELAYED = "delayed"
    #: Derived: no report for the last closed quarter (never reported in a file).
    NOT_REPORTED = "not_reported"


#: The statuses a progress file may give.
REPORTED_STATUSES: tuple[TaskStatus, ...] = (
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.COMPLETED,
    TaskStatus.DELAYED,
)
#: The words a file may use for each reported status (code, Chinese, English).
STATUS_WORDS: dict[str, TaskStatus] = {
    **{s.value: s for s in REPORTED_STATUSES},
    "未启动": TaskStatus.NOT_STARTED,
    "推进中": TaskStatus.IN_PROGRESS,
    "已完成": TaskStatus.COMPLETED,
    "滞后": TaskStatus.DELAYED,
}
#: Supervision order: what needs attention first.
ATTENTION_ORDER: tuple[TaskStatus, ...] = (
    TaskStatus.NOT_REPORTED,
    TaskStatus.DELAYED,
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.COMPLETED,
)


def read_status(word: object) -> TaskStatus | None:
    """The status a file's cell names (未启动, in_progress, Delayed …), or None."""
    text = "" if word is None else _SPACE.sub("_", str(word).strip().lower())
    return STATUS_WORDS.get(text)


def status_at(latest: str | None, latest_is_due_quarter: bool, due: bool) -> TaskStatus:
    """A task's status at the last closed quarter.

    ``latest`` is the status of its latest report up to that quarter (None: none),
    ``latest_is_due_quarter`` whether that report is for the quarter itself, ``due``
    whether a report for the quarter is due (the quarter lies within the plan). A
    completed task stays completed without further reports; otherwise a missing report
    for a due quarter is not_reported, whatever was reported before; with nothing due
    yet the task has not started.
    """
    if latest == TaskStatus.COMPLETED or (latest and (latest_is_due_quarter or not due)):
        return TaskStatus(latest)
    return TaskStatus.NOT_REPORTED if due else TaskStatus.NOT_STARTED
