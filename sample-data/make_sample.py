#!/usr/bin/env python3
"""Generate the fictional "Harbourline Logistics" sample data set for orgsphere.

Writes three files next to this script:

    org.csv             the HR org chart (one row per person)
    survey-advice.csv   "Whom do you go to for advice?"  (long format, weight 1-3)
    survey-trust.csv    "Whom do you trust?"             (long format, weight 1)

and the folder how-they-lead/, the survey wave that also asked how people lead: copies of
those three files (org.csv and survey-trust.csv byte for byte, survey-advice.csv but for
one answer) and

    survey-direction.csv  "Who tells you what to work on day to day?"  (long format)
    survey-example.csv    "Whose way of working do you follow as an example?"
    survey-future.csv     "Whose ideas shape where we are heading?"

Everything is fictional. The script uses only the Python standard library and fixed
seeds (the wave has a generator of its own, so the three files above never depend on it),
so running it again gives byte-identical files. It plants a known truth (informal leaders,
managers without influence; in the wave a leader by example without a title, a manager who
only directs, a dotted line, a team that names nobody, a backup for a key player) and a
handful of deliberate data-quality problems; README.md in this folder documents them. A
short summary is printed to stdout.

Usage:  python3 make_sample.py
"""

import csv
import datetime
import os
import random
import re
import unicodedata

SEED = 20261128
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
DOMAIN = "harbourline.example"
RESPONSE_RATE = 0.85
CONTRACTOR_MANAGER = "AGENCY-7"

rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

ORIGINS = {
    "dutch": (
        "Jan Pieter Sanne Femke Daan Lotte Bram Anouk Joost Eva Thijs Maartje Ruben Iris Sem "
        "Noor Wouter Floor Jeroen Esther".split(),
        ["de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
         "Mulder", "Jansen", "Dekker", "van Dijk", "Hoekstra", "Kuiper", "Brouwer",
         "Vermeulen", "de Graaf", "van Leeuwen", "Bosman"],
    ),
    "english": (
        "Oliver Amelia Harry Charlotte George Emily Jack Sophie Thomas Hannah James Grace "
        "William Chloe Samuel Lucy Matthew Rebecca".split(),
        ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Roberts", "Walker",
         "Wright", "Hughes", "Edwards", "Clarke", "Hall", "Turner", "Harris", "Cooper"],
    ),
    "irish": (
        ["Siobhán", "Aoife", "Ciarán", "Niamh", "Seán", "Órla", "Cormac", "Saoirse",
         "Pádraig", "Róisín"],
        ["O'Brien", "Murphy", "Kelly", "O'Sullivan", "Byrne", "Ryan", "Walsh",
         "McCarthy", "O'Connor", "Doyle"],
    ),
    "german": (
        ["Lukas", "Jonas", "Lena", "Anna", "Felix", "Leonie", "Maximilian", "Jürgen",
         "Sören", "Jörg", "Mia", "Katrin", "Tobias", "Hannes", "Greta", "Ulrike"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann",
         "Schäfer", "Koch", "Krüger", "Groß", "Wagner", "Bauer", "Köhler", "Neumann"],
    ),
    "polish": (
        ["Łukasz", "Agnieszka", "Katarzyna", "Piotr", "Michał", "Małgorzata", "Tomasz",
         "Magdalena", "Paweł", "Zofia", "Krzysztof", "Joanna", "Wojciech", "Ewa",
         "Bartłomiej", "Anna"],
        ["Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Zając", "Król",
         "Wróbel", "Dudek", "Pawlak", "Sikora", "Baran", "Michalak", "Szewczyk"],
    ),
    "spanish": (
        ["José", "María", "Lucía", "Javier", "Carmen", "Álvaro", "Sofía", "Diego",
         "Elena", "Raúl", "Inés", "Andrés"],
        ["Álvarez", "García", "Martínez", "López", "Fernández", "Sánchez", "Pérez",
         "Gómez", "Ruiz", "Muñoz", "Díaz", "Jiménez"],
    ),
    "portuguese": (
        ["João", "Ana", "Gonçalo", "Beatriz", "Tiago", "Mariana", "Rafael", "Inês"],
        ["Silva", "Santos", "Ferreira", "Gonçalves", "Rodrigues", "Oliveira", "Costa"],
    ),
    "french": (
        ["Zoë", "Chloé", "Théo", "Léa", "Mathis", "Élodie", "Baptiste", "Camille",
         "Hélène", "Benoît"],
        ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Bonnet", "Durand",
         "Leroy", "Fontaine"],
    ),
    "turkish": (
        ["Emre", "Elif", "Mehmet", "Zeynep", "Burak", "Ayşe", "Can", "Selin", "Oğuz",
         "Derya"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan",
         "Doğan"],
    ),
    "moroccan": (
        ["Youssef", "Fatima", "Mohamed", "Samira", "Karim", "Nadia", "Hamza", "Imane",
         "Bilal", "Soufiane"],
        ["El Amrani", "Benali", "Bouzid", "El Idrissi", "Haddad", "Ouali", "Tahiri",
         "Azzouzi"],
    ),
    "west_african": (
        ["Chinedu", "Adaeze", "Oluwaseun", "Ngozi", "Kwame", "Ama", "Tunde", "Folake",
         "Kofi", "Yaw"],
        ["Okafor", "Adeyemi", "Mensah", "Boateng", "Eze", "Okonkwo", "Balogun",
         "Asante", "Owusu"],
    ),
    "indian": (
        ["Priya", "Arjun", "Ananya", "Rohan", "Sneha", "Vikram", "Deepa", "Rahul",
         "Kavya", "Aditya", "Meera", "Sanjay"],
        ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Singh",
         "Kapoor", "Krishnan"],
    ),
    "chinese": (
        ["Wei", "Jing", "Hao", "Xin", "Yan", "Mei", "Jun", "Lei"],
        ["Chen", "Wang", "Zhang", "Liu", "Huang", "Zhao", "Lin", "Wu"],
    ),
    "nordic": (
        ["Søren", "Astrid", "Björn", "Ingrid", "Magnus", "Freja", "Åsa", "Lars",
         "Sigrid", "Mikkel"],
        ["Jørgensen", "Nilsson", "Andersen", "Lindqvist", "Håkansson", "Berg", "Dahl",
         "Ødegaard", "Lund"],
    ),
}

ORIGIN_WEIGHTS = {
    "Rotterdam": {"dutch": 40, "english": 4, "german": 4, "polish": 7, "spanish": 5,
                  "portuguese": 4, "french": 4, "turkish": 8, "moroccan": 9,
                  "west_african": 4, "indian": 6, "chinese": 3, "nordic": 2, "irish": 2},
    "Felixstowe": {"english": 50, "irish": 9, "polish": 9, "indian": 10,
                   "west_african": 8, "chinese": 3, "portuguese": 4, "spanish": 3,
                   "dutch": 2, "french": 2},
    "Hamburg": {"german": 45, "turkish": 12, "polish": 10, "dutch": 4, "english": 3,
                "spanish": 4, "nordic": 6, "french": 3, "indian": 4, "chinese": 3},
    "Gdańsk": {"polish": 60, "english": 3, "indian": 6, "german": 4, "spanish": 3,
               "nordic": 4, "chinese": 3, "turkish": 3, "french": 2},
}

SPECIAL_FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
                "Æ": "AE", "đ": "d", "ı": "i", "œ": "oe"}


def ascii_fold(text):
    text = "".join(SPECIAL_FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def email_part(text):
    return re.sub(r"[^a-z0-9-]", "", ascii_fold(text).lower())


# ---------------------------------------------------------------------------
# The org tree
# ---------------------------------------------------------------------------


class Node:
    def __init__(self, title, kids=(), dept=None, loc=None, tag=None, name=None):
        self.title = title
        self.kids = list(kids)
        self.dept = dept
        self.loc = loc
        self.tag = tag
        self.name = name  # (first, last, display) or None


def M(title, kids, dept=None, loc=None, tag=None, name=None):
    flat = []
    for k in kids:
        flat.extend(k if isinstance(k, list) else [k])
    return Node(title, flat, dept, loc, tag, name)


def IC(title, dept=None, loc=None, tag=None, name=None):
    return Node(title, (), dept, loc, tag, name)


def team(n, pool):
    titles = [t for t, _ in pool]
    weights = [w for _, w in pool]
    return [IC(rng.choices(titles, weights)[0]) for _ in range(n)]


WH = [("Warehouse Associate", 6), ("Forklift Operator", 3), ("Order Picker", 3),
      ("Senior Warehouse Associate", 1), ("Loading Dock Operative", 1)]
DRIVER = [("HGV Driver", 6), ("Van Driver", 2), ("Senior HGV Driver", 1)]
MECH = [("Fleet Mechanic", 3), ("Fleet Technician", 2)]
DISPATCH = [("Dispatcher", 4), ("Route Planner", 2), ("Transport Planner", 2)]
CUSTOMS = [("Customs Broker", 2), ("Customs Declarant", 2), ("Compliance Officer", 1)]
CS = [("Customer Service Representative", 6), ("Senior Customer Service Representative", 1)]
INVENTORY = [("Inventory Analyst", 2), ("Inventory Controller", 2), ("Stock Auditor", 1)]
SW = [("Software Engineer", 5), ("Senior Software Engineer", 2), ("Backend Developer", 1),
      ("Frontend Developer", 1)]
MOBILE = [("Mobile Developer", 2), ("iOS Developer", 1), ("Android Developer", 1)]
QA = [("QA Engineer", 2), ("Test Automation Engineer", 1)]
DATAENG = [("Data Engineer", 3), ("Senior Data Engineer", 1)]
ANALYTICS = [("Data Analyst", 3), ("Data Scientist", 2), ("BI Developer", 1)]
ITSUP = [("IT Support Specialist", 3), ("Service Desk Analyst", 2)]
AE = [("Account Executive", 5), ("Sales Development Representative", 2),
      ("Senior Account Executive", 1)]
KEY = [("Key Account Executive", 1)]
BD = [("Business Development Executive", 2), ("Partnerships Specialist", 1)]
SALESOPS = [("Sales Operations Analyst", 2), ("CRM Administrator", 1)]
MKT = [("Marketing Specialist", 2), ("Content Writer", 1), ("Marketing Coordinator", 1),
       ("Digital Marketing Specialist", 1)]
ACCT = [("Accountant", 3), ("Accounts Payable Clerk", 2),
        ("Accounts Receivable Specialist", 2), ("Senior Accountant", 1)]
CREDIT = [("Credit Controller", 1)]
FPA = [("Financial Analyst", 2), ("Senior Financial Analyst", 1)]
PROC = [("Buyer", 2), ("Procurement Specialist", 2), ("Category Buyer", 1)]
BILL = [("Billing Specialist", 2), ("Billing Clerk", 1)]
TA = [("Recruiter", 3), ("Talent Sourcer", 2), ("Senior Recruiter", 1)]
POPS = [("HR Coordinator", 2), ("Payroll Specialist", 2), ("HRIS Analyst", 1),
        ("HR Administrator", 1)]
LD = [("Training Coordinator", 1), ("Safety Trainer", 1), ("L&D Specialist", 1)]

OPS = M("VP Operations", dept="Operations", loc="Rotterdam", kids=[
    IC("Operations Analyst"),
    IC("Health & Safety Officer"),
    M("Director of Warehousing", [
        M("Warehouse Manager, Rotterdam DC", tag="WH_RTM", kids=[
            M("Shift Supervisor", team(8, WH), tag="SHIFT_RTM_1"),
            M("Shift Supervisor", team(9, WH)),
            M("Shift Supervisor", team(7, WH)),
            IC("Inventory Clerk"),
        ]),
        M("Warehouse Manager, Felixstowe", loc="Felixstowe", kids=[
            M("Shift Supervisor", team(8, WH)),
            M("Shift Supervisor", team(8, WH)),
            IC("Inventory Clerk"),
        ]),
        M("Warehouse Manager, Hamburg", loc="Hamburg", kids=[
            M("Shift Supervisor", team(7, WH)),
            M("Shift Supervisor", team(6, WH)),
            IC("Inventory Clerk"),
        ]),
        M("Inventory Control Manager", team(5, INVENTORY)),
    ]),
    M("Director of Transport", tag="DIR_TRANSPORT", kids=[
        M("Fleet Manager", tag="FLEET_MGR", kids=[
            M("Fleet Supervisor", team(8, DRIVER)),
            M("Fleet Supervisor", team(7, DRIVER)),
            M("Fleet Supervisor", team(6, DRIVER), loc="Hamburg"),
            M("Maintenance Supervisor", team(5, MECH)),
        ]),
        M("Dispatch Manager", tag="MWI1", kids=[
            IC("Senior Dispatcher", tag="IL1", name=("Adaeze", "Okafor", "Adaeze Okafor")),
            team(6, DISPATCH),
        ]),
        M("Customs & Compliance Manager", team(4, CUSTOMS)),
    ]),
    M("Customer Service Manager", [
        M("Customer Service Team Lead", team(7, CS)),
        M("Customer Service Team Lead", team(6, CS), loc="Felixstowe"),
        IC("Customer Service Quality Analyst"),
    ]),
])

ENG = M("Chief Technology Officer", dept="Engineering", loc="Rotterdam", kids=[
    IC("Principal Engineer"),
    IC("Solutions Architect"),
    M("Director of Platform Engineering", tag="DIR_PLATFORM", kids=[
        M("Engineering Manager, Routing", [
            IC("Senior Software Engineer", tag="IL2", name=("Zoë", "Müller", "Zoë Müller")),
            team(6, SW),
        ]),
        M("Engineering Manager, Tracking", team(6, SW), loc="Gdańsk", tag="MWI2",
          name=("Łukasz", "Wójcik", "Łukasz Wójcik")),
        M("Engineering Manager, Mobile", loc="Gdańsk", tag="EM_MOBILE", kids=[
            M("Mobile Team Lead", team(4, MOBILE)),
            M("Mobile Team Lead", team(4, MOBILE)),
            IC("Product Designer"),
        ]),
        M("QA Manager", team(4, QA), loc="Gdańsk"),
    ]),
    M("Director of Data & Analytics", [
        M("Data Engineering Manager", team(5, DATAENG)),
        M("Analytics Manager", team(5, ANALYTICS)),
        IC("Data Product Owner"),
    ]),
    M("IT Manager", [
        M("IT Support Supervisor", team(5, ITSUP)),
        IC("Systems Administrator"),
        IC("Network Engineer"),
        IC("Security Engineer"),
    ]),
])

SALES = M("VP Sales", dept="Sales", loc="Rotterdam", kids=[
    IC("Sales Enablement Specialist"),
    M("Director of Sales", tag="DIR_SALES", kids=[
        M("Regional Sales Manager, Benelux", team(7, AE), tag="RSM_BENELUX"),
        M("Regional Sales Manager, UK", loc="Felixstowe", tag="MWI3", kids=[
            IC("Account Executive", name=("Daniel", "Smith", "Daniel Smith, Jr.")),
            team(6, AE),
        ]),
        M("Regional Sales Manager, DACH & Poland", team(6, AE), loc="Hamburg"),
    ]),
    M("Director of Commercial", [
        M("Key Accounts Manager", team(6, KEY)),
        M("Business Development Manager", team(4, BD)),
        M("Sales Operations Manager", team(4, SALESOPS)),
    ]),
    M("Marketing Manager", team(6, MKT)),
])

FIN = M("Director of Finance", dept="Finance", loc="Rotterdam", kids=[
    IC("Financial Controller"),
    M("Accounting Manager", [
        team(7, ACCT),
        M("Credit Control Team Lead", team(3, CREDIT)),
    ]),
    M("Financial Planning & Analysis Manager", [
        IC("Pricing Analyst", tag="IL3", name=("José", "Álvarez", "José Álvarez")),
        team(4, FPA),
    ]),
    M("Procurement Manager", team(5, PROC)),
    M("Billing Supervisor", team(4, BILL)),
])

PEOPLE = M("Head of People", dept="People", loc="Rotterdam", kids=[
    IC("HR Business Partner", tag="IL4", name=("Siobhán", "O'Brien", "Siobhán O'Brien")),
    IC("HR Business Partner"),
    IC("HR Business Partner", loc="Hamburg"),
    M("Talent Acquisition Manager", team(5, TA)),
    M("People Operations Manager", team(5, POPS)),
    M("Learning & Development Manager", team(3, LD)),
])

CEO = M("Chief Executive Officer", dept="Executive", loc="Rotterdam", tag="CEO", kids=[
    IC("Executive Assistant"),
    IC("General Counsel"),
    IC("Strategy Analyst"),
    IC("Communications Specialist"),
    OPS, ENG, SALES, FIN, PEOPLE,
])

CONTRACTOR = IC("Forklift Operator (Contract)", dept="Operations", loc="Rotterdam",
                tag="CONTRACTOR")

MANAGERIAL = re.compile(
    r"\b(chief|president|vice president|vp|director|head of|manager|supervisor|"
    r"team lead|lead|ceo|cfo|cto|coo|cio|cmo|chro)\b", re.IGNORECASE)


def flatten():
    people = []

    def walk(node, parent, dept, loc, depth):
        dept = node.dept or dept
        loc = node.loc or loc
        p = {"node": node, "parent": parent, "dept": dept, "loc": loc, "depth": depth,
             "title": node.title, "tag": node.tag, "kids": []}
        people.append(p)
        if parent is not None:
            parent["kids"].append(p)
        for k in node.kids:
            walk(k, p, dept, loc, depth + 1)

    walk(CEO, None, None, None, 1)
    walk(CONTRACTOR, None, None, None, 1)
    for p in people:
        if p["kids"]:
            assert 3 <= len(p["kids"]) <= 12, (p["title"], len(p["kids"]))
            assert MANAGERIAL.search(p["title"]), p["title"]
        else:
            assert not MANAGERIAL.search(p["title"]), p["title"]
    return people


PEOPLE_LIST = flatten()


# ---------------------------------------------------------------------------
# Names, hire dates, ids
# ---------------------------------------------------------------------------


def assign_names(people):
    used_names = {p["node"].name[2] for p in people if p["node"].name}
    used_emails = set()
    for p in people:
        if p["node"].name:
            first, last, display = p["node"].name
        else:
            weights = ORIGIN_WEIGHTS[p["loc"]]
            origins = sorted(weights)
            while True:
                origin = rng.choices(origins, [weights[o] for o in origins])[0]
                firsts, lasts = ORIGINS[origin]
                first, last = rng.choice(firsts), rng.choice(lasts)
                display = first + " " + last
                if display not in used_names:
                    break
            used_names.add(display)
        base = email_part(first) + "." + email_part(last)
        email, n = base, 2
        while email in used_emails:
            email, n = "%s%d" % (base, n), n + 1
        used_emails.add(email)
        p["name"] = display
        p["email"] = email + "@" + DOMAIN


def rand_date(lo, hi, skew_recent=False):
    span = (hi - lo).days
    x = rng.random()
    if skew_recent:
        x = max(x, rng.random())
    return lo + datetime.timedelta(days=int(x * span))


D = datetime.date


def assign_dates_and_ids(people):
    for p in people:
        if p["tag"] == "CEO":
            p["hired"] = D(2009, 3, 2)
        elif p["tag"] == "CONTRACTOR":
            p["hired"] = D(2026, 6, 15)
        elif p["tag"] in ("IL1", "IL2", "IL3", "IL4"):
            # the people everyone asks have usually been around for a while
            p["hired"] = rand_date(D(2012, 1, 1), D(2019, 12, 31))
        elif p["kids"]:
            lo = {2: D(2009, 5, 1), 3: D(2010, 1, 1)}.get(p["depth"], D(2011, 1, 1))
            hi = {2: D(2016, 12, 31), 3: D(2019, 12, 31)}.get(p["depth"], D(2023, 12, 31))
            p["hired"] = rand_date(lo, hi)
        else:
            p["hired"] = rand_date(D(2011, 6, 1), D(2026, 9, 30), skew_recent=True)
    # Former employees: they had ids too, which now show up as gaps in the sequence.
    leavers = [{"leaver": True, "hired": rand_date(D(2011, 1, 1), D(2025, 6, 30))}
               for _ in range(14)]
    everyone = people + leavers
    order = sorted(range(len(everyone)), key=lambda i: (everyone[i]["hired"], i))
    leaver_ids = []
    for n, i in enumerate(order, start=1):
        eid = "E%04d" % n
        everyone[i]["id"] = eid
        if everyone[i].get("leaver"):
            leaver_ids.append(eid)
    return leaver_ids


assign_names(PEOPLE_LIST)
LEAVER_IDS = assign_dates_and_ids(PEOPLE_LIST)
for _p in PEOPLE_LIST:
    _p["manager_id"] = (_p["parent"]["id"] if _p["parent"] else
                        (CONTRACTOR_MANAGER if _p["tag"] == "CONTRACTOR" else ""))

BY_ID = {p["id"]: p for p in PEOPLE_LIST}
TAG = {p["tag"]: p["id"] for p in PEOPLE_LIST if p["tag"]}
ALL_IDS = sorted(BY_ID)
IL = [TAG["IL1"], TAG["IL2"], TAG["IL3"], TAG["IL4"]]
MWI = [TAG["MWI1"], TAG["MWI2"], TAG["MWI3"]]
CONTRACTOR_ID = TAG["CONTRACTOR"]


def mgr(pid):
    par = BY_ID[pid]["parent"]
    return par["id"] if par else None


def reports(pid):
    return [k["id"] for k in BY_ID[pid]["kids"]]


def dept(pid):
    return BY_ID[pid]["dept"]


def is_mgr(pid):
    return bool(BY_ID[pid]["kids"])


def peers(pid):
    m = mgr(pid)
    return [x for x in reports(m) if x != pid] if m else []


def in_subtree(pid, root):
    while pid is not None:
        if pid == root:
            return True
        pid = mgr(pid)
    return False


# ---------------------------------------------------------------------------
# Who responds
# ---------------------------------------------------------------------------

forced = set()
for m in MWI:
    forced.update(reports(m))
# planned nominators (chosen below) must respond as well
PLANNED = [  # (respondent, nominee, weight) nominations planted on purpose
    (TAG["DIR_TRANSPORT"], TAG["MWI1"], 1),
    (reports(TAG["MWI2"])[2], TAG["MWI2"], 1),  # the single report who does
    (TAG["EM_MOBILE"], TAG["MWI2"], 1),
    (TAG["DIR_SALES"], TAG["MWI3"], 1),
    (TAG["RSM_BENELUX"], TAG["MWI3"], 1),
]
shift1 = reports(TAG["SHIFT_RTM_1"])
PLANNED += [(shift1[0], CONTRACTOR_ID, 2), (shift1[3], CONTRACTOR_ID, 1)]
forced.update(r for r, _, _ in PLANNED)

eligible = [pid for pid in ALL_IDS if pid != CONTRACTOR_ID]
n_resp = round(RESPONSE_RATE * len(PEOPLE_LIST))
optional = [pid for pid in eligible if pid not in forced]
n_non = len(eligible) - n_resp
non_resp = set(rng.sample(optional, n_non))
RESPONDENTS = [pid for pid in eligible if pid not in non_resp]

# The respondent who submitted the survey but named nobody for advice: an ordinary
# warehouse associate who is not part of any planted pattern.
_wh_pool = [pid for pid in RESPONDENTS
            if in_subtree(pid, TAG["WH_RTM"]) and not is_mgr(pid)
            and pid not in forced and BY_ID[pid]["title"] == "Warehouse Associate"]
EMPTY_RESPONDENT = _wh_pool[-1]

# ---------------------------------------------------------------------------
# Planted informal leaders: who nominates them for advice
# ---------------------------------------------------------------------------

IL_TARGET = {TAG["IL1"]: 40, TAG["IL2"]: 30, TAG["IL3"]: 24, TAG["IL4"]: 18}
IL_DEPT_WEIGHT = {
    TAG["IL1"]: {"Operations": 3.0, "Sales": 1.2, "Engineering": 0.8, "Finance": 0.4,
                 "Executive": 0.5},
    TAG["IL2"]: {"Engineering": 4.0, "Operations": 0.9, "Sales": 0.4, "Finance": 0.2},
    TAG["IL3"]: {"Sales": 3.0, "Finance": 2.5, "Operations": 0.4, "Executive": 0.5},
    TAG["IL4"]: {"People": 3.0, "Operations": 0.5, "Engineering": 0.5, "Sales": 0.5,
                 "Finance": 0.5, "Executive": 0.5},
}
IL_FORCED = {
    TAG["IL1"]: [x for x in reports(TAG["MWI1"]) if x != TAG["IL1"]],
    TAG["IL2"]: reports(TAG["MWI2"]) + [x for x in peers(TAG["IL2"])][:4],
    TAG["IL3"]: [x for x in reports(TAG["MWI3"])][:5] + peers(TAG["IL3"])[:2],
    TAG["IL4"]: [],
}
resp_set = set(RESPONDENTS)
il_picks = {pid: [] for pid in ALL_IDS}  # respondent -> list of ILs they nominate
for il in IL:
    chosen = [x for x in IL_FORCED[il] if x in resp_set and x != EMPTY_RESPONDENT
              and x != il]
    pool, weights = [], []
    for pid in RESPONDENTS:
        if pid in chosen or pid == il or pid == EMPTY_RESPONDENT or pid in MWI:
            continue
        if len(il_picks[pid]) >= 2:
            continue
        w = IL_DEPT_WEIGHT[il].get(dept(pid), 0.0)
        if il == TAG["IL4"] and is_mgr(pid):
            w *= 4  # managers go to their HR business partner
        elif il == TAG["IL1"] and is_mgr(pid) and dept(pid) == "Operations":
            w *= 2
        if w > 0:
            pool.append(pid)
            weights.append(w)
    while len(chosen) < IL_TARGET[il]:
        pick = rng.choices(pool, weights)[0]
        i = pool.index(pick)
        pool.pop(i)
        weights.pop(i)
        chosen.append(pick)
    for pid in chosen:
        il_picks[pid].append(il)

# ---------------------------------------------------------------------------
# Organic nominations
# ---------------------------------------------------------------------------

CROSS_AFFINITY = {
    "Operations": {"Sales": 4, "Engineering": 3, "Finance": 2, "People": 2, "Executive": 1},
    "Engineering": {"Operations": 5, "Sales": 2, "Finance": 1, "People": 1, "Executive": 1},
    "Sales": {"Operations": 4, "Finance": 4, "Engineering": 2, "People": 1, "Executive": 1},
    "Finance": {"Sales": 4, "Operations": 3, "People": 2, "Engineering": 1, "Executive": 2},
    "People": {"Operations": 4, "Finance": 3, "Sales": 1, "Engineering": 1, "Executive": 2},
    "Executive": {"Operations": 3, "Finance": 3, "Sales": 3, "Engineering": 2, "People": 2},
}
BY_DEPT = {}
for _pid in ALL_IDS:
    BY_DEPT.setdefault(dept(_pid), []).append(_pid)

IC_CAP = 9  # no non-planted individual contributor gets more nominators than this


def local_candidates(r, trust):
    cand = {}

    def add(pid, w):
        if pid and pid != r:
            cand[pid] = max(cand.get(pid, 0.0), w)

    m = mgr(r)
    in_mwi_team = m in MWI
    for x in BY_DEPT[dept(r)]:
        add(x, 0.02 if trust else 0.03)
    for x in peers(r):
        add(x, 6.0 if in_mwi_team else 4.0)
    if m:
        add(m, 0.8 if trust else 1.0)
        sk = mgr(m)
        add(sk, 0.3 if trust else 0.7)
        if sk:
            for x in reports(sk):
                if x != m:
                    add(x, 0.4 if trust else 0.4)
    for x in reports(r):
        add(x, 1.5 if trust else 2.5)
    return cand


def cross_candidate(r):
    aff = CROSS_AFFINITY[dept(r)]
    depts = sorted(aff)
    d = rng.choices(depts, [aff[x] for x in depts])[0]
    pool = BY_DEPT[d]
    return rng.choices(pool, [2.0 if is_mgr(x) else 1.0 for x in pool])[0]


def weight_for(r, n):
    if n == mgr(r):
        return rng.choices([1, 2, 3], [2, 5, 3])[0]
    if n in IL:
        return rng.choices([1, 2, 3], [2, 4, 4])[0]
    if dept(n) != dept(r):
        return rng.choices([1, 2, 3], [6, 3, 1])[0]
    if n in peers(r) or n in reports(r):
        return rng.choices([1, 2, 3], [3, 4, 3])[0]
    return rng.choices([1, 2, 3], [5, 4, 1])[0]


def organic(r, k, already, counts, trust):
    picks = []
    chosen = set(already) | {r}

    def blocked(n):
        if n in chosen or n in MWI or n == CONTRACTOR_ID:
            return True
        if n in IL:
            return not trust
        if not is_mgr(n) and counts.get(n, 0) >= (IC_CAP if not trust else 10):
            return True
        return False

    m = mgr(r)
    if m and not blocked(m) and rng.random() < (0.78 if not trust else 0.35) \
            and len(already) + len(picks) < k:
        picks.append(m)
        chosen.add(m)
    cand = local_candidates(r, trust)
    keys = sorted(cand)
    tries = 0
    while len(already) + len(picks) < k and tries < 300:
        tries += 1
        if rng.random() < (0.14 if not trust else 0.12):
            n = cross_candidate(r)
        else:
            n = rng.choices(keys, [cand[x] for x in keys])[0]
        if blocked(n):
            continue
        picks.append(n)
        chosen.add(n)
    return picks


# Submission order: respondents answered in some random order.
ORDER = RESPONDENTS[:]
rng.shuffle(ORDER)

planned_by_resp = {}
for r, n, w in PLANNED:
    planned_by_resp.setdefault(r, []).append((n, w))

advice_counts = {}
advice = {}  # respondent -> list of (nominee, weight)
for r in ORDER:
    fixed = [(il, weight_for(r, il)) for il in il_picks[r]]
    fixed += planned_by_resp.get(r, [])
    k = rng.choices([2, 3, 4, 5, 6], [7, 18, 32, 26, 17])[0]
    k = min(6, max(k, len(fixed) + 1))
    org = organic(r, k, [n for n, _ in fixed], advice_counts, trust=False)
    noms = fixed + [(n, weight_for(r, n)) for n in org]
    rng.shuffle(noms)
    advice[r] = noms
    for n, _ in noms:
        advice_counts[n] = advice_counts.get(n, 0) + 1

# Trust: mostly the same respondents (a few skipped the second question, a couple of
# people answered only the trust question).
TRUST_RESP = [r for r in ORDER]
_skip = rng.sample([r for r in ORDER if r not in forced and not il_picks[r]
                    and r != EMPTY_RESPONDENT], 3)
TRUST_RESP = [r for r in TRUST_RESP if r not in _skip]
_extra = sorted(rng.sample(sorted(non_resp), 2))
for e in _extra:
    TRUST_RESP.insert(rng.randrange(len(TRUST_RESP) + 1), e)

trust_counts = {}
trust = {}
for r in TRUST_RESP:
    k = rng.choices([1, 2, 3, 4], [25, 35, 25, 15])[0]
    noms = organic(r, k, [], trust_counts, trust=True)
    trust[r] = noms
    for n in noms:
        trust_counts[n] = trust_counts.get(n, 0) + 1

# ---------------------------------------------------------------------------
# Rows, with the deliberate imperfections
# ---------------------------------------------------------------------------

Q_ADVICE, Q_TRUST = "advice", "trust"


def pick_plain_respondent(exclude, dept_name, min_k=3, max_k=5):
    for r in ORDER:
        if r in exclude or r in forced or il_picks[r] or dept(r) != dept_name:
            continue
        if is_mgr(r) or not (min_k <= len(advice[r]) <= max_k):
            continue
        return r
    raise RuntimeError("no suitable respondent")


used = {EMPTY_RESPONDENT}
# A former employee (a gap in the id sequence; the most recent such leaver, who left
# between the survey and the HR export) whose both neighbouring ids still exist, so a
# "did you mean" suggestion makes sense.
FORMER_ID = next(x for x in reversed(LEAVER_IDS)
                 if "E%04d" % (int(x[1:]) - 1) in BY_ID and "E%04d" % (int(x[1:]) + 1) in BY_ID)
UNKNOWN_RESP = pick_plain_respondent(used, "Operations")
used.add(UNKNOWN_RESP)
SELF_RESP = pick_plain_respondent(used, "Sales")
used.add(SELF_RESP)
DUP_RESP = pick_plain_respondent(used, "Finance")
used.add(DUP_RESP)

advice_rows = []
notes = {}
for r in ORDER:
    if r == EMPTY_RESPONDENT:
        notes["empty"] = len(advice_rows) + 2
        advice_rows.append([r, "", Q_ADVICE, ""])
        continue
    for n, w in advice[r]:
        advice_rows.append([r, n, Q_ADVICE, str(w)])
    if r == UNKNOWN_RESP:
        notes["unknown"] = len(advice_rows) + 2
        advice_rows.append([r, FORMER_ID, Q_ADVICE, "2"])
    if r == SELF_RESP:
        notes["self"] = len(advice_rows) + 2
        advice_rows.append([r, r, Q_ADVICE, "3"])
    if r == DUP_RESP:
        # the same nominee a second time, with a different weight
        first_n, first_w = advice[r][0]
        notes["dup_first"] = len(advice_rows) + 2 - len(advice[r])
        notes["dup"] = len(advice_rows) + 2
        notes["dup_nominee"] = first_n
        advice_rows.append([r, first_n, Q_ADVICE, str(3 if first_w != 3 else 1)])

trust_rows = []
CASE_RESP = next(r for r in TRUST_RESP if r not in used and trust.get(r)
                 and dept(r) == "Operations" and is_mgr(trust[r][0])
                 and not trust[r][0] in IL)
for r in TRUST_RESP:
    for i, n in enumerate(trust[r]):
        shown = n
        if r == CASE_RESP and i == 0:
            shown = " " + n.lower() + " "
            notes["case"] = len(trust_rows) + 2
            notes["case_id"] = n
        trust_rows.append([r, shown, Q_TRUST, "1"])

# ---------------------------------------------------------------------------
# Write
# ---------------------------------------------------------------------------


def write_csv(name, header, rows, folder=OUT_DIR):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(rows)


org_rows = []
for pid in ALL_IDS:
    p = BY_ID[pid]
    org_rows.append([pid, p["manager_id"], p["name"], p["email"], p["title"], p["dept"],
                     p["loc"], p["hired"].isoformat()])
write_csv("org.csv", ["employee_id", "manager_id", "name", "email", "title", "department",
                      "location", "hire_date"], org_rows)
SURVEY_HEADER = ["respondent_id", "nominee_id", "question", "weight"]
write_csv("survey-advice.csv", SURVEY_HEADER, advice_rows)
write_csv("survey-trust.csv", SURVEY_HEADER, trust_rows)

# ---------------------------------------------------------------------------
# The wave that also asked how people lead (how-they-lead/)
# ---------------------------------------------------------------------------
#
# A complete input folder: copies of the three files above (the advice answers but for one,
# WAVE_DROPS below) and three more
# questions, long format, answered by the advice respondents in the same submission order:
#   direction  "Who tells you what to work on day to day; whose approval do you need?"
#   example    "Whose way of working do you follow as an example?"
#   future     "Whose ideas shape where we are heading?"
# Its own generator (LEAD_SEED), so the three files above never change. README.md
# ("The wave that asked how people lead") documents what is planted.

LEAD_SEED = 20261207
lrng = random.Random(LEAD_SEED)
LEAD_DIR = os.path.join(OUT_DIR, "how-they-lead")


def tagged(pid, title):
    assert BY_ID[pid]["title"] == title, (pid, BY_ID[pid]["title"])
    return pid


# 1. A leader by example without a title: a senior HGV driver whose way of driving and
#    ideas on the fleet's future the drivers, mechanics and supervisors follow.
BY_EXAMPLE = tagged("E0132", "Senior HGV Driver")
FLEET_TEAMS = [tagged("E0140", "Fleet Supervisor"), tagged("E0142", "Fleet Supervisor"),
               tagged("E0146", "Fleet Supervisor"), tagged("E0003", "Maintenance Supervisor")]
# 2. A manager who only directs: the UK sales team takes direction from its manager and
#    follows nobody there on example or future (nobody names the manager on either).
ONLY_DIRECTS = TAG["MWI3"]
FOLLOWED_INSTEAD = TAG["IL3"]  # whom the UK sales team follows on example and future
# 3. Direction outside the org chart: People's three teams (talent acquisition, learning &
#    development, people operations) work for Operations day to day and take direction
#    from the VP Operations, a dotted line the org chart does not show.
DOTTED_TEAMS = [tagged("E0079", "Learning & Development Manager"),
                tagged("E0103", "Talent Acquisition Manager"),
                tagged("E0128", "People Operations Manager")]
DOTTED_LINE = tagged("E0051", "VP Operations")
# 4. A team that names nobody on example or future: Rotterdam DC's shift E0173.
NOBODY_TEAM = tagged("E0173", "Shift Supervisor")
# 5. A backup for the dispatch team's informal leader: a dispatcher whom the same people
#    follow by example, less often.
BACKUP_OF = TAG["IL1"]
BACKUP = tagged("E0177", "Dispatcher")

FLEET = set()
for _m in FLEET_TEAMS:
    FLEET.update(reports(_m))
FLEET.update(FLEET_TEAMS)
FLEET.add(TAG["FLEET_MGR"])
DOTTED = {r for m in DOTTED_TEAMS for r in reports(m)}
SILENT = set(reports(NOBODY_TEAM)) | {EMPTY_RESPONDENT}
PLANTED_ONLY = {BY_EXAMPLE, BACKUP, BACKUP_OF, ONLY_DIRECTS, FOLLOWED_INSTEAD, CONTRACTOR_ID}


def lead_candidates(r):
    """Whom `r` could follow on example or future: the own team first, the department
    next, weighted by how often colleagues go to them for advice (square root, capped so
    that the informal leaders stand out on advice only)."""
    cand = {}

    known = {n for n, _ in advice.get(r, [])} | set(trust.get(r, []))

    def add(pid, w):
        if pid and pid != r and pid not in PLANTED_ONLY:
            pop = (1 + min(advice_counts.get(pid, 0), 4)) ** 0.5
            if pid in known:
                pop *= 3  # someone already gone to for advice, or trusted
            cand[pid] = max(cand.get(pid, 0.0), w * pop)

    for x in BY_DEPT[dept(r)]:
        add(x, 0.02)
    m = mgr(r)
    if m:
        add(m, 1.5)
        add(mgr(m), 0.4)
    for x in peers(r):
        add(x, 1.0)
    for x in reports(r):
        add(x, 0.6)
    return cand


def lead_background(r, k, already):
    picks = []
    cand = lead_candidates(r)
    keys = sorted(cand)
    tries = 0
    while len(picks) < k and keys and tries < 100:
        tries += 1
        if lrng.random() < 0.1:
            pool = [x for x in ALL_IDS if dept(x) != dept(r) and x not in PLANTED_ONLY]
            n = lrng.choice(pool)
        else:
            n = lrng.choices(keys, [cand[x] for x in keys])[0]
        if n in picks or n in already or n == r:
            continue
        picks.append(n)
    return picks


# The UK sales team follows, on example and future, the colleague it goes to for advice.
FOLLOWERS_INSTEAD = {r for r in reports(ONLY_DIRECTS)
                     if any(n == FOLLOWED_INSTEAD for n, _ in advice.get(r, []))}
# The backup is followed together with the informal leader, on example and on future, by
# six of those who go to the leader for advice (outside the fleet, which follows its own
# leader by example): sought by the same people on the same questions, less often.
BACKUP_FOLLOWERS = set(lrng.sample(sorted(
    r for r in ORDER if any(n == BACKUP_OF for n, _ in advice[r])
    and r not in FLEET and r not in (BACKUP_OF, BACKUP)), 6))

lead = {"direction": {}, "example": {}, "future": {}}
for r in ORDER:
    # Direction: the own manager (sometimes with the skip-level), except the dotted line.
    m = mgr(r)
    if r == EMPTY_RESPONDENT or m is None:
        named = []
    elif r in DOTTED:
        named = [DOTTED_LINE] if lrng.random() < 0.9 else [m]
    elif m == ONLY_DIRECTS:
        named = [m]
    else:
        u = lrng.random()
        if u < 0.9:
            named = [m] + ([mgr(m)] if mgr(m) and lrng.random() < 0.12 else [])
        elif u < 0.95 and mgr(m):
            named = [mgr(m)]
        else:
            named = []
    lead["direction"][r] = named
    # Example and future.
    for q in ("example", "future"):
        if r in SILENT:
            lead[q][r] = []
            continue
        fixed = []
        if r in FLEET and r != BY_EXAMPLE and lrng.random() < (0.95 if q == "example" else 0.85):
            fixed.append(BY_EXAMPLE)
        if r in FOLLOWERS_INSTEAD and lrng.random() < (0.95 if q == "example" else 0.85):
            fixed.append(FOLLOWED_INSTEAD)
        if r in BACKUP_FOLLOWERS:
            fixed += [BACKUP_OF, BACKUP]
        if fixed:
            # A planted follower names few others.
            k = lrng.choices([0, 1], [4, 1])[0]
        else:
            k = lrng.choices([0, 1, 2, 3], [40, 35, 20, 5])[0]
        noms = fixed + lead_background(r, k, fixed)
        lrng.shuffle(noms)
        lead[q][r] = noms

# In this wave one of the shift's reports no longer goes to their colleague E0139 for advice
# (they still go to E0210): 3 of the 7 name E0139 now, as many as name their manager, so
# the shift follows nobody by half on any dimension, advice included.
WAVE_DROPS = ("E0112", "E0139")
_dropped = [row for row in advice_rows if (row[0], row[1]) == WAVE_DROPS]
assert len(_dropped) == 1 and mgr(WAVE_DROPS[0]) == NOBODY_TEAM, _dropped
assert sum(1 for row in advice_rows if row[0] == WAVE_DROPS[0]) > 1
os.makedirs(LEAD_DIR, exist_ok=True)
write_csv("survey-advice.csv", SURVEY_HEADER,
          [row for row in advice_rows if (row[0], row[1]) != WAVE_DROPS], folder=LEAD_DIR)
for _name in ("org.csv", "survey-trust.csv"):
    with open(os.path.join(OUT_DIR, _name), "rb") as _f:
        _data = _f.read()
    os.makedirs(LEAD_DIR, exist_ok=True)
    with open(os.path.join(LEAD_DIR, _name), "wb") as _f:
        _f.write(_data)
LEAD_HEADER = ["respondent_id", "nominee_id", "question"]
lead_rows = {}
for q in ("direction", "example", "future"):
    rows = []
    for r in ORDER:
        if lead[q][r]:
            rows.extend([r, n, q] for n in lead[q][r])
        else:
            rows.append([r, "", q])
    lead_rows[q] = rows
    write_csv("survey-%s.csv" % q, LEAD_HEADER, rows, folder=LEAD_DIR)

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------


def line(pid):
    p = BY_ID[pid]
    return "%s  %-22s %-38s %-12s" % (pid, p["name"], p["title"], p["dept"])


print("people: %d   advice rows: %d   trust rows: %d" %
      (len(org_rows), len(advice_rows), len(trust_rows)))
print("advice respondents: %d   trust respondents: %d   both: %d" %
      (len(ORDER), len(TRUST_RESP), len(set(ORDER) & set(TRUST_RESP))))
print("informal leaders:")
for il in IL:
    print("  " + line(il) + "  advice nominators: %d" % advice_counts.get(il, 0))
print("managers without influence:")
for m in MWI:
    rs = reports(m)
    by_reports = sum(1 for r in rs if any(n == m for n, _ in advice.get(r, [])))
    print("  " + line(m) + "  reports: %d  nominated by reports: %d  total: %d"
          % (len(rs), by_reports, advice_counts.get(m, 0)))
print("contractor: %s (manager_id %s), org.csv row %d" %
      (CONTRACTOR_ID, CONTRACTOR_MANAGER, ALL_IDS.index(CONTRACTOR_ID) + 2))
print("advice row %d: %s named nobody" % (notes["empty"], EMPTY_RESPONDENT))
print("advice row %d: %s nominates former employee %s" %
      (notes["unknown"], UNKNOWN_RESP, FORMER_ID))
print("advice row %d: %s nominates themself" % (notes["self"], SELF_RESP))
print("advice rows %d and %d: %s nominates %s twice" %
      (notes["dup_first"], notes["dup"], DUP_RESP, notes["dup_nominee"]))
print("trust row %d: %s nominates %r (= %s)" %
      (notes["case"], CASE_RESP, " " + notes["case_id"].lower() + " ", notes["case_id"]))
print("leaver ids (gaps): %s" % " ".join(LEAVER_IDS))
print("trust-only respondents: %s   advice-only respondents: %s" %
      (" ".join(_extra), " ".join(sorted(_skip))))
print("how-they-lead/: direction %d rows, example %d rows, future %d rows" %
      tuple(len(lead_rows[q]) for q in ("direction", "example", "future")))


def named_by(q, pid):
    return sum(1 for r in ORDER if pid in lead[q][r])


print("  leader by example: " + line(BY_EXAMPLE) + "  example %d  future %d  advice %d" %
      (named_by("example", BY_EXAMPLE), named_by("future", BY_EXAMPLE),
       advice_counts.get(BY_EXAMPLE, 0)))
print("  only directs:      " + line(ONLY_DIRECTS) + "  example %d  future %d" %
      (named_by("example", ONLY_DIRECTS), named_by("future", ONLY_DIRECTS)))
print("  dotted line:       " + line(DOTTED_LINE) + "  direction from People: %d" %
      sum(1 for r in DOTTED if DOTTED_LINE in lead["direction"].get(r, [])))
print("  names nobody:      team of %s (%d reports)" % (NOBODY_TEAM, len(reports(NOBODY_TEAM))))
print("  backup of %s:   %s, followed with them by %s" %
      (BACKUP_OF, BACKUP, " ".join(sorted(BACKUP_FOLLOWERS))))
