"""An indicator's domain: the plan's own 一级指标 where it has one, else the domain lexicon."""

from __future__ import annotations

from plancockpit.link.lexicon import domains
from plancockpit.link.names import normalise


def domain_of(metric: str, plan_group: str | None = None,
              plan_groups: tuple[str, ...] = ()) -> str:
    """The domain of a metric.

    `plan_group` is the table's 一级指标 for this row, if any: it wins as written. Otherwise the
    first lexicon domain with a keyword in the name; when the plan has its own group labels
    (`plan_groups`, e.g. 美丽萧山), the lexicon domain is shown under the plan's label whose words
    identify it. "" when nothing matches.

    >>> domain_of("单位GDP能耗降幅", None, ("经济质效", "美丽萧山"))
    '美丽萧山'
    >>> domain_of("城镇新增就业")
    '社会民生'
    """
    if plan_group:
        return plan_group
    name = normalise(metric)
    for domain in domains():
        if any(k in name for k in domain.keywords):
            for label in plan_groups:
                if label == domain.name or any(w in label for w in domain.plan_words):
                    return label
            return domain.name
    return ""
