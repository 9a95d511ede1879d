#!/usr/bin/env python3
"""Write perceptions-advice.csv for the fictional Harbourline Logistics (sample-data/).

The short "team" form of a perception survey: every manager, and every fifth individual
contributor who answered the advice survey, was asked "Who do you think the people in your
team go to for advice?" (a manager's team is their direct reports; an individual
contributor's, the colleagues under the same manager). Each names the people at least a
quarter of their team's respondents go to in survey-advice.csv, most sought first (ties by id; at least
one), and always an informal leader of their own team — except one planted blind spot: Cormac O'Connor (E0084) does not
name Adaeze Okafor (E0086), the most sought-after person of his team and of the company.

Perceivers are given by e-mail address, nominees by full name (by id where two people share
the name), as a form tool would export them. Standard library only, deterministic:
python3 make_perceptions.py rewrites the file byte for byte.
"""
import csv
import os
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.dirname(HERE)
BLIND_MANAGER, HIDDEN_LEADER = "E0084", "E0086"
# The informal leaders orgsphere names in the sample company (README of sample-data).
INFORMAL_LEADERS = {"E0031", "E0086", "E0131", "E0134"}


def main():
    with open(os.path.join(SAMPLE, "org.csv"), newline="", encoding="utf-8") as f:
        org = list(csv.DictReader(f))
    people = {r["employee_id"]: r for r in org}
    names = Counter(r["name"] for r in org)
    reports = defaultdict(list)
    for r in org:
        if r["manager_id"]:
            reports[r["manager_id"]].append(r["employee_id"])
    advice = defaultdict(set)
    with open(os.path.join(SAMPLE, "survey-advice.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            advice[r["respondent_id"]].add(r["nominee_id"])

    def team(p):
        if reports[p]:
            return sorted(reports[p])
        m = people[p]["manager_id"]
        return sorted(x for x in reports[m] if x != p) if m else []

    def nominee(x):
        return people[x]["name"] if names[people[x]["name"]] == 1 else x

    perceivers = sorted(p for p in reports)
    contributors = sorted(p for p in people if not reports[p] and p in advice and team(p))
    perceivers += contributors[::5]
    rows = []
    for p in sorted(set(perceivers)):
        members = team(p)
        counts = Counter(n for s in members for n in advice.get(s, ()) if n != p and n in people)
        responding = sum(1 for s in members if s in advice)
        top = [x for x, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        named = [x for x in members if x in INFORMAL_LEADERS]
        if p == BLIND_MANAGER:
            named = []
            top = [x for x in top if x != HIDDEN_LEADER]
        for x in top:
            if named and 4 * counts[x] < responding:
                break
            if x not in named:
                named.append(x)
        for x in named:
            rows.append([people[p]["email"], nominee(x), "advice"])
    with open(os.path.join(HERE, "perceptions-advice.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["perceiver_email", "nominee", "question"])
        w.writerows(rows)
    print(f"{len(rows)} rows from {len(set(r[0] for r in rows))} perceivers")


if __name__ == "__main__":
    main()
