"""Reports written for people: the Word evaluation report (docx_report)."""
