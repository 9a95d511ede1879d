#!/usr/bin/env python3
"""Write a small fictional organisation with one planted single point of failure and
one planted backup, in orgsphere's input layout.

    python3 make_planted.py        # writes org.csv and survey.csv beside this file

Standard library only, no randomness: running it again gives byte-identical files.

The organisation: 40 people in four departments (Engineering 13, Sales 9, Finance 9,
Operations 9), a manager per department under one chief executive.

- Inside each department people trust the next colleague in a ring (the `trust`
  question), so every department holds together on its own.
- P0007 Kim Baker (Engineering) is the single point of failure: every one of the 27
  people in Sales, Finance and Operations asks her for advice, and 18 of them ask nobody
  else (she is their only source on `advice`). Nearly every tie between Engineering and
  the other departments goes through her.
- P0008 Bo Lindqvist (Engineering) is the planted backup: 9 of the same people (three in
  each of the other departments) also ask him for advice, with a lower weight, so he is
  sought on the same question by the same people.

Expected: P0007 is the top key player (her leaving raises distance-weighted fragmentation
the most, and 18 people lose their only source), and P0008 is named as her backup.
"""

import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

DEPARTMENTS = [("Engineering", 13), ("Sales", 9), ("Finance", 9), ("Operations", 9)]
FIRST = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kim",
         "Lea", "Max", "Nia", "Oto", "Pia", "Quin", "Rui", "Sol", "Tea"]
LAST = ["Moreau", "Okafor", "Silva", "Tanaka", "Novak", "Haddad", "Berg", "Costa"]

SPOF = "P0007"
BACKUP = "P0008"


def main():
    people = []  # (id, manager, name, title, department)
    n = 1
    ceo = f"P{n:04d}"
    people.append((ceo, "", "Ada Moreau", "Chief Executive Officer", "Executive"))
    n += 1
    members = {}
    for dept, size in DEPARTMENTS:
        head = f"P{n:04d}"
        n += 1
        people.append((head, ceo, "", f"{dept} Manager", dept))
        ids = [head]
        for _ in range(size - 1):
            pid = f"P{n:04d}"
            n += 1
            people.append((pid, head, "", f"{dept} Specialist", dept))
            ids.append(pid)
        members[dept] = ids
    named = []
    for i, (pid, mgr, name, title, dept) in enumerate(people):
        if not name:
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}"
        if pid == SPOF:
            name = "Kim Baker"
        if pid == BACKUP:
            name = "Bo Lindqvist"
        named.append((pid, mgr, name, title, dept))
    assert any(p[0] == SPOF and p[4] == "Engineering" for p in named)
    assert any(p[0] == BACKUP and p[4] == "Engineering" for p in named)

    ties = []  # (respondent, nominee, question, weight)
    # Trust: a ring inside each department, both ways.
    for dept, ids in members.items():
        for i, pid in enumerate(ids):
            ties.append((pid, ids[(i + 1) % len(ids)], "trust", 1))
            ties.append((pid, ids[(i - 1) % len(ids)], "trust", 1))
    # Advice inside Engineering: everyone asks their manager.
    eng = members["Engineering"]
    for pid in eng[1:]:
        ties.append((pid, eng[0], "advice", 2))
    # Advice from the other departments: all to the single point of failure; the first
    # three of each also to the backup.
    for dept in ("Sales", "Finance", "Operations"):
        for i, pid in enumerate(members[dept]):
            ties.append((pid, SPOF, "advice", 3))
            if i < 3:
                ties.append((pid, BACKUP, "advice", 2))
    # The chief executive asks each manager for advice.
    for dept, ids in members.items():
        ties.append((ceo, ids[0], "advice", 1))

    with open(os.path.join(HERE, "org.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["employee_id", "manager_id", "name", "title", "department", "office"])
        for i, (pid, mgr, name, title, dept) in enumerate(named):
            w.writerow([pid, mgr, name, title, dept, ["Lyon", "Porto"][i % 2]])
    with open(os.path.join(HERE, "survey.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["respondent_id", "nominee_id", "question", "weight"])
        for t in ties:
            w.writerow(t)


if __name__ == "__main__":
    main()
