"""Trigram (substring) search against jieba word search on the Xiaoshan corpus's sentences.

The reference is what a reader expects of a search box (like Ctrl-F): the sentences that contain
the query. Queries: every indicator name and alias linked from the corpus, and a few common
two-character words. jieba's way: sentences cut with `cut_for_search` into an index of words, a
query cut with `cut`, a sentence found when it holds all the query's words (an AND of terms, as
an FTS index of jieba tokens answers). Trigram search returns exactly the reference (substring
match), so its recall and precision are 1 by construction; jieba's are measured here.

Not a project dependency: `.venv/bin/pip install jieba` first, then
`.venv/bin/python scripts/search_vs_jieba.py [CORPUS_DIR]`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Indicator, SearchEntry
from plancockpit.services.ingest.run import ingest_paths

SHORT = ["研发", "就业", "人均", "绿色", "数字", "养老", "税收", "亩均", "投资", "创新"]


def main() -> None:
    import jieba

    corpus = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"
    )
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{tmp}/q.sqlite")
        ingest_paths(engine, [corpus])
        with transaction(engine) as s:
            sentences = list(
                s.scalars(select(SearchEntry.text).where(SearchEntry.kind == "sentence"))
            )
            names = {
                n for i in s.scalars(select(Indicator)) for n in [i.name, *(i.aliases or [])] if n
            }
        engine.dispose()
    jieba.setLogLevel(60)
    jieba.initialize()
    t0 = time.perf_counter()
    index = [set(jieba.cut_for_search(x)) for x in sentences]
    seg_s = time.perf_counter() - t0
    chars = sum(map(len, sentences))
    queries = sorted(names) + SHORT
    tp = fp = fn = 0
    missed_queries = 0
    for q in queries:
        truth = {i for i, x in enumerate(sentences) if q in x}
        words = [w for w in jieba.cut(q) if w.strip()]
        got = {i for i, ws in enumerate(index) if all(w in ws for w in words)}
        tp += len(truth & got)
        fp += len(got - truth)
        fn += len(truth - got)
        missed_queries += bool(truth - got)
    print(f"{len(sentences)} sentences ({chars:,} chars), {len(queries)} queries")
    print(
        f"jieba: recall {tp / max(1, tp + fn):.3f}, precision {tp / max(1, tp + fp):.3f}, "
        f"{missed_queries} queries miss some sentence; segmenting {chars / seg_s:,.0f} chars/s"
    )
    print("trigram: recall 1.000, precision 1.000 (substring match by construction)")


if __name__ == "__main__":
    main()
