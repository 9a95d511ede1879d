#!/usr/bin/env python3
"""Regenerates keyplayer_networkx.csv: networkx's key-player values for Krackhardt's high-tech
managers and Cross & Parker's two networks, which tests/keyplayers.rs compares orgsphere's
with. Written from the definitions, independently of orgsphere's code.

Usage: python3 tests/data/keyplayer_reference.py   (pip install networkx)

Definitions (Borgatti, S. P. (2006). Identifying sets of key players in a social network.
Computational and Mathematical Organization Theory 12, 21-34):
- the influence layer: every person of org.csv is a node; a survey answer on an influence
  question is a tie respondent -> nominee. Krackhardt: advice (friendship is social, never
  influence). Cross & Parker: both questions (information and value; information and
  awareness), each a roster rated on a scale whose lowest answer means "never" / "strongly
  disagree": only answers above the middle of the values seen are ties (4 and 5 on 1-5; 4 to
  6 on 1-6), as VALIDATION.md and tests/published.rs read them. A weight of 0 is no tie.
- Borgatti's measures on the undirected graph (a tie either way joins two people):
  F = 1 - (ordered pairs joined by a path) / (n(n-1));
  DF = 1 - sum over ordered pairs i != j of 1/d(i, j) / (n(n-1)), 1/inf = 0.
  After removing person v: the same on the n - 1 others.
- only_source: people whose sole nominee on some influence question is v; main_source: the
  other people whose heaviest nominee on some question is v, strictly heavier than every
  other nominee of theirs there (each dependent counted once).

Rows: dataset, removed (empty: the whole layer), fragmentation, distance_weighted,
only_source, main_source (empty on the whole-layer row).
"""
import csv
import os
from collections import defaultdict

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DATASETS = [
    ("krackhardt", os.path.join(ROOT, "sample-data", "krackhardt"), {"advice"}),
    (
        "cross_parker_consulting",
        os.path.join(HERE, "published", "cross_parker_consulting"),
        {"information", "value"},
    ),
    (
        "cross_parker_manufacturing",
        os.path.join(HERE, "published", "cross_parker_manufacturing"),
        {"information", "awareness"},
    ),
]


def ties(folder, questions):
    """{question: {(respondent, nominee): weight}} of the ties, rating scales cut above their
    middle."""
    answers = defaultdict(dict)
    with open(os.path.join(folder, "survey.csv"), newline="") as f:
        for r in csv.DictReader(f):
            q = r["question"]
            if q not in questions or not r["nominee_id"] or r["respondent_id"] == r["nominee_id"]:
                continue
            w = float(r["weight"]) if r["weight"] else 1.0
            key = (r["respondent_id"], r["nominee_id"])
            answers[q][key] = max(w, answers[q].get(key, 0.0))
    out = {}
    for q, pairs in answers.items():
        values = sorted(set(pairs.values()))
        if len(values) >= 3:
            middle = (values[0] + values[-1]) / 2
            pairs = {k: w for k, w in pairs.items() if w > middle}
        out[q] = {k: w for k, w in pairs.items() if w > 0}
    return out


def fragmentation(g):
    n = g.number_of_nodes()
    if n < 2:
        return 0.0, 0.0
    reached = 0
    inverse = 0.0
    for source, lengths in nx.all_pairs_shortest_path_length(g):
        for target, d in lengths.items():
            if target != source:
                reached += 1
                inverse += 1.0 / d
    pairs = n * (n - 1)
    return 1.0 - reached / pairs, 1.0 - inverse / pairs


def dependents(per_question):
    """{person: (only, main)}."""
    kinds = defaultdict(dict)  # source -> dependent -> "only" | "main"
    for pairs in per_question.values():
        named = defaultdict(list)
        for (i, j), w in pairs.items():
            named[i].append((w, j))
        for i, lst in named.items():
            if len(lst) == 1:
                kinds[lst[0][1]][i] = "only"
            else:
                lst.sort(reverse=True)
                if lst[0][0] > lst[1][0]:
                    source = lst[0][1]
                    if kinds[source].get(i) != "only":
                        kinds[source][i] = "main"
    return {
        p: (sum(1 for k in d.values() if k == "only"), sum(1 for k in d.values() if k == "main"))
        for p, d in kinds.items()
    }


def main():
    rows = []
    for name, folder, questions in DATASETS:
        with open(os.path.join(folder, "org.csv"), newline="") as f:
            people = [r["employee_id"] for r in csv.DictReader(f)]
        per_question = ties(folder, questions)
        g = nx.Graph()
        g.add_nodes_from(people)
        for pairs in per_question.values():
            g.add_edges_from(pairs)
        f, df = fragmentation(g)
        rows.append([name, "", f"{f:.12f}", f"{df:.12f}", "", ""])
        dep = dependents(per_question)
        for p in people:
            h = g.copy()
            h.remove_node(p)
            f, df = fragmentation(h)
            only, main_ = dep.get(p, (0, 0))
            rows.append([name, p, f"{f:.12f}", f"{df:.12f}", only, main_])
    with open(os.path.join(HERE, "keyplayer_networkx.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["dataset", "removed", "fragmentation", "distance_weighted", "only_source", "main_source"]
        )
        w.writerows(rows)


if __name__ == "__main__":
    main()
