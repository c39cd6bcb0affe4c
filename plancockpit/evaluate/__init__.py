"""Evaluation: a target's status on a date, explained by its numbers (spec: progress.md).

Pure: takes a `TargetSpec` and `Obs` values in the target's unit, returns an `Assessment`.
"""

from plancockpit.evaluate.assess import assess
from plancockpit.evaluate.assessment import LABELS, LIGHT_OF, STATUSES, Assessment, Light, Status
from plancockpit.evaluate.inputs import Obs, TargetSpec, date_time, year_time
from plancockpit.evaluate.rollup import RollUp, roll_up, roll_up_by
from plancockpit.evaluate.settings import DEFAULT, Thresholds

__all__ = [
    "DEFAULT",
    "LABELS",
    "LIGHT_OF",
    "STATUSES",
    "Assessment",
    "Light",
    "Obs",
    "RollUp",
    "Status",
    "TargetSpec",
    "Thresholds",
    "assess",
    "date_time",
    "roll_up",
    "roll_up_by",
    "year_time",
]
