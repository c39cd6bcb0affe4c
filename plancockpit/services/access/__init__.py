"""People and rights: users, sign-in sessions, whose values one may enter, the audit log."""
