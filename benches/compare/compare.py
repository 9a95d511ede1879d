#!/usr/bin/env python3
"""orgsphere against the Python libraries analysts use, side by side, in one run.

    python3 benches/compare/compare.py --sizes 10000,100000 [--orgsphere PATH] [--work DIR]

For each size N: `orgsphere generate --people N --seed 1` writes an organisation, then
`orgsphere analyze` and each library pipeline (pipeline_networkx.py, pipeline_igraph.py,
pipeline_networkit.py, each in its own process) run on it. Every run is timed (wall clock)
and its peak resident memory read from the kernel (`wait4`'s ru_maxrss for that process
alone); each is repeated `--repeat` times and the best is reported with the others in
brackets. A library that is not installed, or that would take far too long at a size, is
reported as skipped with the reason; every run is killed after `--timeout` seconds.
See README.md in this folder.
"""

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The release binary: $ORGSPHERE, else Cargo's target folder ($CARGO_TARGET_DIR or the
# repository's target/).
DEFAULT_ORGSPHERE = os.environ.get("ORGSPHERE") or os.path.join(
    os.environ.get("CARGO_TARGET_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "target"),
    "release",
    "orgsphere",
)
LIBRARIES = ["networkx", "igraph", "networkit"]
# Betweenness: orgsphere is exact up to 5,000 people by default; the pipelines below
# 10,000 (common.EXACT_BELOW).
ORGSPHERE_EXACT_UP_TO = 5_000
LIBRARY_EXACT_BELOW = 10_000
SAME_RULE = "orgsphere --exact-paths-limit 9999 (exact below 10,000 as the pipelines)"
# Sizes from which a library is not run, with the reason printed.
TOO_BIG = {
    "networkx": (1_000_000, "pure-Python graph: well over the timeout at a million people"),
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000",
                   help="comma-separated numbers of people (default 10000,100000)")
    p.add_argument("--orgsphere", default=os.environ.get("ORGSPHERE", DEFAULT_ORGSPHERE),
                   help=f"the release binary (default {DEFAULT_ORGSPHERE})")
    p.add_argument("--work", default="/tmp/orgsphere-compare",
                   help="folder for generated organisations and outputs")
    p.add_argument("--libraries", default=",".join(LIBRARIES),
                   help="comma-separated libraries to run (default all three)")
    p.add_argument("--repeat", type=int, default=2, help="runs of each tool (default 2)")
    p.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    p.add_argument("--repeat-below", type=float, default=120,
                   help="a library run longer than this many seconds is not repeated (default 120)")
    p.add_argument("--json", help="also write every measurement to this file")
    return p.parse_args()


def measure(cmd, timeout, env=None):
    """Runs cmd; returns wall seconds, peak RSS in bytes, exit status, stdout and stderr.
    The status is None when the run was killed at the timeout."""
    out_path, err_path = "/tmp/.compare-%d.out" % os.getpid(), "/tmp/.compare-%d.err" % os.getpid()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                status = None
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = 0  # reaped by wait4 above
    with open(out_path, errors="replace") as f:
        stdout = f.read()
    with open(err_path, errors="replace") as f:
        stderr = f.read()
    os.unlink(out_path)
    os.unlink(err_path)
    if status is not None:
        status = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss * 1024, status, stdout, stderr


def machine():
    """nproc, memory, CPU model and load, as lines."""
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": model,
        "kernel": platform.release(),
    }


def versions(orgsphere, libraries):
    v = {"orgsphere": subprocess.run([orgsphere, "--version"], capture_output=True, text=True)
         .stdout.strip(), "python": platform.python_version()}
    for name in ["pandas", "numpy"] + libraries:
        try:
            v[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            v[name] = None
    return v


def generate(orgsphere, n, work):
    """Writes WORK/orgN once (kept for later runs: generation is deterministic)."""
    folder = os.path.join(work, f"org{n}")
    if not os.path.exists(os.path.join(folder, "truth.csv")):
        subprocess.run([orgsphere, "generate", "--people", str(n), "--seed", "1", "--out", folder],
                       check=True, stdout=subprocess.DEVNULL)
    rows = 0
    for name in ("survey-advice.csv", "survey-trust.csv"):
        with open(os.path.join(folder, name), "rb") as f:
            rows += sum(1 for _ in f) - 1
    return folder, rows


def run_orgsphere(orgsphere, folder, out, timeout, extra=()):
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, ORGSPHERE_TIMINGS="1")
    wall, rss, status, _, stderr = measure(
        [orgsphere, "analyze", folder, "--out", out, "-q", *extra], timeout, env)
    stages = [line for line in stderr.splitlines() if line.strip()]
    return {"wall": wall, "rss": rss, "status": status, "stages": stages,
            "error": None if status == 0 else stderr[-2000:]}


def run_library(lib, folder, out, timeout):
    shutil.rmtree(out, ignore_errors=True)
    script = os.path.join(HERE, f"pipeline_{lib}.py")
    wall, rss, status, stdout, stderr = measure([sys.executable, script, folder, out], timeout)
    facts = None
    if status == 0:
        facts = json.loads(stdout.strip().splitlines()[-1])
    return {"wall": wall, "rss": rss, "status": status, "facts": facts,
            "error": None if status == 0 else stderr[-2000:]}


def best_of(runs):
    ok = [r for r in runs if r["status"] == 0]
    return min(ok, key=lambda r: r["wall"]) if ok else runs[-1]


def fmt_runs(runs, key, scale, unit):
    best = best_of(runs)
    others = [r for r in runs if r is not best and r["status"] == 0]
    text = f"{best[key] / scale:.2f} {unit}"
    if others:
        text += " (" + ", ".join(f"{r[key] / scale:.2f}" for r in others) + ")"
    return text


def table(n, rows, results):
    """Prints one size's table: tool, wall time, peak memory, ratios to orgsphere."""
    base = best_of(results["orgsphere"])
    print(f"\n## {n:,} people, {rows:,} survey rows\n")
    print("| tool | wall time (best; other runs) | peak memory | time ÷ orgsphere "
          "| memory ÷ orgsphere | notes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for tool, runs in results.items():
        if isinstance(runs, str):
            print(f"| {tool} | skipped | | | | {runs} |")
            continue
        best = best_of(runs)
        if best["status"] != 0:
            why = "timed out" if best["status"] is None else f"failed (exit {best['status']})"
            print(f"| {tool} | {why} after {best['wall']:.0f} s | | | | |")
            continue
        note = ""
        if best.get("facts"):
            f = best["facts"]
            note = (f"{f['leaders']} leaders (bar {f['bar']}), {f['communities']} communities; "
                    + ", ".join(f"{k} {v:.1f} s" for k, v in f["stages"].items()))
        print(f"| {tool} | {fmt_runs(runs, 'wall', 1, 's')} "
              f"| {fmt_runs(runs, 'rss', 1e6, 'MB')} "
              f"| {best['wall'] / base['wall']:.1f}× | {best['rss'] / base['rss']:.1f}× | {note} |")
    if base["status"] == 0 and base["stages"]:
        print(f"\norgsphere stages (ORGSPHERE_TIMINGS=1, best run):\n")
        for line in base["stages"]:
            print(f"    {line}")
    sys.stdout.flush()


def main():
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    libraries = [lib for lib in args.libraries.split(",") if lib]
    os.makedirs(args.work, exist_ok=True)
    info = {"machine": machine(), "versions": versions(args.orgsphere, libraries),
            "load_before": os.getloadavg(), "sizes": {}}
    print("machine:", json.dumps(info["machine"]))
    print("versions:", json.dumps(info["versions"]))
    print(f"load average before: {info['load_before'][0]:.2f} {info['load_before'][1]:.2f} "
          f"{info['load_before'][2]:.2f}")
    for n in sizes:
        folder, rows = generate(args.orgsphere, n, args.work)
        results = {"orgsphere": [run_orgsphere(args.orgsphere, folder, f"{folder}-out", args.timeout)
                                 for _ in range(args.repeat)]}
        if ORGSPHERE_EXACT_UP_TO < n < LIBRARY_EXACT_BELOW:
            # orgsphere's default samples here, the pipelines are exact: also time
            # orgsphere under the pipelines' rule.
            extra = ["--exact-paths-limit", str(LIBRARY_EXACT_BELOW - 1)]
            results[SAME_RULE] = [run_orgsphere(args.orgsphere, folder, f"{folder}-out", args.timeout,
                                                extra) for _ in range(args.repeat)]
        for lib in libraries:
            limit = TOO_BIG.get(lib)
            if info["versions"].get(lib) is None:
                results[lib] = f"not installed (pip install {lib})"
            elif limit and n >= limit[0]:
                results[lib] = limit[1]
            else:
                results[lib] = []
                for _ in range(args.repeat):
                    run = run_library(lib, folder, f"{folder}-{lib}", args.timeout)
                    results[lib].append(run)
                    if run["status"] != 0 or run["wall"] > args.repeat_below:
                        break  # a timeout, a failure or a long run is not repeated
        table(n, rows, results)
        info["sizes"][n] = {"rows": rows, "results": results}
    info["load_after"] = os.getloadavg()
    print(f"\nload average after: {info['load_after'][0]:.2f} {info['load_after'][1]:.2f} "
          f"{info['load_after'][2]:.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(info, f, indent=1)


if __name__ == "__main__":
    main()
