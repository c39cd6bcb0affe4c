"""Follow-up: reporting rounds, supervision items, overdue sweep, inbox, e-mail."""
