#!/usr/bin/env python3
"""Regenerates krackhardt_networkx.csv: networkx's values for Krackhardt's high-tech managers,
which tests/krackhardt.rs compares orgsphere's output with.

Usage: python3 tests/data/networkx_reference.py   (pip install networkx numpy scipy)
Definitions: a survey row respondent -> nominee is a directed edge; every person in org.csv
is a node; PageRank alpha 0.85 (unweighted, every tie weighs 1), tol 1e-12; betweenness
normalised for a directed graph, unweighted; closeness = harmonic centrality / (n - 1);
constraint and effective size by networkx's per-node definitions (nodes=...), unweighted;
reciprocity per node; core number with in + out degree.
"""
import csv
import os

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "sample-data", "krackhardt")


def main():
    with open(os.path.join(DATA, "org.csv"), newline="") as f:
        people = [r["employee_id"] for r in csv.DictReader(f)]
    with open(os.path.join(DATA, "survey.csv"), newline="") as f:
        survey = list(csv.DictReader(f))
    rows = []
    for question in ("advice", "friendship"):
        g = nx.DiGraph()
        g.add_nodes_from(people)
        g.add_edges_from((r["respondent_id"], r["nominee_id"]) for r in survey if r["question"] == question)
        pr = nx.pagerank(g, alpha=0.85, tol=1e-12)
        bc = nx.betweenness_centrality(g, normalized=True)
        hc = nx.harmonic_centrality(g)
        tied = [p for p in people if g.degree(p) > 0]
        con = nx.constraint(g, nodes=tied)
        esize = nx.effective_size(g, nodes=tied)
        rec = nx.reciprocity(g, tied)
        core = nx.core_number(g)
        n = len(people)
        fmt = lambda d, p: f"{d[p]:.12f}" if p in d else ""
        for p in people:
            rows.append((question, p, g.in_degree(p), g.out_degree(p), f"{pr[p]:.12f}", f"{bc[p]:.12f}",
                         f"{hc[p] / (n - 1):.12f}", fmt(con, p), fmt(esize, p), fmt(rec, p), core[p]))
    with open(os.path.join(HERE, "krackhardt_networkx.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["question", "employee_id", "in_degree", "out_degree", "pagerank", "betweenness",
                    "closeness", "constraint", "effective_size", "reciprocity", "core"])
        w.writerows(rows)
    print("networkx", nx.__version__)


if __name__ == "__main__":
    main()
