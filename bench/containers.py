"""The measurements behind bench/containers.sh: container operations through the docker CLI, dockerd
and Wharf side by side on the same machine in the same run. Run through containers.sh, which
installs what is missing, prepares the temporary directory, bounds the time and cleans up whatever
this leaves.

Every container runs with --network none: dockerd here has no bridge (--bridge=none), and Wharf
has no networking of its own yet, so neither daemon spends time on a network the other lacks."""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import imagetar
from daemons import describe, dockerd_daemon, fmt_ratio, wharf_daemon
from images import Cli, StepFailed, cli_alone_seconds

IMAGE = "bench/containers:1"
CREATE_WORKERS = 4            # parallel `docker create` calls while the listed containers are made
STEP_TIMEOUT_SECONDS = 120


def run_rm(cli):
    """One `docker run --rm IMAGE true`, end to end; returns its seconds."""
    return cli.run("run", "--rm", "--pull", "never", "--network", "none", IMAGE, "true")[0]


def parallel_runs(cli, count):
    """`docker run -d` count times at once, then `docker wait` for all of them: the wall time from
    the first launch until every container has exited. The containers are removed afterwards."""
    t0 = time.perf_counter()
    launches = [subprocess.Popen(["docker", "run", "-d", "--pull", "never", "--network", "none", IMAGE,
                                  "true"], env=cli.env,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(count)]
    ids, errors = [], []
    for p in launches:
        try:
            out, err = p.communicate(timeout=STEP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        if p.returncode == 0:
            ids.append(out.decode().strip())
        else:
            errors.append(" | ".join(line for line in err.decode(errors="replace").splitlines() if line.strip()))
    try:
        if errors:
            raise StepFailed(f"{len(errors)} of {count} parallel runs failed: {errors[0]}")
        codes = cli.run("wait", *ids)[1].split()
        seconds = time.perf_counter() - t0
        if codes != ["0"] * count:
            raise StepFailed(f"parallel runs exited with {codes}")
        return seconds
    finally:
        if ids:
            cli.try_run("rm", "-f", *ids)


def create_many(cli, count):
    """count created (never started) containers, made CREATE_WORKERS at a time; returns their IDs."""
    def create(_):
        return cli.run("create", "--pull", "never", "--network", "none", IMAGE, "true")[1].strip()

    with ThreadPoolExecutor(CREATE_WORKERS) as pool:
        return list(pool.map(create, range(count)))


def measure(cli, runs, parallel, listed, samples, notes):
    """All figures for one daemon; a failed figure is noted and the others still run."""
    d = cli.daemon.name

    def record(figure, seconds):
        samples.setdefault((d, figure), []).append(seconds)

    try:
        run_rm(cli)   # warm-up: the first container also pays for first-use caches
        for _ in range(runs):
            record("run --rm", run_rm(cli))
    except StepFailed as e:
        notes.append(f"{cli.daemon.label}: run --rm: {e}")
    for _ in range(3):
        try:
            record("parallel", parallel_runs(cli, parallel))
        except StepFailed as e:
            notes.append(f"{cli.daemon.label}: {parallel} parallel runs: {e}")
            break
    ids = []
    try:
        t0 = time.perf_counter()
        ids = create_many(cli, listed)
        record("create", (time.perf_counter() - t0) / listed)
        shown = len(cli.run("ps", "-a", "-q")[1].split())
        if shown != listed:
            notes.append(f"{cli.daemon.label}: ps -a listed {shown} containers, {listed} were created")
        for _ in range(runs):
            record("ps -a", cli.run("ps", "-a")[0])
    except StepFailed as e:
        notes.append(f"{cli.daemon.label}: ps -a with {listed} containers: {e}")
    finally:
        # in batches: one command line stays short, and each batch is one CLI start-up
        for i in range(0, len(ids), 50):
            cli.try_run("rm", "-f", *ids[i:i + 50])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--wharf", required=True)
    ap.add_argument("--dockerd-missing", default="")
    ap.add_argument("--wharf-args", default="", help="extra Wharf flags, e.g. --log-level warn")
    ap.add_argument("--busybox", default="/bin/busybox")
    ap.add_argument("--runs", type=int, default=9, help="samples behind each median")
    ap.add_argument("--parallel", type=int, default=20, help="containers run at once")
    ap.add_argument("--listed", type=int, default=200, help="created containers while `docker ps -a` is timed")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: out of time, stopping the daemons"))
    t = args.tmp
    if not shutil.which("docker"):
        print("bench: the docker CLI is missing: apt-get install -y docker.io", file=sys.stderr)
        return 2

    wharf = wharf_daemon(t, args.wharf, args.wharf_args)
    dockerd = dockerd_daemon(t)
    try:
        rootfs = os.path.join(t, "rootfs.tar")
        imagetar.write_rootfs(rootfs, imagetar.busybox_layer(args.busybox, "bench containers"))
        if args.dockerd_missing:
            dockerd.failure = args.dockerd_missing
        else:
            try:
                dockerd.start()
            except RuntimeError as e:
                dockerd.failure = str(e)
                print(f"bench: dockerd cannot run here: {e}", file=sys.stderr, flush=True)
        try:
            wharf.start()
        except RuntimeError as e:
            print(f"bench: Wharf did not start: {e}", file=sys.stderr)
            return 1
        running = [d for d in (dockerd, wharf) if not d.failure]
        versions = [describe(d) for d in running]
        notes, samples = [], {}
        for d in running:
            cli = Cli(d, os.path.join(t, "docker-cli"))
            try:
                cli.run("import", "--change", 'CMD ["sh"]', rootfs, IMAGE)
            except StepFailed as e:
                notes.append(f"{d.label}: importing the busybox image: {e}")
                continue
            print(f"bench: measuring {d.label}", flush=True)
            measure(cli, args.runs, args.parallel, args.listed, samples, notes)
        report(dockerd, running, samples, args, cli_alone_seconds(), versions, notes)
        return 0
    finally:
        for d in (wharf, dockerd):
            d.stop()


def report(dockerd, running, samples, args, cli_alone, versions, notes):
    have_d = dockerd in running
    rows = [
        ("run --rm", f"docker run --rm IMG true (median of {args.runs})", "ms"),
        ("parallel", f"{args.parallel} x docker run -d at once, then wait (median of 3)", "ms"),
        ("create", f"docker create, {CREATE_WORKERS} at a time (mean of {args.listed})", "ms"),
        ("ps -a", f"docker ps -a, {args.listed} containers (median of {args.runs})", "ms"),
    ]
    print()
    print("; ".join(versions))
    print(f"{'figure':62} {'dockerd':>9} {'Wharf':>9} {'Wharf/dockerd':>14}")
    for key, what, unit in rows:
        d = median(samples, "dockerd", key) if have_d else None
        w = median(samples, "wharf", key)
        d, w = (d * 1000 if d else None), (w * 1000 if w else None)
        print(f"{what + ', ' + unit:62} {(f'{d:.0f}' if d else '-'):>9} {(f'{w:.0f}' if w else '-'):>9} "
              f"{fmt_ratio(w, d):>14}")
    print()
    print(f"times are the docker CLI's wall clock, its own start-up included ({cli_alone * 1000:.0f} ms for "
          f"`docker --version`); every container runs with --network none; dockerd uses the vfs storage driver "
          f"with --bridge=none; the CLI shares the machine's {os.cpu_count()} cores with the daemons")
    for note in notes:
        print(f"note: {note}")
    if not have_d:
        print(f"\ndockerd was not measured: {dockerd.failure}")


def median(samples, name, figure):
    values = samples.get((name, figure))
    return statistics.median(values) if values else None


if __name__ == "__main__":
    sys.exit(main())
