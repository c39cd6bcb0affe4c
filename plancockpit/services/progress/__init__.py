"""Progress: statuses of targets, the ranking of units, the evaluation report."""
