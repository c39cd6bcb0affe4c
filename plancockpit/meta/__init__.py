"""Document metadata: title, kind, region, date and plan period, inferred with evidence."""

from plancockpit.meta.fields import DocKind, DocumentMeta
from plancockpit.meta.infer import infer_metadata

__all__ = ["DocKind", "DocumentMeta", "infer_metadata"]
