"""The analyst's pipeline in networkx: `python3 pipeline_networkx.py ORG_DIR OUT_DIR`."""

import os

import networkx as nx

import common


def pipeline(org_dir, out_dir):
    stages = common.Stages()
    org, edges = common.read_inputs(org_dir)
    stages.done("read")
    ids = org["employee_id"].tolist()
    g = nx.DiGraph()
    g.add_nodes_from(range(len(ids)))
    g.add_weighted_edges_from(edges.itertuples(index=False, name=None))
    stages.done("graph")
    in_degree = [d for _, d in sorted(g.in_degree())]
    pr = nx.pagerank(g, alpha=0.85, weight="weight")
    pagerank = [pr[v] for v in range(len(ids))]
    stages.done("pagerank")
    sources = common.sample_sources(len(ids))
    k = None if sources is None else len(sources)
    bc = nx.betweenness_centrality(g, k=k, seed=1, normalized=False)
    betweenness = [bc[v] for v in range(len(ids))]
    stages.done("betweenness")
    parts = nx.community.louvain_communities(g.to_undirected(), weight="weight", seed=1)
    community = [0] * len(ids)
    for c, members in enumerate(parts):
        for v in members:
            community[v] = c
    stages.done("communities")
    leaders, bar = common.write_metrics(org, out_dir, in_degree, pagerank, betweenness, community)
    for v in g:
        g.nodes[v].update(
            id=ids[v], in_degree=in_degree[v], pagerank=pagerank[v],
            betweenness=betweenness[v], community=community[v],
        )
    nx.write_graphml(g, os.path.join(out_dir, "graph.graphml"))
    stages.done("write")
    return {"people": len(ids), "edges": g.number_of_edges(), "leaders": leaders, "bar": bar,
            "communities": len(parts), "stages": stages.times}


if __name__ == "__main__":
    common.run(pipeline)
