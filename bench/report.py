"""Write bench/RESULTS.md from the figures the other bench scripts saved in bench/results/."""

import os
import platform
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

# The targets the issues set, as (page, reader, lowest ratio to the ceiling of the same kind).
TARGETS = [
    ("story, 1,000 comments", "anonymous", 0.5),
    ("story, 1,000 comments", "signed_in", 0.5),
    ("thread, 100 comments", "signed_in", 0.5),
    ("home", "signed_in", 0.3),
    ("stories list", "signed_in", 0.3),
    ("borough page", "signed_in", 0.3),
    ("story, 1,000 comments", "responder", 0.3),
]
READERS = {"anonymous": "visitor", "signed_in": "signed-in reader", "responder": "member who responded"}
CEILING_TARGET = 0.6  # issue 18: the signed-in ceiling at 60 % of the session-and-member floor or more
# Runs saved under these names (bench/load.py --name) compared, before and after a change.
COMPARED = {
    "the signed-in ceiling against the floor": ("ceilings-before", "ceilings-after", "ceilings"),
    "pages against their ceiling": ("before", "pages-after", "pages"),
}
SECTION = "## Before and after: permissions from the cache, routing without private APIs"


UNDECIDED = "not decided by this run"
# Issue 18's search targets: single-client median at N documents, in ms.
SEARCH_TARGETS = {10_000: 30, 100_000: 50}


def verdict(ratio, target):
    """Met only if every round met it; missed if none did. Otherwise the spread is wider than the
    margin between the median and the target: the run cannot tell, whatever the median says."""
    if ratio["min"] >= target:
        return "met"
    if ratio["max"] < target:
        return "missed"
    return UNDECIDED


def _loads(row):
    loads = [r.get("loadavg", [r["load"]])[0] for r in row["rounds"]]
    return f"load average {min(loads):.1f}–{max(loads):.1f}" if len(loads) > 1 else f"load average {loads[0]:.1f}"


def _against(row, target, of):
    r = row["ratio"]
    said = (
        f"{r['median']:.0%} of {of} ({r['min']:.0%} to {r['max']:.0%} over {len(row['rounds'])} rounds, {_loads(row)})"
    )
    if target is None:
        return said + "."
    margin, width = r["median"] - target, r["max"] - r["min"]
    return (
        f"{said}; target {target:.0%}: **{verdict(r, target)}** (median {margin * 100:+.0f} points from the "
        f"target, spread {width * 100:.0f} points)."
    )


def reading(load, search=None):
    """What the figures say, derived from this run (never fixed text)."""
    pages = load["pages"]
    lines = ["## What the figures say (derived from this run)", ""]
    targeted = set()
    for name, who, target in TARGETS:
        row = pages.get(name, {}).get(who)
        if row:
            targeted.add((name, who))
            lines.append(f"- {name}, {READERS[who]}: " + _against(row, target, "the ceiling beside it"))
    visitors = {name: row["anonymous"] for name, row in pages.items() if "anonymous" in row}
    others = {name: row for name, row in visitors.items() if (name, "anonymous") not in targeted}
    if others:
        low = min(others, key=lambda n: others[n]["ratio"]["median"])
        high = max(others, key=lambda n: others[n]["ratio"]["median"])
        lines.append(
            f"- Visitors, the other pages against the visitor ceiling: from {others[low]['ratio']['median']:.0%} "
            f"({low}) to {others[high]['ratio']['median']:.0%} ({high})."
        )
    for name, row in load.get("ceilings", {}).items():
        who = "signed_in" if "signed_in" in row else "anonymous"
        target = CEILING_TARGET if who == "signed_in" else None
        lines.append(f"- The {name}: " + _against(row[who], target, "the session-and-member floor"))
    signed = {name: row["signed_in"]["ratio"]["median"] for name, row in pages.items() if "signed_in" in row}
    if signed:
        slowest = min(signed, key=signed.get)
        fastest = max(signed, key=signed.get)
        lines.append(
            f"- Signed in, the slowest page against its ceiling is {slowest} ({signed[slowest]:.0%}), "
            f"the fastest {fastest} ({signed[fastest]:.0%})."
        )
    widths = [
        row[who]["ratio"]["max"] - row[who]["ratio"]["min"] for row in pages.values() for who in READERS if who in row
    ]
    if widths:
        lines.append(
            f"- The widest spread of a ratio between rounds was {max(widths):.0%} (median {statistics.median(widths):.0%}): "
            "a difference between two runs smaller than that is noise."
        )
    errors = sum(row[who]["errors"] for row in pages.values() for who in READERS if who in row)
    lines.append(f"- Errors and non-2xx answers in all runs: {errors}.")
    lines += search_reading(search)
    return [*lines, ""]


def spread_ms(value):
    """A figure bench/search.py measured in rounds ({median, min, max}) or, from an older run, once."""
    if isinstance(value, dict):
        return f"{value['median']:.1f} ({value['min']:.1f}–{value['max']:.1f})"
    return f"{value}"


def search_reading(search):
    """Each search size that has a target: the run's median against it."""
    lines = []
    for n, row in (search or {}).get("sizes", {}).items():
        target = SEARCH_TARGETS.get(int(n))
        if target is None:
            continue
        # bench/search.py keeps each round's figures; an older run kept one median (or a list of them).
        medians = row.get("run_medians_ms") or [r["median_ms"] for r in row.get("rounds", [])]
        if medians and len(medians) >= 3:
            said = "met" if max(medians) < target else "missed" if min(medians) >= target else UNDECIDED
            lines.append(
                f"- Search at {int(n):,} documents: median {statistics.median(medians):.1f} ms "
                f"({min(medians):.1f} to {max(medians):.1f} over {len(medians)} runs); target under {target} ms: "
                f"**{said}**."
            )
        else:
            median = row["median_ms"]["median"] if isinstance(row["median_ms"], dict) else row["median_ms"]
            side = "under" if median < target else "not under"
            lines.append(
                f"- Search at {int(n):,} documents: median {median} ms (p95 {spread_ms(row['p95_ms'])} ms), {side} "
                f"the {target} ms target in this one run; one run has no spread: **{UNDECIDED}** "
                "(repeat it three times)."
            )
    return lines


def _cell(row):
    r = row["ratio"]
    loads = [round(x["load"], 1) for x in row["rounds"]]
    return (
        f"{r['median']:.0%} ({r['min']:.0%}–{r['max']:.0%}) | {row['rps']['median']:.0f}/s "
        f"| {row['ceiling_rps']['median']:.0f}/s | {min(loads)}–{max(loads)}"
    )


def compare(before, after, label):
    """One line on a before/after pair of one ratio, derived from the two runs' spreads."""
    b, a = before["ratio"], after["ratio"]
    if a["min"] > b["max"]:
        said = "higher after, beyond both spreads"
    elif a["max"] < b["min"]:
        said = "lower after, beyond both spreads"
    else:
        said = "the spreads overlap: no difference shown"
    loads = [statistics.median(r["load"] for r in run["rounds"]) for run in (before, after)]
    return (
        f"- {label}: {b['median']:.0%} before, {a['median']:.0%} after; {said} "
        f"(load average {loads[0]:.1f} before, {loads[1]:.1f} after)."
    )


def before_and_after(load_json=common.load):
    """The section on the runs `COMPARED` names, when they were saved (empty otherwise)."""
    lines = [
        SECTION,
        "",
        "Saved by `bench/load.py --only ... --name ...` (before: the code before this change, in a copy of the "
        "tree; after: this tree), same database, server settings and wrk settings as above. Each cell: median "
        "ratio (lowest–highest over the rounds) | median req/s | median req/s of the view measured just "
        "before it | the load average over the rounds. The floor (`/bench/floor/`) loads the session and the "
        "member and renders nothing; the ceiling (`/bench/ceiling/`) renders `base.html` for them.",
        "",
    ]
    found = False
    for title, (before_name, after_name, key) in COMPARED.items():
        before, after = load_json(before_name), load_json(after_name)
        if not (before and after and before.get(key) and after.get(key)):
            continue
        found = True
        lines += [f"**{title.capitalize()}**", "", "| page | reader | run | ratio | req/s | beside it | load |"]
        lines.append("|---|---|---|---|---:|---:|---|")
        said = []
        for name, row in after[key].items():
            for who in READERS:
                if who in row and who in before[key].get(name, {}):
                    for run, data in (("before", before[key][name][who]), ("after", row[who])):
                        lines.append(
                            f"| {name} | {READERS[who]} | {run} ({len(data['rounds'])} rounds) | {_cell(data)} |"
                        )
                    said.append(compare(before[key][name][who], row[who], f"{name}, {READERS[who]}"))
                    if key == "ceilings":
                        said.append(
                            f"- Issue 18's target, the signed-in ceiling at {CEILING_TARGET:.0%} of the floor or more: "
                            f"**{verdict(row[who]['ratio'], CEILING_TARGET)}** after "
                            f"(**{verdict(before[key][name][who]['ratio'], CEILING_TARGET)}** before)."
                        )
        lines += ["", *said, ""]
    return lines if found else []


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    show = ["psql", common.PG + "/postgres", "-tAc", "SHOW server_version"]
    pg = subprocess.run(show, capture_output=True, text=True)  # noqa: S603, S607 - local psql, fixed SQL
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": pg.stdout.strip() or "?",
        "load": os.getloadavg(),
    }


def main():
    m = machine()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`bench/report.py`) on {now}.",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
        f"PostgreSQL {m['postgresql']}, Redis on the same machine. Load average when written: "
        f"{m['load'][0]:.1f} / {m['load'][1]:.1f} / {m['load'][2]:.1f}.",
        "",
        "**Noisy figures.** The machine is shared: other people's test suites run on the same two cores "
        "during the runs, and wrk itself runs there too. Repeat `make bench` and compare; treat single "
        "figures as rough.",
        "",
    ]
    prepared = common.load("prepare")
    if prepared:
        out += [
            f"Load-test data (`bench/prepare.py`, database `ll_bench`): {prepared['stories']:,} stories, "
            f"{prepared['threads']} threads, {prepared['comments']:,} published comments (1,000 on one story, "
            "100 on another, none on a third, 100 on one thread, the rest spread out).",
            "",
        ]
    queries = common.load("queries")
    if queries:
        out += [
            "## Queries per request (`bench/queries.py`)",
            "",
            "Rendered = page cache off (what a signed-in member, or the first visitor after a change, costs). "
            "Signed in = a member with nothing of their own on the page (shared fragments: `caching/fragments.py`); "
            "responder = a member who has written there (their conversations rendered for them); unshared = "
            "signed in with fragments off (the first reader after a change). "
            "Cache hit = an anonymous visitor served from the page cache.",
            "",
            "| page | anonymous, rendered | signed in | responder | signed in, unshared | anonymous, cache hit |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, row in queries.items():
            hit = "–" if row["anonymous_cached"] is None else row["anonymous_cached"]
            out.append(
                f"| {name} (`{row['url']}`) | {row['anonymous']} | {row['signed_in']} | {row.get('responder', '–')} "
                f"| {row.get('signed_in_unshared', '–')} | {hit} |"
            )
        out.append("")
    load = common.load("load")
    if load and "rounds" in load:
        out += [
            "## Throughput under gunicorn (`bench/load.py`)",
            "",
            f"gunicorn, 2 sync workers, production settings (`bench/settings.py` adds only the ceiling view), "
            f"PostgreSQL + Redis, access log off; wrk, 2 threads, {load['connections']} connections, "
            f"{load['duration']} s per run after a 1 s warm-up, {load['rounds']} rounds. The runs interleave "
            "(ceiling, page, ceiling, page, ..., ceiling) with the ceiling view for the same kind of request "
            "(anonymous, or with a session and a member), and each round's ratio is the page's requests/s over "
            "the mean of the two ceiling runs either side of it. Each cell: "
            "median ratio (lowest to highest over the rounds), median requests/s, median p95.",
            "",
            "| page | visitor | signed-in reader | member who responded | load average |",
            "|---|---|---|---|---|",
        ]
        for name, row in load["pages"].items():
            cells, loads = [], []
            for who in READERS:
                if who not in row:
                    cells.append("–")
                    continue
                c = row[who]
                loads += [r["load"] for r in c["rounds"]]
                cells.append(
                    f"{c['ratio']['median']:.0%} ({c['ratio']['min']:.0%}–{c['ratio']['max']:.0%}), "
                    f"{c['rps']['median']:.0f}/s, p95 {c['p95_ms']['median']:.0f} ms"
                )
            out.append(f"| {name} | " + " | ".join(cells) + f" | {min(loads):.1f}–{max(loads):.1f} |")
        ceilings = load["pages"][next(iter(load["pages"]))]
        out += [
            "",
            f"Ceilings (median of the runs beside the first page): visitor {ceilings['anonymous']['ceiling_rps']['median']:.0f}/s, "
            f"signed in {ceilings['signed_in']['ceiling_rps']['median']:.0f}/s.",
            "",
        ]
        for name, row in load.get("ceilings", {}).items():
            for who, c in row.items():
                if who in READERS:
                    out.append(
                        f"The {name} against the floor: {c['ratio']['median']:.0%} ({c['ratio']['min']:.0%}–"
                        f"{c['ratio']['max']:.0%}), {c['rps']['median']:.0f}/s beside {c['ceiling_rps']['median']:.0f}/s."
                    )
        out += ["", *reading(load, common.load("search"))]
    search = common.load("search")
    if search:
        out += [
            "## Search (`bench/search.py`, issue 5)",
            "",
            "Database `ll_bench_search` on PostgreSQL (Wagtail's database search backend, PostgreSQL full-text "
            f"search). N stories + N threads + N comments; each of {len(search['queries'])} fixed queries run "
            f"{search['repeat']} times through `/search/` (search, merge, highlight and render) after one warm-up.",
            "",
            "| N | median ms | p95 ms |",
            "|---:|---:|---:|",
        ]
        for n, row in search["sizes"].items():
            out.append(f"| {int(n):,} | {spread_ms(row['median_ms'])} | {spread_ms(row['p95_ms'])} |")
            loaded = row.get("four_connections")
            if loaded:
                out.append(
                    f"| {int(n):,}, four connections | {spread_ms(loaded['median_ms'])} | {spread_ms(loaded['p95_ms'])} |"
                )
        out.append("")
    compared = before_and_after()
    if not compared:  # the compared runs' files are gone: keep that section as the last report wrote it
        old = (common.BENCH / "RESULTS.md").read_text() if (common.BENCH / "RESULTS.md").exists() else ""
        compared = [old[old.index(SECTION) :].rstrip("\n")] if SECTION in old else []
    out += compared
    (common.BENCH / "RESULTS.md").write_text("\n".join(out) + "\n")
    print("\n".join(out))


def section_only():
    """Replace (or add) only the before-and-after section of RESULTS.md, keeping the rest as it is."""
    path = common.BENCH / "RESULTS.md"
    text = path.read_text()
    head, _, tail = text.partition(SECTION)
    rest = tail[tail.find("\n## ") :] if "\n## " in tail else ""
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(before_and_after()) + rest)


if __name__ == "__main__":
    section_only() if "--before-and-after" in sys.argv else main()
