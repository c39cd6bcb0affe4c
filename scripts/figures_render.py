"""Markdown of each documentation figure block, from measured data (pure: data in, text out).

Each renderer takes what its source gives — `scripts/gold_eval.py`'s summaries, the ask
evaluation's summary, a benchmark's JSON result (`bench/results.py`) — and returns the block's
lines. `scripts/docs_figures.py` decides where they go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIELDS = ("kind", "basis", "year", "metric")


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _share(count: list[int]) -> str:
    right, asked = count
    return f"{right}/{asked} = {right / asked:.1%}" if asked else "—"


def _records_row(label: str, s: dict[str, Any]) -> str:
    fields = " / ".join(_f(s["field_accuracy"].get(f)) for f in FIELDS)
    return (
        f"| {label} | {s['gold']} | {s['pred']} | {_f(s['f1'])} | {_f(s['full_f1'])} | {fields} |"
    )


def gold_scores(gold: dict[str, Any]) -> list[str]:
    """Records against the Xiaoshan gold and the real gold, overall and per real document."""
    lines = [
        "| gold set | gold records | predicted | detection F1 | full F1 | kind / basis / year / metric |",
        "|---|---:|---:|---:|---:|---|",
        _records_row("Xiaoshan (`../shared/gold`)", gold["xiaoshan"]),
        _records_row("real reports (`../shared/gold-real/records`)", gold["real"]),
    ]
    lines += [_records_row(f"… {doc}", s) for doc, s in gold["real_docs"].items()]
    return lines


def gold_overall(gold: dict[str, Any]) -> list[str]:
    """Two lines for the README: records on both gold sets, metadata of the real reports."""
    x, r, m = gold["xiaoshan"], gold["real"], gold["metadata"]
    return [
        f"- **Records** (targets and results with their fields): detection F1 {_f(x['f1'])}, full F1 "
        f"{_f(x['full_f1'])} on the Xiaoshan gold ({x['gold']} records); {_f(r['f1'])} and "
        f"{_f(r['full_f1'])} on {len(gold['real_docs'])} real work reports nobody here wrote "
        f"({r['gold']} records).",
        f"- **Metadata** of {m['docs']} real reports: title {_f(m['title'])}, kind {_f(m['kind'])}, "
        f"region {_f(m['region'])}, year {_f(m['year'])}.",
    ]


def heldout_scores(heldout: dict[str, Any]) -> list[str]:
    """The held-out sets (fictional documents written here), overall and per document."""
    lines = [
        "| set or document | gold records | predicted | detection F1 | full F1 | kind / basis / year / metric |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, scores in heldout.items():
        lines.append(_records_row(f"**{name}** ({len(scores['docs'])} documents)", scores["all"]))
        lines += [_records_row(f"… {doc}", s) for doc, s in scores["docs"].items()]
    return lines


def metadata(gold: dict[str, Any]) -> list[str]:
    """Metadata of the real reports against `gold-real/metadata.jsonl`."""
    m = gold["metadata"]
    return [
        "| documents | title | kind | region | year | all four |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {m['docs']} | {_f(m['title'])} | {_f(m['kind'])} | {_f(m['region'])} | {_f(m['year'])} "
        f"| {_f(m['all_fields'])} |",
    ]


def links_chain(chain: dict[str, Any]) -> list[str]:
    """A district's consecutive reports linked, against `gold-real/links_hailar.jsonl`."""
    c = chain
    return [
        "| reports | targets found | gold links | link recall | link precision | false links | status accuracy |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {c['reports']} | {c['targets_found']} of {c['gold_targets']} | {c['gold_links']} "
        f"| {_f(c['link_recall'])} | {_f(c['link_precision'])} | {c['false_links']} "
        f"| {_f(c['status_accuracy'])} |",
    ]


def ask_table(ask: dict[str, Any]) -> list[str]:
    """The question set's right answers by intent, by corpus and overall."""
    lines = ["| questions | right |", "|---|---:|"]
    lines += [f"| intent `{i}` | {_share(c)} |" for i, c in ask["intent"].items()]
    lines += [f"| corpus {c} | {_share(n)} |" for c, n in ask["corpus"].items()]
    lines += [
        f'| unanswerable: "not found", no figure | {_share(ask["unanswerable"])} |',
        f"| intent read as written | {_share(ask['intent_read'])} |",
        f"| **overall** | **{_share(ask['overall'])}** |",
    ]
    return lines


def ask_overall(ask: dict[str, Any]) -> list[str]:
    """One list item for the README."""
    corpora = ", ".join(f"{c} {n[0]}/{n[1]}" for c, n in ask["corpus"].items())
    right, n = ask["unanswerable"]
    return [
        f"- **Questions** (`plancockpit ask`): of its {ask['overall'][1]} test questions it answers **{_share(ask['overall'])}** right ({corpora}) "
        f'and answers {right} of the {n} unanswerable ones "not found" without a figure.'
    ]


def _stamp(result: dict[str, Any], command: str) -> str:
    load = " / ".join(f"{x:.2f}" for x in result["load"])
    return (
        f"Measured {result['date']} at commit `{result['commit']}` ({result['machine']}; load average "
        f"{load} over 1 / 5 / 15 min at the end of the run) by `{command}`."
    )


def extract_speed(result: dict[str, Any]) -> list[str]:
    """`bench.extract_speed`: the full pipeline's speed over the corpus, and cn2an's beside it."""
    r = result["results"]
    cn2an = (
        f"{r['cn2an_chars_per_s']:,} chars/s | {r['ratio_to_cn2an']:.2f}"
        if r.get("ratio_to_cn2an")
        else "not installed | —"
    )
    return [
        _stamp(result, "python -m bench.extract_speed --json docs/results/extract_speed.json"),
        "",
        "| corpus | pass (median of runs) | speed | start-up | peak memory | cn2an transform | ratio (≥ 1: pipeline faster) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| {r['files']} files, {r['chars']:,} chars, {r['records']} records | {r['pass_ms']} ms "
        f"(of {result['settings']['runs']}) | {r['chars_per_s']:,} chars/s | {r['startup_ms']} ms "
        f"| {r['peak_mb']} MB | {cn2an} |",
    ]


def extract_scaling(result: dict[str, Any]) -> list[str]:
    """`bench.extract_scaling`: time at n and 4n per shape (linear ≈ 4, quadratic ≈ 16)."""
    n = result["settings"]["n"]
    lines = [
        _stamp(result, "python -m bench.extract_scaling --json docs/results/extract_scaling.json"),
        "",
        f"| shape | n = {n:,} | 4n = {4 * n:,} | ratio (linear ≈ 4, quadratic ≈ 16) |",
        "|---|---:|---:|---:|",
    ]
    return lines + [
        f"| `{r['shape']}` | {r['n_s']:.2f} s | {r['4n_s']:.2f} s | {r['ratio']:.1f} |"
        for r in result["results"]
    ]


def outline_speed(result: dict[str, Any]) -> list[str]:
    """`bench.outline_speed`: layout + outline + metadata over the corpus."""
    r = result["results"]
    return [
        _stamp(result, "python -m bench.outline_speed --json docs/results/outline_speed.json"),
        "",
        "| corpus | pass (median of runs) | speed | slowest file |",
        "|---|---:|---:|---|",
        f"| {r['files']} files, {r['chars']:,} chars, {r['nodes']:,} outline nodes | {r['pass_ms']} ms "
        f"(of {result['settings']['runs']}) | {r['chars_per_s']:,} chars/s | {r['slowest']}: "
        f"{r['slowest_ms']} ms for {r['slowest_chars']:,} chars |",
    ]


def domain_share(result: dict[str, Any]) -> list[str]:
    """`bench.domain_share`: indicators of the corpus with a domain, by kind of first document."""
    r = result["results"]
    lines = [
        _stamp(result, "python -m bench.domain_share --json docs/results/domain_share.json"),
        "",
        "| indicators (by the kind of their first document) | with a domain |",
        "|---|---:|",
    ]
    lines += [f"| {kind} | {_share(count)} |" for kind, count in r["by_kind"].items()]
    return lines + [
        f"| … the domain from the plan's own group (一级指标) / from the lexicon | "
        f"{r['from_plan']} / {r['from_lexicon']} |"
    ]


def cockpit_latency(result: dict[str, Any]) -> list[str]:
    """`bench.cockpit_latency`: p50/p95 per route, one column pair per database."""
    s, by_db = result["settings"], result["results"]
    dbs = list(by_db)
    rows: dict[str, dict[str, dict[str, float]]] = {}
    for db in dbs:
        for row in by_db[db]:
            rows.setdefault(row["route"], {})[db] = row
    lines = [
        _stamp(result, "python -m bench.cockpit_latency --json docs/results/cockpit_latency.json"),
        f"{s['districts']} districts × {s['targets']} targets × {s['years']} years, {s['runs']} requests "
        "per route, milliseconds:",
        "",
        "| route | " + " | ".join(f"{db} p50 | {db} p95" for db in dbs) + " |",
        "|---|" + "---:|---:|" * len(dbs),
    ]
    for route, cells in rows.items():
        vals = [
            f"{cells[db]['p50_ms']:.0f} | {cells[db]['p95_ms']:.0f}" if db in cells else "— | —"
            for db in dbs
        ]
        lines.append(f"| {route} | " + " | ".join(vals) + " |")
    worst = [cell for db in dbs for cell in ("", f"**{max(r['p95_ms'] for r in by_db[db]):.0f}**")]
    lines.append("| **worst p95** | " + " | ".join(worst) + " |")
    return lines


def ingest_speed(result: dict[str, Any]) -> list[str]:
    """`bench.ingest_speed`: the corpus and the examples ingested into a fresh database, twice."""
    db = result["settings"]["database"]
    lines = [
        _stamp(
            result,
            "python -m bench.ingest_speed"
            + (" --db URL" if db == "postgresql" else "")
            + f" --json docs/results/ingest_speed_{db}.json",
        ),
        "",
        f"| pass ({db}) | files | time |",
        "|---|---:|---:|",
    ]
    return lines + [
        f"| {p['pass']} | {p['files']} | {p['seconds']:.2f} s |"
        for p in result["results"]["passes"]
    ]


def status_speed(result: dict[str, Any]) -> list[str]:
    """`bench.status_speed`: linking and statuses on the corpus, `target_statuses` by size."""
    r, s = result["results"], result["settings"]
    sizes = ",".join(str(n) for n in s["sizes"])
    command = f"python -m bench.status_speed --repeat {s['repeat']} --sizes {sizes}"
    lines = [_stamp(result, command + " --json docs/results/status_speed.json")]
    if r["corpus"]:
        c = r["corpus"]
        lines += [
            "",
            f"Corpus: {c['documents']} documents, {c['targets']} targets, {c['observations']} "
            f"observations; `link_all` {c['link_all_ms']} ms, `status_report` {c['status_report_ms']} "
            f"ms (medians of {s['repeat']}); statuses on 2026-06-30: "
            + ", ".join(f"{k} {n}" for k, n in c["statuses"].items())
            + ".",
        ]
    lines += [
        "",
        "| targets | observations | shape | `target_statuses` ms | ratio to the size before |",
        "|---:|---:|---|---:|---:|",
    ]
    previous: dict[str, float] = {}
    for row in r["synthetic"]:
        shape = row["shape"]
        ratio = f"{row['ms'] / previous[shape]:.1f}×" if previous.get(shape) else "—"
        lines.append(
            f"| {row['targets']:,} | {row['observations']:,} | {shape} | {row['ms']:,} | {ratio} |"
        )
        previous[shape] = row["ms"]
    return lines


def _quantile_cells(q: dict[str, int] | None) -> str:
    return "— | — | — | —" if q is None else f"{q['n']:,} | {q['p50']} | {q['p95']} | {q['max']}"


def mixed_load(result: dict[str, Any]) -> list[str]:
    """`bench.mixed_load`: p50/p95/max of reads, writes and each route while many clients run."""
    s, r = result["settings"], result["results"]
    db = s["database"].lower()
    lines = [
        _stamp(
            result,
            "python -m bench.mixed_load"
            + (" --db URL" if db == "postgresql" else "")
            + f" --seconds {s['seconds']:g} --think {s['think']:g}"
            + f" --json docs/results/mixed_load_{db}.json",
        ),
        f"{s['database']}, `serve --workers {s['workers']}`, {s['clients']} clients for "
        f"{s['seconds']:g} s, think {s['think']:g} s, {r['errors']} errors; milliseconds:",
        "",
        "| requests | n | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|",
        f"| **reads** | {_quantile_cells(r['reads'])} |",
        f"| **writes** | {_quantile_cells(r['writes'])} |",
    ]
    return lines + [f"| {route} | {_quantile_cells(q)} |" for route, q in r["routes"].items()]


def ingest_scale(result: dict[str, Any], name: str = "") -> list[str]:
    """`bench.ingest_scale`: N documents made from the corpus, one job and J; N from the result,
    which is `docs/results/<name>.json` (default: SQLite's `ingest_scale.json`, another
    database's `ingest_scale_<database>.json`)."""
    r, s = result["results"], result["settings"]
    db = "" if s.get("database", "sqlite") == "sqlite" else s["database"]
    name = name or "ingest_scale" + ("_" + db if db else "")
    lines = [
        _stamp(
            result,
            f"python -m bench.ingest_scale --docs {r['documents']} --jobs {s['jobs']}"
            + (" --db URL" if db else "")
            + f" --json docs/results/{name}.json",
        ),
        "",
        "| documents | jobs | time | speed | per document, first → last 10 % |",
        "|---:|---:|---:|---:|---|",
    ]
    return lines + [
        f"| {r['documents']:,} ({r['chars']:,} chars) | {run['jobs']} | {run['seconds']:.1f} s "
        f"| {run['chars_per_s']:,} chars/s | {run['first_tenth_s']:.3f} → {run['last_tenth_s']:.3f} s "
        f"(×{run['last_tenth_s'] / run['first_tenth_s']:.2f}) |"
        for run in r["runs"]
    ]


def ingest_real(result: dict[str, Any]) -> list[str]:
    """`bench.ingest_scale --docs 32`: the 32 real documents, `docs/results/ingest_real.json`."""
    return ingest_scale(result, "ingest_real")


# block name → (source, renderer); a source is "gold", "heldout", "chain", "ask" or "bench:<name>"
BLOCKS: dict[str, tuple[str, Callable[[dict[str, Any]], list[str]]]] = {
    "gold-overall": ("gold", gold_overall),
    "gold-scores": ("gold", gold_scores),
    "metadata": ("gold", metadata),
    "heldout-scores": ("heldout", heldout_scores),
    "links-chain": ("chain", links_chain),
    "ask": ("ask", ask_table),
    "ask-overall": ("ask", ask_overall),
    "bench-extract-speed": ("bench:extract_speed", extract_speed),
    "bench-cockpit-latency": ("bench:cockpit_latency", cockpit_latency),
    "bench-extract-scaling": ("bench:extract_scaling", extract_scaling),
    "bench-outline-speed": ("bench:outline_speed", outline_speed),
    "bench-domain-share": ("bench:domain_share", domain_share),
    "bench-ingest-speed-sqlite": ("bench:ingest_speed_sqlite", ingest_speed),
    "bench-ingest-speed-postgresql": ("bench:ingest_speed_postgresql", ingest_speed),
    "bench-status-speed": ("bench:status_speed", status_speed),
    "bench-mixed-load-sqlite": ("bench:mixed_load_sqlite", mixed_load),
    "bench-mixed-load-postgresql": ("bench:mixed_load_postgresql", mixed_load),
    "bench-ingest-scale": ("bench:ingest_scale", ingest_scale),
    "bench-ingest-scale-postgresql": ("bench:ingest_scale_postgresql", ingest_scale),
    "bench-ingest-real": ("bench:ingest_real", ingest_real),
}
