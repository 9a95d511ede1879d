#!/usr/bin/env python3
"""Reference values for orgsphere's perception analysis, computed independently of its code.

Reads Krackhardt's cognitive social structure (tests/data/published/krackhardt_css/css.csv:
perceiver_id, sender_id, receiver_id, relation; 21 managers, each reporting every advice and
friendship tie they believe exists among all 21) and the org chart
(sample-data/krackhardt/org.csv), and writes four CSV files beside this script:

  css_reference_structures.csv  per relation: ties in the row LAS (self-report), column LAS,
                                LAS intersection, LAS union and consensus structure (>50 %).
  css_reference_perceivers.csv  per relation, perceiver and actual network: hits, misses,
                                false alarms, correct rejections, hit rate, false-alarm rate,
                                Cohen's kappa.
  css_reference_people.csv      per relation and person: actual in-degree (row LAS) and
                                perceived in-degree (perceivers who see them sought).
  css_reference_power.csv       per relation: Spearman correlation of each perceiver's kappa
                                (against the row LAS) with formal reach, level and in-degree,
                                and a permutation p-value (numpy, seed 19, 20,000 draws).

Definitions (README "Perceptions"):
  * slice k: the ties perceiver k reports.  Row LAS: i->j when i says so in his own slice
    (the self-report, what a survey holds).  Column LAS: when j says so.  Intersection: both.
    Union: either.  Consensus: more than half of the perceivers report it.
  * A perceiver is scored on the ordered pairs (i, j), i != j, whose sender i is not the
    perceiver: his own nominations are his survey answers, not a perception of others.
    Against actual network A: hit = perceived and in A, miss = in A not perceived, false
    alarm = perceived not in A, correct rejection = neither.
  * hit rate = H / (H + M); false-alarm rate = FA / (FA + CR); kappa (Cohen 1960) =
    (po - pe) / (1 - pe), po = (H + CR) / T, pe = ((H + FA)(H + M) + (M + CR)(FA + CR)) / T^2.
  * formal reach: people below in the reports-to tree (self excluded); level: the org
    chart's level column (1 = CEO); in-degree: advice (or friendship) nominations received
    in the row LAS.

Needs numpy and networkx (networkx only for the formal tree).  python3 css_reference.py
"""
import csv
import os

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CSS = os.path.join(HERE, "published", "krackhardt_css", "css.csv")
ORG = os.path.join(ROOT, "sample-data", "krackhardt", "org.csv")
RELATIONS = ["advice", "friendship"]
DRAWS = 20000


def load():
    with open(ORG, newline="") as f:
        org = list(csv.DictReader(f))
    people = sorted(int(r["employee_id"]) for r in org)
    slices = {rel: {k: set() for k in people} for rel in RELATIONS}
    with open(CSS, newline="") as f:
        for r in csv.DictReader(f):
            k, i, j = int(r["perceiver_id"]), int(r["sender_id"]), int(r["receiver_id"])
            slices[r["relation"]][k].add((i, j))
    return org, people, slices


def structures(people, s):
    row = {(i, j) for i in people for (a, j) in s[i] if a == i}
    col = {(i, j) for j in people for (i, b) in s[j] if b == j}
    counts = {}
    for k in people:
        for t in s[k]:
            counts[t] = counts.get(t, 0) + 1
    consensus = {t for t, c in counts.items() if c > len(people) / 2}
    return {"row": row, "column": col, "intersection": row & col, "union": row | col,
            "consensus": consensus}


def score(k, people, perceived, actual):
    h = m = fa = cr = 0
    for i in people:
        if i == k:
            continue
        for j in people:
            if j == i:
                continue
            p, a = (i, j) in perceived, (i, j) in actual
            h += p and a
            m += a and not p
            fa += p and not a
            cr += not p and not a
    t = h + m + fa + cr
    po = (h + cr) / t
    pe = ((h + fa) * (h + m) + (m + cr) * (fa + cr)) / t ** 2
    kappa = (po - pe) / (1 - pe) if pe < 1 else float("nan")
    hr = h / (h + m) if h + m else float("nan")
    far = fa / (fa + cr) if fa + cr else float("nan")
    return h, m, fa, cr, hr, far, kappa


def ranks(x):
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, kind="mergesort")
    r = np.empty(len(x))
    sx = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and sx[j + 1] == sx[i]:
            j += 1
        r[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return r


def pearson(a, b):
    a, b = a - a.mean(), b - b.mean()
    d = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / d) if d > 0 else float("nan")


def spearman_test(acc, power, rng):
    ra, rp = ranks(acc), ranks(power)
    r = pearson(ra, rp)
    extreme = sum(abs(pearson(rng.permutation(ra), rp)) >= abs(r) - 1e-12 for _ in range(DRAWS))
    return r, (extreme + 1) / (DRAWS + 1)


def main():
    org, people, slices = load()
    tree = nx.DiGraph()
    tree.add_nodes_from(people)
    for r in org:
        if r["manager_id"]:
            tree.add_edge(int(r["manager_id"]), int(r["employee_id"]))
    reach = {p: len(nx.descendants(tree, p)) for p in people}
    level = {int(r["employee_id"]): int(r["level"]) for r in org}

    rows_s, rows_p, rows_people, rows_power = [], [], [], []
    for rel in RELATIONS:
        s = slices[rel]
        st = structures(people, s)
        rows_s.append([rel] + [len(st[x]) for x in ["row", "column", "intersection", "union", "consensus"]])
        kappas = {}
        for against in ["row", "intersection"]:
            for k in people:
                h, m, fa, cr, hr, far, kappa = score(k, people, s[k], st[against])
                rows_p.append([rel, k, against, h, m, fa, cr, f"{hr:.10f}", f"{far:.10f}", f"{kappa:.10f}"])
                if against == "row":
                    kappas[k] = kappa
        indeg = {p: sum(1 for (_, j) in st["row"] if j == p) for p in people}
        for p in people:
            seen = sum(1 for k in people if k != p and any(j == p and i != k for (i, j) in s[k]))
            rows_people.append([rel, p, indeg[p], seen])
        rng = np.random.default_rng(19)
        acc = np.array([kappas[k] for k in people])
        for name, values in [("formal_reach", reach), ("level", level), ("in_degree", indeg)]:
            r, pval = spearman_test(acc, np.array([values[k] for k in people], dtype=float), rng)
            rows_power.append([rel, name, len(people), f"{r:.10f}", f"{pval:.4f}"])

    def write(name, header, rows):
        with open(os.path.join(HERE, name), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("css_reference_structures.csv",
          ["relation", "row_las", "column_las", "las_intersection", "las_union", "consensus"], rows_s)
    write("css_reference_perceivers.csv",
          ["relation", "perceiver", "against", "hits", "misses", "false_alarms",
           "correct_rejections", "hit_rate", "false_alarm_rate", "kappa"], rows_p)
    write("css_reference_people.csv", ["relation", "person", "in_degree", "perceived_in_degree"], rows_people)
    write("css_reference_power.csv", ["relation", "power", "perceivers", "spearman", "permutation_p"], rows_power)
    for r in rows_s:
        print(*r)
    for r in rows_power:
        print(*r)


if __name__ == "__main__":
    main()
