"""Documents and their extracted records: listings and review."""
