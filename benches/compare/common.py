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
    # Respondents (those who named nobody included), for the high-influence rule.
    org.attrs["respondents"] = int(nominations["respondent_id"].isin(org["employee_id"]).groupby(nominations["respondent_id"]).any().sum())
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


def leaders(org, in_degree, respondents, q=0.1, min_nominations=3):
    """orgsphere's default (standing) rule with scipy: people with and without direct reports
    are compared within their group, against a beta-binomial of the other respondents fitted
    by moments to the group's central 95 % (at least its three most named left out; a group
    under 10 people takes everyone's fit), with Benjamini-Hochberg at q over everyone and at
    least min_nominations. Returns who is an informal leader (no reports, high influence)
    and the bar of the people without reports."""
    from scipy.stats import betabinom, binom

    deg = np.asarray(in_degree, dtype=np.int64)
    managers = set(org["manager_id"][org["manager_id"] != ""])
    no_reports = ~org["employee_id"].isin(managers).values
    m = max(int(respondents) - 1, 1)

    def fit(values):
        s = np.sort(values)
        n = len(s)
        rank = max(min(int(np.ceil(0.95 * n)), n - 3), 1)
        central = s[s <= s[rank - 1]]
        mu = min(max(central.mean(), 0.5) / m, 1 - 0.5 / m)
        base = m * mu * (1 - mu)
        rho = min(max((central.var() / base - 1) / (m - 1), 0.0), 0.999) if m > 1 else 0.0
        return mu, rho

    p = np.ones(len(deg))
    for group in (no_reports, ~no_reports):
        if not group.any():
            continue
        mu, rho = fit(deg[group] if group.sum() >= 10 else deg)
        k = np.minimum(deg[group], m) - 1
        if rho <= 1e-12:
            p[group] = binom.sf(k, m, mu)
        else:
            ab = 1 / rho - 1
            p[group] = betabinom.sf(k, m, mu * ab, (1 - mu) * ab)
    order = np.argsort(p, kind="stable")
    ranks = np.arange(1, len(p) + 1)
    passed = np.nonzero(p[order] <= q * ranks / len(p))[0]
    cut = p[order][passed[-1]] if len(passed) else -1.0
    high = (p <= cut) & (deg >= min_nominations)
    bar = int(deg[high & no_reports].min()) if (high & no_reports).any() else None
    return high & no_reports, bar


def write_metrics(org, out_dir, in_degree, pagerank, betweenness, community):
    """Writes metrics.csv (one row per person) and returns the number of leaders."""
    is_leader, bar = leaders(org, in_degree, org.attrs["respondents"])
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
