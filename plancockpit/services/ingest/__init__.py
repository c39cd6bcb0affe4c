"""Ingest: which files are taken, how a document is stored, one transaction each."""
