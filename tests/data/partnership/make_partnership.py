#!/usr/bin/env python3
"""Write a synthetic corporate law partnership of 71 lawyers in orgsphere's input layout.

    python3 make_partnership.py        # writes org.csv and survey.csv beside this file

Everything is fictional: the firm, the people, the names and every tie. Only the standard
library is used and the seed is fixed, so running the script again gives byte-identical
files; it prints the densities and in-degree distributions it achieved (README.md quotes
them).

What it imitates
----------------
The structure of the law firm studied by Lazega (2001, *The Collegial Phenomenon*,
Oxford University Press): a US corporate law partnership of 71 lawyers, 36 partners and
35 associates, in three offices (48 / 19 / 4 lawyers), two practices (litigation 41,
corporate 30), 18 women (3 of them partners); a roster survey in which every lawyer ticked
names on the full list of colleagues for three questions: basic professional advice
(directed; 892 ties, density 0.18, in the copies distributed for teaching), friendship
("socialise with outside work"; 575 ties, 0.12) and strong cowork ("worked with" on a
case; largely reciprocated; about 0.22 as usually reported). Only such counts, densities
and mixing shares were used; no person's attributes or ties were copied.

The export looks like what a partnership's HR system gives: titles (Partner, Senior
Partner, Managing Partner, Associate), no reporting lines (the `manager_id` column is
there but empty for everyone), office, practice, years with the firm, gender.
`department` holds the practice: in a law firm the practice group is the unit work is
assigned in, advice and cowork stay mostly inside it, and both groups are large enough to
be reported on their own (offices are kept in `office`; one has only 4 lawyers).

The model
---------
People. 36 partners and 35 associates; offices, practices and gender are dealt at random
with the counts above (per status); years with the firm: partners 5-32 by seniority,
associates 1-9 (mostly junior). Employee ids are 4-digit numbers in hiring order
(longest-serving first). Titles: the four longest-serving partners are Senior Partners,
one mid-career Boston partner is the Managing Partner, the others are Partners.

Response. 64 of 71 lawyers answer (90 %): the 7 others (drawn at random among people not
planted below) have no survey row but can be named. One respondent ticks nobody for
advice, four for friendship, one for cowork: each gets one row with an empty nominee.

How many names each respondent ticks (out-degree) is overdispersed: gamma shares
(shape 2.5 for advice; 1.4 for friendship, partners x1.8) scaled to a fixed total, so a
question's density does not hang on the luck of the draw. Whom they tick is a weighted
draw without replacement (Efraimidis-Spirakis keys), weight = popularity of the
colleague x status factor x homophily factors:

* advice (850 drawn ties): popularity ~ gamma x rank: partners gamma(2) x 1.0-2.0,
  rising with seniority; associates gamma(3) x 0.4-0.7, rising with years. So partners
  are named far more than associates because of rank, and a few partners by half the
  firm. Status factor: a partner asks a partner 1, an associate 0.2 (partners rarely ask
  associates); an associate asks a partner 1, an associate 1.2. Same practice x4, same
  office x6: advice stays mostly within practice and office. Then 10 % of the named
  colleagues of the same status name the respondent back.
* friendship (460 drawn ties): popularity ~ gamma(4); same office x5, same status x2.5,
  same practice x1.5; then 45 % of same-status friends name the respondent back.
* cowork: a latent set of undirected working relations (about 740 pairs), pair
  probability proportional to activity_i x activity_j (gamma(5), partners x1.3) x 3.5 if
  same practice x 3.5 if same office x 1.3 for a partner-associate pair (partners run
  cases with associates); each respondent reports each of their relations with
  probability 0.85 (so most ties are reciprocated, some not), plus a few one-sided
  claims (Poisson, mean 1.5) within their practice.

Planted people (the only ties not drawn from the model; each is left out of the model's
draw and of the naming back for the question named, so the counts are exact):

* STAR, the most sought-after associate (6 years, litigation, Boston): named for advice
  by exactly 16 associates and 6 partners = 22 colleagues, nominators drawn among the
  respondents with weight 3 for the same practice. The model's associates are named by
  4-9 colleagues (quartiles), the most named of them by 14.
* FRIEND_PARTNER, a mid-career Boston partner: named for friendship by exactly 20
  partners and 8 associates = 28 (weight 4 for the same office); advice popularity at
  the partners' 15th percentile.
* FRIEND_ASSOCIATE, a junior Boston associate: named for friendship by exactly 20
  associates and 5 partners = 25; advice popularity at the associates' 20th percentile.

What orgsphere should find (issue 15): STAR is an informal leader and no partner is one
(partners hold formal power by title); FRIEND_PARTNER and FRIEND_ASSOCIATE, and the
associates most named for cowork, are not made influential by friendship or cowork.
"""

import csv
import math
import os
import random
import statistics

SEED = 20010614
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = ("advice", "friendship", "cowork")

rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

N_PARTNERS, N_ASSOCIATES = 36, 35
OFFICES = {  # per status: partners, associates
    "Boston": (22, 26),
    "Hartford": (13, 6),
    "Providence": (1, 3),
}
PRACTICES = {"Litigation": (20, 21), "Corporate": (16, 14)}
WOMEN = (3, 15)

FIRST_MEN = (
    "Adam Alan Andrew Arthur Benjamin Brian Charles Christopher Daniel David Dennis Donald "
    "Douglas Edward Eric Frank Gary George Gregory Henry Howard Jack James Jeffrey John "
    "Jonathan Joseph Kenneth Kevin Lawrence Mark Martin Matthew Michael Nathan Nicholas "
    "Patrick Paul Peter Philip Raymond Richard Robert Roger Ronald Samuel Scott Stephen "
    "Steven Thomas Timothy Walter William"
).split()
FIRST_WOMEN = (
    "Alice Amy Andrea Angela Ann Barbara Carol Catherine Christine Deborah Diane Elizabeth "
    "Ellen Emily Helen Janet Jennifer Joan Julia Karen Laura Linda Margaret Maria Mary "
    "Nancy Patricia Rachel Rebecca Ruth Sarah Susan"
).split()
SURNAMES = (
    "Abbott Aldrich Ames Bancroft Barrett Bartlett Bennett Bigelow Blake Bradford Brewster "
    "Burke Cabot Carey Chandler Chase Clarke Coffin Collins Conant Cotton Crane Cushing "
    "Dalton Davenport Dexter Dwight Eaton Ellis Emerson Endicott Everett Fairbanks Fenwick "
    "Fletcher Forbes Foster Gardner Gilman Goodwin Gould Graves Hale Hallett Hancock Hardy "
    "Hastings Hayward Holbrook Holmes Howland Hubbard Hunnewell Jewett Kimball Lathrop "
    "Lowell Lyman Mather Merrill Morse Norcross Osgood Page Parkman Peabody Perkins "
    "Phelps Pickering Prescott Quincy Rand Revere Russell Saltonstall Sargent Sewall "
    "Shattuck Thayer Tucker Wadsworth Ward Weld Whitney Winslow Winthrop Woodbury"
).split()


def deal(counts, status_index, k):
    """A shuffled list of k category labels with the given per-status counts."""
    labels = [label for label, per in counts.items() for _ in range(per[status_index])]
    assert len(labels) == k, (counts, k)
    rng.shuffle(labels)
    return labels


def make_people():
    people = []
    for status, k in (("P", N_PARTNERS), ("A", N_ASSOCIATES)):
        si = 0 if status == "P" else 1
        offices = deal(OFFICES, si, k)
        practices = deal(PRACTICES, si, k)
        genders = ["F"] * WOMEN[si] + ["M"] * (k - WOMEN[si])
        rng.shuffle(genders)
        for i in range(k):
            if status == "P":
                # roughly evenly spread over 5..32 years, most senior first
                years = max(5, min(32, round(32 - i * 27 / (k - 1) + rng.uniform(-1.5, 1.5))))
            else:
                years = max(1, min(9, round(rng.triangular(1, 9, 2))))
            people.append({
                "status": status,
                "office": offices[i],
                "practice": practices[i],
                "gender": genders[i],
                "years": years,
            })
    return people


people = make_people()
n = len(people)
partners = [i for i, p in enumerate(people) if p["status"] == "P"]
associates = [i for i, p in enumerate(people) if p["status"] == "A"]


def pick(candidates, predicate):
    """The first candidate (in a shuffled order) that satisfies predicate."""
    pool = [i for i in candidates if predicate(people[i])]
    rng.shuffle(pool)
    return pool[0]


def set_attrs(i, **attrs):
    """Give planted person i the attributes the model documents, swapping with someone of
    the same status so the per-status counts stay as published."""
    for key, value in attrs.items():
        if people[i][key] == value:
            continue
        if key == "years":
            people[i][key] = value
            continue
        same = [j for j in (partners if people[i]["status"] == "P" else associates)
                if j != i and people[j][key] == value and j not in planted_ids()]
        j = same[0]
        people[i][key], people[j][key] = people[j][key], people[i][key]


PLANTED = {}


def planted_ids():
    return set(PLANTED.values())


PLANTED["STAR"] = pick(associates, lambda p: True)
set_attrs(PLANTED["STAR"], practice="Litigation", office="Boston", years=6)
PLANTED["FRIEND_ASSOCIATE"] = pick([i for i in associates if i not in planted_ids()],
                                   lambda p: True)
set_attrs(PLANTED["FRIEND_ASSOCIATE"], office="Boston", years=2)
# Partners by length of service, longest first.
partners = sorted(partners, key=lambda i: (-people[i]["years"], i))
# a mid-career partner (not one of the four Senior Partners)
PLANTED["FRIEND_PARTNER"] = pick(partners[8:30], lambda p: p["office"] == "Boston")

# Titles: the four longest-serving partners are Senior Partners; one mid-career Boston
# partner (not planted) is the Managing Partner.
for rank, i in enumerate(partners):
    people[i]["title"] = "Senior Partner" if rank < 4 else "Partner"
managing = pick([i for i in partners[6:16] if i not in planted_ids()],
                lambda p: p["office"] == "Boston")
people[managing]["title"] = "Managing Partner"
for i in associates:
    people[i]["title"] = "Associate"

# Employee ids in hiring order (longest-serving first; at equal service, partners first,
# by seniority).
order = sorted(range(n), key=lambda i: (-people[i]["years"], people[i]["status"] != "P",
                                        partners.index(i) if i in partners else i))
for rank, i in enumerate(order):
    people[i]["id"] = str(1001 + rank)

# Names: unique, first names by gender.
used = set()
for i in order:
    while True:
        first = rng.choice(FIRST_WOMEN if people[i]["gender"] == "F" else FIRST_MEN)
        last = rng.choice(SURNAMES)
        if last not in used:
            used.add(last)
            break
    people[i]["name"] = f"{first} {last}"

# Response: 64 of 71 answer.
N_SILENT = 7
silent = set(rng.sample([i for i in range(n) if i not in planted_ids()], N_SILENT))
respondents = [i for i in range(n) if i not in silent]
# Some respondents answer a question but tick nobody (Lazega's friendship question had a
# few such answers): they get one row with an empty nominee.
NOBODY_COUNTS = {"advice": 1, "friendship": 4, "cowork": 1}
nobody = {q: set(rng.sample([i for i in respondents if i not in planted_ids()], k))
          for q, k in NOBODY_COUNTS.items()}
answering = {q: [i for i in respondents if i not in nobody[q]] for q in QUESTIONS}

# ---------------------------------------------------------------------------
# Survey
# ---------------------------------------------------------------------------


def poisson(lam):
    """Knuth's method; lam stays well below 50 here."""
    limit, k, prod = math.exp(-lam), 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def out_degree(mean, shape):
    """Overdispersed count: Poisson with a gamma-distributed mean."""
    return poisson(rng.gammavariate(shape, mean / shape))


def out_degrees(people_, total, shape, bias=None):
    """Overdispersed numbers of names ticked that add up to total: shares drawn from a
    gamma distribution (times bias[i] when given), scaled and rounded (largest
    remainders), so the density of a question does not depend on the luck of the draw."""
    raw = {i: rng.gammavariate(shape, 1.0) * (bias(i) if bias else 1.0) for i in people_}
    scale = total / sum(raw.values())
    exact = {i: raw[i] * scale for i in people_}
    k = {i: int(exact[i]) for i in people_}
    left = total - sum(k.values())
    for i in sorted(people_, key=lambda i: exact[i] - k[i], reverse=True)[:left]:
        k[i] += 1
    return k


def weighted_sample(candidates, weights, k):
    """k distinct candidates, drawn with probability proportional to weight
    (Efraimidis-Spirakis: the k largest u^(1/w))."""
    keyed = [(rng.random() ** (1.0 / w), c) for c, w in zip(candidates, weights) if w > 0]
    keyed.sort(reverse=True)
    return [c for _, c in keyed[:k]]


def same(i, j, key):
    return people[i][key] == people[j][key]


ties = {q: set() for q in QUESTIONS}

# --- advice ---------------------------------------------------------------
partner_rank = {i: r for r, i in enumerate(partners)}  # 0 = most senior
pop_advice = {}
for i in range(n):
    p = people[i]
    if p["status"] == "P":
        rank_factor = 2.0 - 1.0 * partner_rank[i] / (N_PARTNERS - 1)
    else:
        rank_factor = 0.4 + 0.3 * (p["years"] - 1) / 8
    shape = 2.0 if p["status"] == "P" else 3.0
    pop_advice[i] = rng.gammavariate(shape, 1 / shape) * rank_factor
associate_pops = sorted(pop_advice[i] for i in associates)
pop_advice[PLANTED["FRIEND_ASSOCIATE"]] = associate_pops[len(associate_pops) // 5]
partner_pops = sorted(pop_advice[i] for i in partners)
pop_advice[PLANTED["FRIEND_PARTNER"]] = partner_pops[len(partner_pops) * 15 // 100]
pop_advice[PLANTED["STAR"]] = 0.0  # named only by the planted nominators


def advice_weight(i, j):
    if people[i]["status"] == "P":
        status = 1.0 if people[j]["status"] == "P" else 0.2
    else:
        status = 1.0 if people[j]["status"] == "P" else 1.2
    return (pop_advice[j] * status * (4.0 if same(i, j, "practice") else 1.0)
            * (6.0 if same(i, j, "office") else 1.0))


ADVICE_DRAWN = 850  # + reciprocation and the planted nominations: about 0.18 in all
k_advice = out_degrees(answering["advice"], ADVICE_DRAWN, 2.5)
for i in answering["advice"]:
    others = [j for j in range(n) if j != i]
    for j in weighted_sample(others, [advice_weight(i, j) for j in others], k_advice[i]):
        ties["advice"].add((i, j))


def reciprocate(question, probability, keep_exact):
    """Some named colleagues of the same status name the respondent back (respondents
    only); people whose count for the question is planted are left alone."""
    for a, b in sorted(ties[question]):
        if (b in answering[question] and a not in keep_exact and (b, a) not in ties[question]
                and same(a, b, "status") and rng.random() < probability):
            ties[question].add((b, a))


def plant_nominators(question, target, n_associates, n_partners, weight):
    """Exactly n_associates + n_partners respondents name target for question."""
    chosen = []
    for pool, k in ((associates, n_associates), (partners, n_partners)):
        cands = [j for j in pool if j != target and j in answering[question]]
        chosen += weighted_sample(cands, [weight(j) for j in cands], k)
    for j in chosen:
        assert (j, target) not in ties[question]
        ties[question].add((j, target))


def practice_weight(target):
    return lambda j: 3.0 if same(j, target, "practice") else 1.0


reciprocate("advice", 0.1, {PLANTED["STAR"]})
plant_nominators("advice", PLANTED["STAR"], 16, 6, practice_weight(PLANTED["STAR"]))

# --- friendship -----------------------------------------------------------
pop_friend = {i: rng.gammavariate(4.0, 1 / 4.0) for i in range(n)}
for key in ("FRIEND_PARTNER", "FRIEND_ASSOCIATE"):
    pop_friend[PLANTED[key]] = 0.0


def friend_weight(i, j):
    return (pop_friend[j] * (5.0 if same(i, j, "office") else 1.0)
            * (2.5 if same(i, j, "status") else 1.0)
            * (1.5 if same(i, j, "practice") else 1.0))


FRIENDSHIP_DRAWN = 460  # + reciprocation and the planted nominations: about 0.12
k_friend = out_degrees(answering["friendship"], FRIENDSHIP_DRAWN, 1.4,
                       lambda i: 1.8 if people[i]["status"] == "P" else 1.0)
for i in answering["friendship"]:
    others = [j for j in range(n) if j != i]
    for j in weighted_sample(others, [friend_weight(i, j) for j in others], k_friend[i]):
        ties["friendship"].add((i, j))


def office_weight(target):
    return lambda j: 4.0 if same(j, target, "office") else 1.0


reciprocate("friendship", 0.45, {PLANTED["FRIEND_PARTNER"], PLANTED["FRIEND_ASSOCIATE"]})
plant_nominators("friendship", PLANTED["FRIEND_PARTNER"], 8, 20,
                 office_weight(PLANTED["FRIEND_PARTNER"]))
plant_nominators("friendship", PLANTED["FRIEND_ASSOCIATE"], 20, 5,
                 office_weight(PLANTED["FRIEND_ASSOCIATE"]))

# --- cowork ---------------------------------------------------------------
activity = {i: rng.gammavariate(5.0, 1 / 5.0) * (1.3 if people[i]["status"] == "P" else 1.0)
            for i in range(n)}


def cowork_affinity(i, j):
    mixed = people[i]["status"] != people[j]["status"]
    return (activity[i] * activity[j] * (3.5 if same(i, j, "practice") else 1.0)
            * (3.5 if same(i, j, "office") else 1.0) * (1.3 if mixed else 1.0))


pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
LATENT_PAIRS = 740
scale = LATENT_PAIRS / sum(cowork_affinity(i, j) for i, j in pairs)
latent = set()
for i, j in pairs:
    if rng.random() < min(1.0, scale * cowork_affinity(i, j)):
        latent.add((i, j))
REPORT = 0.85
for i, j in sorted(latent):
    for a, b in ((i, j), (j, i)):
        if a in answering["cowork"] and rng.random() < REPORT:
            ties["cowork"].add((a, b))
for i in answering["cowork"]:
    cands = [j for j in range(n) if j != i and same(i, j, "practice")]
    for j in rng.sample(cands, min(len(cands), out_degree(1.5, 2.5))):
        ties["cowork"].add((i, j))

# ---------------------------------------------------------------------------
# Write
# ---------------------------------------------------------------------------

by_id = sorted(range(n), key=lambda i: int(people[i]["id"]))
with open(os.path.join(OUT_DIR, "org.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["employee_id", "manager_id", "name", "title", "department", "office",
                "practice", "seniority_years", "gender"])
    for i in by_id:
        p = people[i]
        w.writerow([p["id"], "", p["name"], p["title"], p["practice"], p["office"],
                    p["practice"], p["years"], p["gender"]])

with open(os.path.join(OUT_DIR, "survey.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["respondent_id", "nominee_id", "question", "weight"])
    for q in QUESTIONS:
        out = {i: sorted((b for a, b in ties[q] if a == i), key=lambda j: int(people[j]["id"]))
               for i in respondents}
        for i in by_id:
            if i in silent:
                continue
            if not out[i]:
                w.writerow([people[i]["id"], "", q, ""])
            for j in out[i]:
                w.writerow([people[i]["id"], people[j]["id"], q, 1])

# ---------------------------------------------------------------------------
# Report what was achieved
# ---------------------------------------------------------------------------


def pid(i):
    return people[i]["id"]


def describe(values):
    v = sorted(values)
    q = statistics.quantiles(v, n=4, method="inclusive")
    return (f"min {v[0]}, quartiles {q[0]:g}/{q[1]:g}/{q[2]:g}, max {v[-1]}, "
            f"mean {statistics.mean(v):.1f}")


print(f"people {n}: partners {N_PARTNERS}, associates {N_ASSOCIATES}; "
      f"respondents {len(respondents)} ({len(respondents) / n:.1%}); "
      f"silent {', '.join(sorted(pid(i) for i in silent))}")
print("planted: " + ", ".join(f"{k} {pid(v)}" for k, v in PLANTED.items())
      + f"; Managing Partner {pid(managing)}")
for q in QUESTIONS:
    e = ties[q]
    indeg = {i: 0 for i in range(n)}
    for _, b in e:
        indeg[b] += 1
    recip = sum(1 for a, b in e if (b, a) in e) // 2
    nobody = sum(1 for i in respondents if not any(a == i for a, _ in e))
    print(f"\n{q}: {len(e)} ties, density {len(e) / (n * (n - 1)):.3f}, "
          f"reciprocated pairs {recip}, respondents naming nobody {nobody}")
    print(f"  same practice {sum(same(a, b, 'practice') for a, b in e) / len(e):.0%}, "
          f"same office {sum(same(a, b, 'office') for a, b in e) / len(e):.0%}")
    blocks = {}
    for a, b in e:
        key = people[a]["status"] + "->" + people[b]["status"]
        blocks[key] = blocks.get(key, 0) + 1
    print("  ties by status (P partner, A associate): "
          + ", ".join(f"{k} {blocks.get(k, 0)}" for k in ("P->P", "P->A", "A->P", "A->A")))
    print(f"  in-degree partners:   {describe([indeg[i] for i in partners])}")
    print(f"  in-degree associates: {describe([indeg[i] for i in associates])}")
    for label, group in (("partners", partners), ("associates", associates)):
        print(f"  {label}, sorted: " + " ".join(str(d) for d in sorted(indeg[i] for i in group)))
    top = sorted(range(n), key=lambda i: (-indeg[i], int(pid(i))))[:6]
    print("  most named: " + ", ".join(
        f"{pid(i)} {people[i]['title']} {indeg[i]}" for i in top))
    unplanted = [i for i in associates if i not in planted_ids()]
    best = max(unplanted, key=lambda i: indeg[i])
    print(f"  most named associate not planted: {pid(best)} {indeg[best]}")
    print("  planted: " + ", ".join(f"{k} {indeg[v]}" for k, v in PLANTED.items()))
