"""Linking records into indicators, targets and observations, and their lineage."""
