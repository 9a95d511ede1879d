#!/usr/bin/env python3
"""Writes a small fictional company whose survey asks how people lead.

66 people: a chief executive, five heads of department, twelve people in each department.
Questions (long files, one per question): advice, example, future and direction.

Planted, and recovered by tests/dimensions.rs:
- E0007 (Senior Engineer, no reports) leads by example and future for Engineering, Sales
  and Marketing, and is not sought for advice: a leader by example without a title, the
  main leader of three teams on two dimensions (leadership concentrated);
- E0003 (Head of Sales) only directs: all of Sales takes direction from them, nobody follows
  them on a leader dimension (roles separated in Sales);
- Operations takes its direction from E0005 (Head of Finance), a dotted line the org chart
  does not show (direction outside the org chart);
- Finance names nobody on any leader dimension beyond chance (nobody leads): its people
  name one colleague at random from the whole company, or nobody.
Everyone else names one or two teammates for advice, and their own manager for direction.

Run: python3 make_sample.py (writes org.csv and survey-*.csv beside it; deterministic).
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(17)

DEPARTMENTS = [
    ("Engineering", "Engineer"),
    ("Sales", "Account Executive"),
    ("Operations", "Operations Analyst"),
    ("Finance", "Financial Analyst"),
    ("Marketing", "Marketing Specialist"),
]

people = [("E0001", "", "Chief Executive Officer", "Executive")]
heads = {}
for i, (dept, _) in enumerate(DEPARTMENTS):
    pid = f"E{2 + i:04d}"
    heads[dept] = pid
    people.append((pid, "E0001", f"Head of {dept}", dept))
members = {}
n = 7
for dept, title in DEPARTMENTS:
    members[dept] = []
    for k in range(12):
        pid = f"E{n:04d}"
        n += 1
        t = ("Senior " + title) if k == 0 else title
        people.append((pid, heads[dept], t, dept))
        members[dept].append(pid)

LEADER = members["Engineering"][0]  # E0007
everyone = [p[0] for p in people]

with open(os.path.join(HERE, "org.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["employee_id", "manager_id", "title", "department"])
    w.writerows(people)

answers = {q: [] for q in ["advice", "example", "future", "direction"]}


def name(q, who, whom):
    answers[q].append((who, whom))


def nobody(q, who):
    answers[q].append((who, ""))


for dept, _ in DEPARTMENTS:
    head = heads[dept]
    team = members[dept]
    for r in team:
        peers = [p for p in team if p != r and p != LEADER]
        if dept == "Finance":
            # Nobody leads: one colleague at random from the whole company, or nobody.
            for q in ["advice", "example", "future"]:
                if rng.random() < 0.6:
                    name(q, r, rng.choice([p for p in everyone if p != r]))
                else:
                    nobody(q, r)
            name("direction", r, head)
            continue
        # Advice: one or two teammates; the head too in Engineering, Operations, Marketing.
        chosen = rng.sample(peers, rng.choice([1, 2]))
        if dept in ("Engineering", "Operations", "Marketing") and rng.random() < 0.8:
            chosen.append(head)
        for c in chosen:
            name("advice", r, c)
        # Example and future: the leader by example, for Engineering, Sales and Marketing.
        follows = dept in ("Engineering", "Sales", "Marketing") and r != LEADER
        for q, rate in (("example", 0.8), ("future", 0.75)):
            if follows and rng.random() < rate:
                name(q, r, LEADER)
            elif rng.random() < 0.5:
                name(q, r, rng.choice(peers))
            else:
                nobody(q, r)
        # Direction: the own head, except Operations, which follows Finance's head.
        if dept == "Operations":
            name("direction", r, heads["Finance"] if rng.random() < 0.85 else head)
        else:
            name("direction", r, head)

# The heads: advice and future from the chief executive; direction from the chief executive.
for dept, _ in DEPARTMENTS:
    head = heads[dept]
    name("advice", head, "E0001")
    name("future", head, "E0001")
    name("example", head, rng.choice([heads[d] for d, _ in DEPARTMENTS if heads[d] != head]))
    name("direction", head, "E0001")
nobody("advice", "E0001")

for q, rows in answers.items():
    with open(os.path.join(HERE, f"survey-{q}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["respondent_id", "nominee_id", "question"])
        for who, whom in rows:
            w.writerow([who, whom, q])
