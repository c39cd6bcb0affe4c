"""Actual data: templates, file imports and observations with provenance."""
