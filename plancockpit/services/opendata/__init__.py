"""What the public sees: publishing, the open-data package, full-text search."""
