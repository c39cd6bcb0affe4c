"""Use cases that touch storage, one package per capability: `ingest`, `jobs`, `records`
(documents and review), `linking`, `indicators`, `actuals`, `regions`, `progress` (statuses,
ranking, the evaluation report), `followup` (rounds, supervision, inbox), `access` (users,
sessions, rights, the audit log), `opendata` (publishing, the package, search), `projects`; and
`cockpit`, the one read side that pages, the API and the CLI all use."""
