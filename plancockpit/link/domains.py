"""An indicator's domain: the plan's own 一级指标 where it has one, else the domain lexicon."""

from __future__ import annotations

from functools import lru_cache

from plancockpit.link.lexicon import Domain, domains
from plancockpit.link.names import normalise


@lru_cache(maxsize=16384)
def lexicon_domain(metric: str) -> Domain | None:
    """The lexicon domain of a name: the longest matching keyword wins, ties by file order.
    Cached: every link refreshes the domains of all indicators of the touched regions, so the
    same names come again document after document (the lexicon itself is loaded once)."""
    name = normalise(metric).upper()
    best: tuple[int, int] | None = None
    found: Domain | None = None
    for rank, domain in enumerate(domains()):
        length = max((len(k) for k in domain.keywords if k.upper() in name), default=0)
        if length and (best is None or (length, -rank) > best):
            best, found = (length, -rank), domain
    return found


def _plan_label(domain: Domain, plan_groups: tuple[str, ...]) -> str | None:
    for label in plan_groups:
        if label == domain.name or any(w in label for w in domain.plan_words):
            return label
    return None


def domain_of(metric: str, plan_group: str | None = None, plan_groups: tuple[str, ...] = ()) -> str:
    """The domain of a metric.

    `plan_group` is the table's 一级指标 for this row, if any: it wins as written. Otherwise the
    lexicon domain of the name; when the plan has its own group labels (`plan_groups`, e.g.
    美丽萧山), it is shown under the plan's label whose words identify it, else under the label
    of the broader domain it folds into (专利 under the plan's economy group when the plan has
    no innovation group). "" when nothing matches.

    >>> domain_of("单位GDP能耗降幅", None, ("经济质效", "美丽萧山"))
    '美丽萧山'
    >>> domain_of("城镇新增就业"), domain_of("每万人发明专利拥有量", None, ("经济质效",))
    ('社会民生', '经济质效')
    """
    if plan_group:
        return plan_group
    domain = lexicon_domain(metric)
    if domain is None:
        return ""
    label = _plan_label(domain, plan_groups)
    if label is None and domain.fold_into:
        broader = next(d for d in domains() if d.name == domain.fold_into)
        label = _plan_label(broader, plan_groups)
    return label or domain.name
