"""plancockpit: planning documents in, a tracked system of targets out.

The data flow (see README): read → layout → outline → extract → link → evaluate → present.
Each stage is a subpackage with a pure core; I/O lives in `read` (files), `db` (storage),
`services` (use cases over storage), `cli` and `web`.
"""

__version__ = "0.1.0"
