"""A planner's edits of indicators, their directions and targets in words."""
