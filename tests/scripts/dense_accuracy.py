#!/usr/bin/env python3
"""How well orgsphere finds what `orgsphere generate --roster` planted (standard library only).

For each organisation, given the folder `generate` wrote (org.csv, survey-*.csv, truth.csv)
and the folder `analyze` wrote from it (people.csv), counts the planted informal leaders
(truth.csv `informal_leader`) that people.csv names `informal-leader`, and whether any
friendship-only or conflict-only person is named `informal-leader` or `leader-manager`.
Prints one Markdown row per organisation and a pooled row, as in the README's table.

    dense_accuracy.py GENERATED RESULTS [GENERATED RESULTS ...]
    dense_accuracy.py --orgsphere target/release/orgsphere --work /tmp/dense

The second form generates and analyses the issue's set itself (60, 150, 400 and 1,000
people, seeds 1–3; `--people`, `--seeds` and `--analyze-arg` change it) into WORK, reusing
generated folders that are already there (generation is deterministic). `--check` exits 1
unless the pooled precision and recall are at least 0.9, every organisation has at least
one planted leader found, and no friendship-only or conflict-only person is named.
"""

import argparse
import csv
import os
import subprocess
import sys

NAMED = ("informal-leader", "leader-manager")


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def advice_density(generated, people):
    """Advice ties over the pairs the respondents could name."""
    respondents, ties = set(), 0
    for row in read_csv(os.path.join(generated, "survey-advice.csv")):
        respondents.add(row["respondent_id"])
        ties += bool(row["nominee_id"])
    return ties / max(1, len(respondents) * (people - 1))


def score(generated, results):
    """The counts of one organisation."""
    truth = read_csv(os.path.join(generated, "truth.csv"))
    for column in ("informal_leader", "friendship_only", "conflict_only"):
        if truth and column not in truth[0]:
            sys.exit(f"{generated}/truth.csv has no {column} column: "
                     "was it written by `orgsphere generate --roster`?")
    people = read_csv(os.path.join(results, "people.csv"))
    role = {p["employee_id"]: p["role"] for p in people}
    missing = [t["employee_id"] for t in truth if t["employee_id"] not in role]
    if missing:
        sys.exit(f"{results}/people.csv lacks {len(missing)} people of {generated}/truth.csv "
                 f"(e.g. {missing[0]}): give the results of analysing that folder, "
                 "without --pseudonymize")
    planted = {t["employee_id"] for t in truth if t["informal_leader"] == "true"}
    found = {i for i, r in role.items() if r == "informal-leader"}
    decoys = [t["employee_id"] for t in truth
              if t["friendship_only"] == "true" or t["conflict_only"] == "true"]
    return {
        "people": len(truth),
        "density": advice_density(generated, len(truth)),
        "planted": len(planted),
        "found": len(found),
        "hits": len(planted & found),
        "decoys": len(decoys),
        "decoys_named": sorted(i for i in decoys if role[i] in NAMED),
    }


def ratio(a, b):
    return f"{a / b:.2f}" if b else "–"


def table(rows):
    """Markdown lines: one per organisation, then the pooled row."""
    lines = [
        "| organisation | advice density | informal leaders: precision | recall "
        "| found of planted | friendship-/conflict-only named |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, s in rows:
        named = f"{len(s['decoys_named'])} of {s['decoys']}"
        if s["decoys_named"]:
            named += " (" + ", ".join(s["decoys_named"][:5]) + ")"
        lines.append(f"| {label} | {s['density']:.2f} | {ratio(s['hits'], s['found'])} "
                     f"| {ratio(s['hits'], s['planted'])} | {s['hits']} of {s['planted']} "
                     f"| {named} |")
    total = {k: sum(s[k] for _, s in rows) for k in ("planted", "found", "hits", "decoys")}
    named = sum(len(s["decoys_named"]) for _, s in rows)
    lines.append(f"| all {len(rows)} pooled | | {ratio(total['hits'], total['found'])} "
                 f"| {ratio(total['hits'], total['planted'])} "
                 f"| {total['hits']} of {total['planted']} | {named} of {total['decoys']} |")
    return lines, total, named


def run_set(args):
    """Generates and analyses every size and seed; returns (label, generated, results)."""
    os.makedirs(args.work, exist_ok=True)
    out = []
    for n in args.people:
        for seed in args.seeds:
            generated = os.path.join(args.work, f"roster-{n}-{seed}")
            results = os.path.join(args.work, f"results-{n}-{seed}")
            if not os.path.exists(os.path.join(generated, "truth.csv")):
                subprocess.run([args.orgsphere, "--quiet", "generate", "--roster", "--people",
                                str(n), "--seed", str(seed), "--out", generated], check=True)
            subprocess.run([args.orgsphere, "--quiet", "analyze", generated, "--out", results,
                            "--formats", "none", *args.analyze_arg], check=True)
            out.append((f"{n:,} people, seed {seed}", generated, results))
    return out


def numbers(text):
    return [int(x) for x in text.split(",") if x]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="*", metavar="GENERATED RESULTS",
                   help="pairs: a folder generate --roster wrote, and the results of analysing it")
    p.add_argument("--orgsphere", help="the orgsphere binary: generate and analyse the set")
    p.add_argument("--work", default="dense-accuracy", help="folder for --orgsphere's runs")
    p.add_argument("--people", type=numbers, default=[60, 150, 400, 1000])
    p.add_argument("--seeds", type=numbers, default=[1, 2, 3])
    p.add_argument("--analyze-arg", action="append", default=[],
                   help="one more argument for analyze, e.g. --analyze-arg=--bootstrap=20")
    p.add_argument("--check", action="store_true",
                   help="exit 1 unless the issue's targets are met")
    args = p.parse_args()
    if args.orgsphere:
        runs = run_set(args)
    elif args.folders and len(args.folders) % 2 == 0:
        pairs = zip(args.folders[::2], args.folders[1::2])
        runs = [(os.path.basename(os.path.normpath(g)), g, r) for g, r in pairs]
    else:
        p.error("give GENERATED RESULTS pairs, or --orgsphere BINARY")
    rows = []
    for label, generated, results in runs:
        s = score(generated, results)
        rows.append((f"{label} ({s['people']:,} people)" if not args.orgsphere else label, s))
    lines, total, named = table(rows)
    print("\n".join(lines))
    empty = [label for label, s in rows if s["hits"] == 0]
    print(f"\norganisations with no planted leader found: {len(empty)}"
          + (" (" + "; ".join(empty) + ")" if empty else ""))
    if args.check:
        precision = total["hits"] / total["found"] if total["found"] else 0.0
        recall = total["hits"] / total["planted"] if total["planted"] else 0.0
        ok = precision >= 0.9 and recall >= 0.9 and not empty and named == 0
        print("targets (pooled precision and recall ≥ 0.9, a leader found in every "
              f"organisation, no friendship-/conflict-only person named): {'met' if ok else 'NOT met'}")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
