"""Independent agreement figures for tests/unit/agreement*.test.ts.

Reads {"cases": [{"columns": [[v, ...], ...]}]} on stdin (one column per
rater, -1 = missing) and prints, per case, Cohen's kappa (scikit-learn, two
raters, items both valued), Fleiss' kappa (statsmodels, items every rater
valued) and Krippendorff's alpha (nltk, nominal, missing values left out).
A figure that cannot be computed (no item) is null; scikit-learn's and
statsmodels' 0/0 for a single category is reported as "nan".
"""
import json
import math
import sys
import warnings

import regex

warnings.filterwarnings("ignore")

from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def num(x):
    if x is None:
        return None
    x = float(x)
    return "nan" if math.isnan(x) else x


def figures(columns):
    n = len(columns[0]) if columns else 0
    out = {"cohenKappa": None, "fleissKappa": None, "krippendorffAlpha": None}
    if len(columns) == 2:
        pairs = [(a, b) for a, b in zip(*columns) if a != -1 and b != -1]
        if pairs:
            out["cohenKappa"] = num(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs]))
    complete = [[c[i] for c in columns] for i in range(n) if all(c[i] != -1 for c in columns)]
    if complete:
        table, _ = aggregate_raters(complete)
        out["fleissKappa"] = num(fleiss_kappa(table, method="fleiss"))
    data = [(str(r), str(i), str(v)) for r, c in enumerate(columns) for i, v in enumerate(c) if v != -1]
    if data:
        try:
            out["krippendorffAlpha"] = num(AnnotationTask(data).alpha())
        except (ValueError, ZeroDivisionError):
            out["krippendorffAlpha"] = None
    return out


TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|\S")


def prf(p, r):
    if p is None and r is None:
        f = None
    elif p is None or r is None:
        f = 0.0
    else:
        f = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return {"precision": p, "recall": r, "f1": f}


def overlap(x, y):
    return any(a < d and c < b for a, b in x for c, d in y)


def span_figures(a_spans, b_spans):
    """a_spans, b_spans: lists of (doc, label, fragments) tuples."""
    from collections import Counter
    labels = sorted({s[1] for s in a_spans} | {s[1] for s in b_spans})
    by = {}
    tot = [0, 0, 0, 0, 0]
    for l in labels:
        A = [s for s in a_spans if s[1] == l]
        B = [s for s in b_spans if s[1] == l]
        ka = Counter((s[0], tuple(map(tuple, s[2]))) for s in A)
        kb = Counter((s[0], tuple(map(tuple, s[2]))) for s in B)
        tp = sum((ka & kb).values())
        ob = sum(1 for s in B if any(t[0] == s[0] and overlap(s[2], t[2]) for t in A))
        oa = sum(1 for s in A if any(t[0] == s[0] and overlap(s[2], t[2]) for t in B))
        c = [len(A), len(B), tp, ob, oa]
        tot = [x + y for x, y in zip(tot, c)]
        by[l] = counts_to_figures(c)
    return {"byLabel": by, "micro": counts_to_figures(tot)}


def counts_to_figures(c):
    a, b, tp, ob, oa = c
    return {
        "a": a,
        "b": b,
        "exact": prf(tp / b if b else None, tp / a if a else None),
        "overlap": prf(ob / b if b else None, oa / a if a else None),
    }


def token_column(doc, spans):
    """Each token's label: the longest overlapping span (ties: earlier start, then label name), else O."""
    out = []
    for m in TOKEN.finditer(doc["text"]):
        s, e = m.start(), m.end()
        best = None
        for sp in spans:
            if any(a < e and s < b for a, b in sp["ranges"]):
                key = (-sum(b - a for a, b in sp["ranges"]), min(a for a, _ in sp["ranges"]), sp["label"])
                if best is None or key < best[0]:
                    best = (key, sp["label"])
        out.append(best[1] if best else "O")
    return out


def unitizing_alpha(L, raters):
    """Direct enumeration of Krippendorff's (2004) alpha_u for one category."""
    segs = []
    for units in raters:
        units = sorted(units)
        merged = []
        for a, b in units:
            if merged and a < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        seg, pos = [], 0
        for a, b in merged:
            if a > pos:
                seg.append((pos, a, False))
            seg.append((a, b, True))
            pos = b
        if pos < L:
            seg.append((pos, L, False))
        segs.append(seg)
    m = len(raters)
    units = [(a, b) for seg in segs for a, b, u in seg if u]
    if not units:
        return None
    do = 0.0
    for i in range(m):
        for j in range(m):
            if i == j:
                continue
            for g in segs[i]:
                for h in segs[j]:
                    if not (g[0] < h[1] and h[0] < g[1]):
                        continue
                    if g[2] and h[2]:
                        do += (g[0] - h[0]) ** 2 + (g[1] - h[1]) ** 2
                    elif g[2] and h[0] <= g[0] and g[1] <= h[1]:
                        do += (g[1] - g[0]) ** 2
                    elif h[2] and g[0] <= h[0] and h[1] <= g[1]:
                        do += (h[1] - h[0]) ** 2
    do /= m * (m - 1) * L * L
    if do == 0:
        return 1.0
    n = len(units)
    gaps = [b - a for seg in segs for a, b, u in seg if not u]
    num = 0.0
    for a, b in units:
        l = b - a
        num += (n - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3 + l * l * sum(g - l + 1 for g in gaps if g >= l)
    de = (2 / L) * num / (m * L * (m * L - 1) - sum((b - a) * (b - a - 1) for a, b in units))
    return 1 - do / de


def report(inp):
    anns = inp["annotators"]
    kinds = inp["labelKinds"]
    docs = inp["documents"]
    cont = sum(len(d["text"]) for d in docs)
    cols = {"claims": {}, "mentions": {}}
    for a in anns:
        for layer in cols:
            col = []
            for d in docs:
                sp = [s for s in d["spans"] if s["annotator"] == a and (kinds.get(s["label"]) == "claim") == (layer == "claims")]
                col += token_column(d, sp)
            cols[layer][a] = col
    units = {}
    base = 0
    for d in docs:
        for s in d["spans"]:
            if s["annotator"] in anns:
                units.setdefault(s["label"], {x: [] for x in anns})[s["annotator"]] += [(base + a, base + b) for a, b in s["ranges"]]
        base += len(d["text"])
    stance_items = {}
    for d in docs:
        for c in d["claims"]:
            if c["annotator"] in anns:
                stance_items.setdefault((d["id"], c["proposition"]), {}).setdefault(c["annotator"], set()).add(c["stance"])

    def coded(values):
        codes = {}
        return [[-1 if v is None else codes.setdefault(v, len(codes)) for v in col] for col in values]

    def stances(group):
        vals = []
        for item in stance_items.values():
            row = [None if a not in item else (next(iter(item[a])) if len(item[a]) == 1 else "mixed") for a in group]
            vals.append(row)
        cols_ = coded([[r[i] for r in vals] for i in range(len(group))])
        pairable = [r for r in vals if sum(v is not None for v in r) >= 2]
        same = sum(1 for r in pairable if len({v for v in r if v is not None}) == 1)
        f = figures(cols_) if vals else {"fleissKappa": None, "krippendorffAlpha": None}
        return {
            "items": len(pairable),
            "krippendorffAlpha": f["krippendorffAlpha"] if pairable else None,
            "agreement": same / len(pairable) if pairable else None,
            "fleissKappa": f["fleissKappa"],
        }

    def group_figures(group):
        tokens = {}
        for layer in cols:
            f = figures(coded([cols[layer][a] for a in group]))
            tokens[layer] = {"items": len(cols[layer][group[0]]), **f}
            if len(group) != 2:
                tokens[layer]["cohenKappa"] = None
        unit = {}
        for label in sorted(units):
            if any(units[label][a] for a in group):
                unit[label] = unitizing_alpha(cont, [units[label][a] for a in group])
        return {"tokens": tokens, "unitizing": {"byLabel": unit}, "stances": stances(group)}

    def spans_of(a):
        return [(d["id"], s["label"], sorted(s["ranges"])) for d in docs for s in d["spans"] if s["annotator"] == a]

    pairs = []
    for i in range(len(anns)):
        for j in range(i + 1, len(anns)):
            g = group_figures([anns[i], anns[j]])
            pairs.append({"annotators": [anns[i], anns[j]], "spans": span_figures(spans_of(anns[i]), spans_of(anns[j])), **g})
    out = {"annotators": anns, "documents": len(docs), **group_figures(anns), "pairs": pairs}
    if len(pairs) == 1:
        out["spans"] = pairs[0]["spans"]
    return out


inp = json.load(sys.stdin)
if "report" in inp:
    print(json.dumps(report(inp["report"])))
else:
    print(json.dumps([figures(c["columns"]) for c in inp["cases"]]))
