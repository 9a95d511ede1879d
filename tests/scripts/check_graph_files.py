#!/usr/bin/env python3
"""Opens orgsphere's graph files the way their users' tools do, with networkx.

Usage: python3 tests/scripts/check_graph_files.py RESULTS_DIR

Checks that networkx reads graph.graphml and graph.gexf with every person of people.csv,
each node's role and pagerank equal to people.csv, edges of both layers (authority and
influence, with question and weight), a GEXF viz position, colour and size on every node,
and that graph.json (D3 node-link) and graph.cyjs (Cytoscape.js) load. Exits 1 on the first
failure with a message; prints one line per file on success.
"""
import csv
import json
import math
import sys
from collections import Counter
from pathlib import Path

import networkx as nx


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def people_of(out):
    with open(out / "people.csv", newline="", encoding="utf-8") as f:
        return {row["employee_id"]: row for row in csv.DictReader(f)}


def check_nodes(name, g, people):
    if set(g.nodes) != set(people):
        fail(f"{name}: nodes differ from people.csv ({len(g)} vs {len(people)})")
    for pid, row in people.items():
        data = g.nodes[pid]
        if data.get("role") != row["role"]:
            fail(f"{name}: role of {pid} is {data.get('role')!r}, people.csv says {row['role']!r}")
        if not math.isclose(float(data["pagerank"]), float(row["pagerank"]), rel_tol=1e-9):
            fail(f"{name}: pagerank of {pid} differs")
        if not isinstance(data["in_degree"], int):
            fail(f"{name}: in_degree of {pid} is not typed as an integer")


def check_edges(name, g, people):
    layers = Counter(d.get("layer") for _, _, d in g.edges(data=True))
    authority = sum(1 for r in people.values() if r["manager_id"])
    if layers["authority"] != authority:
        fail(f"{name}: {layers['authority']} authority edges, people.csv has {authority} managers")
    if layers["influence"] == 0:
        fail(f"{name}: no influence edges")
    for u, v, d in g.edges(data=True):
        if d["layer"] == "influence" and (not d.get("question") or float(d["weight"]) <= 0):
            fail(f"{name}: influence edge {u}->{v} lacks a question or a weight")
    questions = Counter(d.get("question") for _, _, d in g.edges(data=True) if d["layer"] == "influence")
    return layers, questions


def check_viz(g):
    for pid, data in g.nodes(data=True):
        viz = data.get("viz") or {}
        pos, color = viz.get("position"), viz.get("color")
        if not pos or not all(k in pos for k in "xyz"):
            fail(f"graph.gexf: node {pid} has no viz position")
        if not color or not all(k in color for k in "rgb"):
            fail(f"graph.gexf: node {pid} has no viz colour")
        if "size" not in viz:
            fail(f"graph.gexf: node {pid} has no viz size")
    positions = {(d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in g.nodes(data=True)}
    if len(positions) != len(g):
        fail("graph.gexf: two people share a position")


def main():
    out = Path(sys.argv[1])
    people = people_of(out)
    gml = nx.read_graphml(out / "graph.graphml")
    check_nodes("graph.graphml", gml, people)
    layers, questions = check_edges("graph.graphml", gml, people)
    print(f"graph.graphml: {len(gml)} people, {dict(layers)}, questions {dict(questions)}")
    gexf = nx.read_gexf(out / "graph.gexf")
    check_nodes("graph.gexf", gexf, people)
    layers, questions = check_edges("graph.gexf", gexf, people)
    check_viz(gexf)
    print(f"graph.gexf: {len(gexf)} people, {dict(layers)}, questions {dict(questions)}, viz on every node")
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    d3 = nx.node_link_graph(data, edges="links")
    if set(d3.nodes) != set(people) or d3.number_of_edges() != gml.number_of_edges():
        fail("graph.json: nodes or links differ from graph.graphml")
    print(f"graph.json: {len(d3)} nodes, {d3.number_of_edges()} links")
    cy = json.loads((out / "graph.cyjs").read_text(encoding="utf-8"))
    nodes, edges = cy["elements"]["nodes"], cy["elements"]["edges"]
    if {n["data"]["id"] for n in nodes} != set(people) or len(edges) != gml.number_of_edges():
        fail("graph.cyjs: nodes or edges differ from graph.graphml")
    if not all("position" in n for n in nodes):
        fail("graph.cyjs: a node has no position")
    print(f"graph.cyjs: {len(nodes)} nodes, {len(edges)} edges")
    print("OK")


if __name__ == "__main__":
    main()
