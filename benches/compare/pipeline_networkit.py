"""The analyst's pipeline in networkit: `python3 pipeline_networkit.py ORG_DIR OUT_DIR`."""

import os

import networkit as nk
import numpy as np

import common


def pipeline(org_dir, out_dir):
    stages = common.Stages()
    org, edges = common.read_inputs(org_dir)
    stages.done("read")
    ids = org["employee_id"].tolist()
    n = len(ids)
    g = nk.Graph(n, weighted=True, directed=True)
    g.addEdges((edges["weight"].to_numpy(np.float64),
                (edges["src"].to_numpy(np.int64), edges["dst"].to_numpy(np.int64))))
    stages.done("graph")
    in_degree = nk.centrality.DegreeCentrality(g, outDeg=False).run().scores()
    pagerank = nk.centrality.PageRank(
        g, damp=0.85, tol=1e-9, distributeSinks=nk.centrality.SinkHandling.DistributeSinks
    ).run().scores()
    stages.done("pagerank")
    # Betweenness counts hops, as in the other pipelines: on a weighted graph networkit
    # would run Dijkstra over the nomination weights.
    hops = nk.graphtools.toUnweighted(g)
    if n < common.EXACT_BELOW:
        bc = nk.centrality.Betweenness(hops)
    else:
        bc = nk.centrality.EstimateBetweenness(hops, common.SAMPLE_SOURCES, False, True)
    betweenness = bc.run().scores()
    stages.done("betweenness")
    undirected = nk.graphtools.toUndirected(g)
    parts = nk.community.PLM(undirected, refine=True).run().getPartition()
    community = parts.getVector()
    stages.done("communities")
    leaders, bar = common.write_metrics(org, out_dir, in_degree, pagerank, betweenness, community)
    nk.graphio.GraphMLWriter().write(
        g, os.path.join(out_dir, "graph.graphml"),
        nodeAttributes={"id": ids, "in_degree": [int(d) for d in in_degree],
                        "pagerank": pagerank, "betweenness": betweenness,
                        "community": community},
    )
    stages.done("write")
    return {"people": n, "edges": g.numberOfEdges(), "leaders": leaders, "bar": bar,
            "communities": parts.numberOfSubsets(), "stages": stages.times}


if __name__ == "__main__":
    common.run(pipeline)
