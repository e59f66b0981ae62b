"""Recall and precision of the scanner on labelled case texts ("{kind|text}" marks an identifier).

A labelled identifier counts as found when findings cover all of its characters (whatever kind they give it:
what matters for anonymisation is that it is replaced); "kind right" also asks for the right kind.
A finding counts as correct when it overlaps a labelled identifier.
"""

import re
from collections import Counter
from pathlib import Path

from . import scan

MARK = re.compile(r"\{(\w+)\|([^{}]+)\}")


def parse_labelled(line):
    """("plain text", [(start, end, kind)]) from a labelled line."""
    text, spans, last = "", [], 0
    for m in MARK.finditer(line):
        text += line[last:m.start()]
        spans.append((len(text), len(text) + len(m.group(2)), m.group(1)))
        text += m.group(2)
        last = m.end()
    return text + line[last:], spans


def load(path):
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [parse_labelled(line) for line in lines if line.strip() and not line.startswith("#")]


def evaluate(cases):
    """Counts per kind and overall, plus the misses and false alarms for reading."""
    gold_total, gold_found, gold_kind_right = Counter(), Counter(), Counter()
    pred_total, pred_right = Counter(), Counter()
    misses, false_alarms = [], []
    for text, gold in cases:
        findings = scan(text)
        for start, end, kind in gold:
            gold_total[kind] += 1
            covered = set()
            for f in findings:
                covered.update(range(max(start, f.start), min(end, f.end)))
            if len(covered) == end - start:
                gold_found[kind] += 1
                if any(f.kind == kind and f.start < end and start < f.end for f in findings):
                    gold_kind_right[kind] += 1
            else:
                misses.append((kind, text[start:end], text))
        for f in findings:
            pred_total[f.kind] += 1
            if any(f.start < end and start < f.end for start, end, _ in gold):
                pred_right[f.kind] += 1
            else:
                false_alarms.append((f.kind, f.text, text))
    kinds = sorted(set(gold_total) | set(pred_total))
    per_kind = {
        kind: {
            "labelled": gold_total[kind],
            "recall": gold_found[kind] / gold_total[kind] if gold_total[kind] else None,
            "kind_right": gold_kind_right[kind] / gold_total[kind] if gold_total[kind] else None,
            "found": pred_total[kind],
            "precision": pred_right[kind] / pred_total[kind] if pred_total[kind] else None,
        }
        for kind in kinds
    }
    overall = {
        "labelled": sum(gold_total.values()),
        "recall": sum(gold_found.values()) / max(1, sum(gold_total.values())),
        "kind_right": sum(gold_kind_right.values()) / max(1, sum(gold_total.values())),
        "found": sum(pred_total.values()),
        "precision": sum(pred_right.values()) / max(1, sum(pred_total.values())),
    }
    return {"cases": len(cases), "per_kind": per_kind, "overall": overall, "misses": misses,
            "false_alarms": false_alarms}
