"""The course's late-submission policy, as an nbgrader ``LateSubmissionPlugin``.

nbgrader records how late a submission is (``timestamp.txt`` against the assignment's
due date in the gradebook) and asks this plugin for the penalty of each notebook:

* within ``grace_minutes`` of the due date: no penalty (clocks and uploads differ);
* then ``percent_per_day`` of the notebook's score for every started day;
* from ``zero_after_days`` days on: the whole score.

Configured in ``nbgrader_config.py``; due dates are set per assignment with
``make due A=01-strides DUE="2026-03-02 17:00:00 Europe/Paris"``.
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


def penalty(
    score: float,
    seconds_late: float,
    percent_per_day: float,
    grace_minutes: float,
    zero_after_days: float,
) -> float:
    """Points taken off a notebook scoring ``score`` handed in ``seconds_late`` late."""
    if seconds_late <= grace_minutes * 60 or score <= 0:
        return 0.0
    days = math.ceil((seconds_late - grace_minutes * 60) / 86400)
    if days >= zero_after_days:
        return float(score)
    return round(min(score, score * percent_per_day / 100 * days), 2)


class PercentPerDay(LateSubmissionPlugin):
    percent_per_day = Float(10.0, help="Share of the score lost per started day late").tag(
        config=True
    )
    grace_minutes = Float(15.0, help="Minutes after the due date without penalty").tag(config=True)
    zero_after_days = Float(7.0, help="Days late after which the score is 0").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        p = penalty(
            score,
            total_seconds_late,
            self.percent_per_day,
            self.grace_minutes,
            self.zero_after_days,
        )
        self.log.warning(
            "%s: %.0f s late, penalty %s of %s points", student_id, total_seconds_late, p, score
        )
        return p
