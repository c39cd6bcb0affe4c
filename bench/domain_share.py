"""Share of the corpus's indicators that get a domain (plan 一级指标 or the domain lexicon).

usage: python -m bench.domain_share [--list] [--json docs/results/domain_share.json]
Ingests the corpus into a temporary SQLite file, then prints the share of surviving indicators
with a domain (all, and by the kind of document of their first target or observation), where
the domain came from (the plan's own group or the lexicon), and with --list the names left
without one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--list", action="store_true", help="print the indicators without a domain")
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/domain_share.json)"
    )
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    from sqlalchemy import select

    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.db.models import Document, Indicator, Observation, Record, Target
    from plancockpit.services.ingest.run import ingest_paths

    engine = open_database(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")
    ingest_paths(engine, [CORPUS])
    with transaction(engine) as session:
        inds = list(session.scalars(select(Indicator).where(Indicator.merged_into_id.is_(None))))
        kind_of: dict[int, str] = {}
        group_of: dict[int, bool] = {}
        for model in (Target, Observation):
            rows = session.execute(
                select(model.indicator_id, Document.kind, Record.domain)
                .join(Record, model.record_id == Record.id)
                .join(Document, Record.document_id == Document.id)
            )
            for ind_id, kind, group in rows:
                kind_of.setdefault(ind_id, kind)
                group_of[ind_id] = group_of.get(ind_id, False) or bool(group)
    total, named = Counter[str](), Counter[str]()
    for i in inds:
        kind = kind_of.get(i.id, "other")
        for key in ("all", kind):
            total[key] += 1
            named[key] += bool(i.domain)
    for key in ["all", *sorted(k for k in total if k != "all")]:
        print(
            f"{key:>14}: {named[key]:4d}/{total[key]:<4d} = {named[key] / total[key]:6.1%} "
            "with a domain"
        )
    from_plan = sum(1 for i in inds if group_of.get(i.id))
    print(
        f"{'from plan':>14}: {from_plan} (一级指标), from the lexicon: "
        f"{sum(1 for i in inds if i.domain) - from_plan}"
    )
    print("by domain:", dict(Counter(i.domain or "(none)" for i in inds).most_common()))
    if args.json:
        from bench.results import write

        write(
            args.json,
            "domain_share",
            {},
            {
                "by_kind": {
                    k: [named[k], total[k]]
                    for k in ["all", *sorted(k for k in total if k != "all")]
                },
                "from_plan": from_plan,
                "from_lexicon": sum(1 for i in inds if i.domain) - from_plan,
            },
        )
    if args.list:
        for i in inds:
            if not i.domain:
                print(f"  {i.id:5d} {i.name}")


if __name__ == "__main__":
    main()
