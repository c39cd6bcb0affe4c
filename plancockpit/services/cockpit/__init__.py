"""Page data for the cockpit: one function per page, shared by the page and its API route.

The functions take a SQLAlchemy session and keyword arguments and return JSON-ready dicts;
the web layer renders them (templates) or returns them (API). Statuses come from the fact
tables (`facts`), rebuilt by `refresh.refresh_facts` from `plancockpit.evaluate`.
"""

from plancockpit.services.cockpit.common import NotFound, TargetFilter
from plancockpit.services.cockpit.documents import document_detail, document_list
from plancockpit.services.cockpit.indicators import indicator_detail, indicator_list
from plancockpit.services.cockpit.overview import overview_data
from plancockpit.services.cockpit.refresh import ensure_fact_tables, refresh_facts
from plancockpit.services.cockpit.regions import region_detail, region_list, unit_detail, unit_list

__all__ = [
    "NotFound",
    "TargetFilter",
    "document_detail",
    "document_list",
    "ensure_fact_tables",
    "indicator_detail",
    "indicator_list",
    "overview_data",
    "refresh_facts",
    "region_detail",
    "region_list",
    "unit_detail",
    "unit_list",
]
