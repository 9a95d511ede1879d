"""The analyst's pipeline in python-igraph: `python3 pipeline_igraph.py ORG_DIR OUT_DIR`."""

import os

import igraph as ig

import common


def pipeline(org_dir, out_dir):
    stages = common.Stages()
    org, edges = common.read_inputs(org_dir)
    stages.done("read")
    ids = org["employee_id"].tolist()
    g = ig.Graph(n=len(ids), edges=list(zip(edges["src"].tolist(), edges["dst"].tolist())),
                 directed=True)
    g.es["weight"] = edges["weight"].tolist()
    stages.done("graph")
    in_degree = g.indegree()
    pagerank = g.pagerank(damping=0.85, weights="weight", directed=True)
    stages.done("pagerank")
    # igraph ≥ 0.10 takes `sources`: the shortest paths from a sample of sources only.
    sources = common.sample_sources(len(ids))
    if sources is None:
        betweenness = g.betweenness(directed=True)
    else:
        scale = len(ids) / len(sources)
        betweenness = [b * scale for b in g.betweenness(directed=True, sources=sources)]
    stages.done("betweenness")
    undirected = g.as_undirected(combine_edges={"weight": "sum"})
    parts = undirected.community_multilevel(weights="weight")
    community = parts.membership
    stages.done("communities")
    leaders, bar = common.write_metrics(org, out_dir, in_degree, pagerank, betweenness, community)
    g.vs["id"] = ids
    g.vs["in_degree"] = in_degree
    g.vs["pagerank"] = pagerank
    g.vs["betweenness"] = betweenness
    g.vs["community"] = community
    g.write_graphml(os.path.join(out_dir, "graph.graphml"))
    stages.done("write")
    return {"people": len(ids), "edges": g.ecount(), "leaders": leaders, "bar": bar,
            "communities": len(parts), "stages": stages.times}


if __name__ == "__main__":
    common.run(pipeline)
