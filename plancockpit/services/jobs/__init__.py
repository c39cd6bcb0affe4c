"""Background jobs: the queue kept in the database and the worker that runs it."""
