"""Recall and precision of the case scanner per kind on the labelled sets, plus speed and memory.

Run: .venv/bin/python benchmarks/scanner_quality.py [--show-errors]
"""

import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

from intervisie.scanner import scan  # noqa: E402
from intervisie.scanner.evaluation import evaluate, load  # noqa: E402

DATA = ROOT / "tests" / "intervisie" / "data"


def pct(value):
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def report(name, result, show_errors):
    print(f"\n{name}: {result['cases']} cases")
    print(f"{'kind':10} {'labelled':>8} {'recall':>7} {'kind ok':>7} {'found':>6} {'precision':>9}")
    for kind, row in list(result["per_kind"].items()) + [("ALL", result["overall"])]:
        print(f"{kind:10} {row['labelled']:8d} {pct(row['recall']):>7} {pct(row['kind_right']):>7} "
              f"{row['found']:6d} {pct(row['precision']):>9}")
    if show_errors:
        for kind, text, _ in result["misses"]:
            print(f"  missed {kind}: {text!r}")
        for kind, text, _ in result["false_alarms"]:
            print(f"  false alarm {kind}: {text!r}")


def speed():
    cases = load(DATA / "cases_dev.txt")
    text = " ".join(t for t, _ in cases)
    text = text[:2000].rsplit(" ", 1)[0]
    scan(text)  # warm: word lists loaded
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        scan(text)
        times.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    scan(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\nspeed: {len(text)}-character case, warm, 50 runs: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms (budget 50 ms)")
    print(f"memory: peak {peak / 1e6:.1f} MB allocated during one scan; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (budget 400 MB)")


if __name__ == "__main__":
    show = "--show-errors" in sys.argv
    report("dev set (used to tune)", evaluate(load(DATA / "cases_dev.txt")), show)
    report("held-out set (never tuned on)", evaluate(load(DATA / "cases_holdout.txt")), show)
    speed()
