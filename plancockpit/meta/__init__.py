"""Document metadata: title, kind, region, date and plan period, inferred with evidence."""
