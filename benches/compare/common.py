"""Shared steps of the library pipelines: read the org chart and the surveys with pandas,
turn nominations into integer edges, flag leaders, write the metrics CSV.

Each pipeline_*.py script imports this, so the libraries differ only in the graph work.
"""

import glob
import json
import os
import random
import sys
import time

import numpy as np
import pandas as pd

# Exact betweenness below this many people, sampled from SAMPLE_SOURCES sources above.
EXACT_BELOW = 10_000
SAMPLE_SOURCES = 256


def read_inputs(org_dir):
    """Reads org.csv and every survey*.csv. Returns (ids, manager column, edges), where edges
    is a DataFrame of int32 `src`, `dst` and float `weight`, one row per distinct
    respondent → nominee pair, the weights of both questions summed."""
    org = pd.read_csv(os.path.join(org_dir, "org.csv"), dtype=str, keep_default_na=False)
    surveys = [
        pd.read_csv(
            path,
            dtype={"respondent_id": str, "nominee_id": str, "question": str},
            keep_default_na=False,
        )
        for path in sorted(glob.glob(os.path.join(org_dir, "survey*.csv")))
    ]
    nominations = pd.concat(surveys, ignore_index=True)
    nominations = nominations[nominations["nominee_id"] != ""]
    ids = org["employee_id"]
    index = pd.Series(np.arange(len(ids), dtype=np.int32), index=ids.values)
    src = index.reindex(nominations["respondent_id"].values).values
    dst = index.reindex(nominations["nominee_id"].values).values
    weight = pd.to_numeric(nominations["weight"], errors="coerce").fillna(1.0).values
    keep = ~(np.isnan(src) | np.isnan(dst)) & (src != dst)
    edges = pd.DataFrame(
        {"src": src[keep].astype(np.int32), "dst": dst[keep].astype(np.int32), "weight": weight[keep]}
    )
    edges = edges.groupby(["src", "dst"], as_index=False, sort=True)["weight"].sum()
    return org, edges


def sample_sources(n):
    """The sources of sampled betweenness: None (exact) below EXACT_BELOW people."""
    if n < EXACT_BELOW:
        return None
    return random.Random(1).sample(range(n), min(SAMPLE_SOURCES, n))


def leaders(org, in_degree, z=5.0, min_nominations=3):
    """People without direct reports whose in-degree is at least median + z × the standard
    deviation of those at or below the 90th percentile (and at least min_nominations)."""
    deg = np.asarray(in_degree, dtype=float)
    med = np.median(deg)
    p90 = np.percentile(deg, 90, method="inverted_cdf")
    spread = deg[deg <= p90].std() or 1.0
    bar = max(int(np.ceil(med + z * spread - 1e-9)), min_nominations)
    managers = set(org["manager_id"][org["manager_id"] != ""])
    no_reports = ~org["employee_id"].isin(managers).values
    return (deg >= bar) & no_reports, bar


def write_metrics(org, out_dir, in_degree, pagerank, betweenness, community):
    """Writes metrics.csv (one row per person) and returns the number of leaders."""
    is_leader, bar = leaders(org, in_degree)
    table = pd.DataFrame(
        {
            "employee_id": org["employee_id"],
            "in_degree": np.asarray(in_degree, dtype=np.int64),
            "pagerank": pagerank,
            "betweenness": betweenness,
            "community": community,
            "leader": is_leader,
        }
    )
    table.to_csv(os.path.join(out_dir, "metrics.csv"), index=False)
    return int(is_leader.sum()), bar


def run(pipeline):
    """The entry point of a pipeline script: `pipeline_X.py ORG_DIR OUT_DIR`. Calls
    `pipeline(org_dir, out_dir)`, which returns a dict of facts, and prints them as JSON
    with the stage times."""
    org_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    start = time.perf_counter()
    facts = pipeline(org_dir, out_dir)
    facts["seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(facts))


class Stages:
    """Records how long each stage of a pipeline took."""

    def __init__(self):
        self.times = {}
        self.last = time.perf_counter()

    def done(self, name):
        now = time.perf_counter()
        self.times[name] = round(now - self.last, 3)
        self.last = now
