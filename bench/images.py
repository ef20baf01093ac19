"""The measurements behind bench/images.sh: image operations through the docker CLI, dockerd and
Wharf side by side on the same machine in the same run, with a local docker-registry on 127.0.0.1
for push and pull. Run through images.sh, which installs what is missing, prepares the temporary
directory, bounds the time and cleans up whatever this leaves.

Every run uses images whose layers hold a marker of that run, so no daemon, registry or
repository has seen them before: a load stores every layer, a push uploads every blob (nothing to
mount from an earlier repository) and a pull after rmi downloads and unpacks every layer."""

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

import imagetar
from daemons import Daemon, describe, dockerd_daemon, fmt_ratio, wharf_daemon

RUNS = 3
REPEATS = 20                  # docker images and docker image inspect are timed this many times a run
STEP_TIMEOUT_SECONDS = 120    # one docker command; longer counts as a failure of that figure
STORAGE_DRIVERS = ["overlay2", "vfs"]   # dockerd's, in order of preference
MIB = 1 << 20
MB = 1_000_000


class StepFailed(Exception):
    pass


class Cli:
    """The docker CLI pointed at one daemon, with a configuration directory of its own (no
    credential helpers, nothing from the user's ~/.docker)."""

    def __init__(self, daemon, config_dir):
        self.daemon = daemon
        self.env = dict(os.environ, DOCKER_HOST=f"unix://{daemon.sock}", DOCKER_CONFIG=config_dir,
                        DOCKER_CLI_HINTS="false")

    def run(self, *args):
        """Runs `docker args…`; returns (seconds, stdout). A failure or timeout raises StepFailed."""
        t0 = time.perf_counter()
        try:
            p = subprocess.run(["docker", *args], env=self.env, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=STEP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise StepFailed(f"docker {' '.join(args)}: no answer within {STEP_TIMEOUT_SECONDS} s") from None
        seconds = time.perf_counter() - t0
        if p.returncode != 0:
            err = (p.stderr or p.stdout).decode(errors="replace").strip().splitlines()
            raise StepFailed(f"docker {' '.join(args)}: exit {p.returncode}: {' | '.join(err[-3:])}")
        return seconds, p.stdout.decode(errors="replace")

    def try_run(self, *args):
        """Best effort, for clean-up: never raises."""
        try:
            self.run(*args)
        except StepFailed:
            pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def registry_answers(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        c.request("GET", "/v2/")
        return c.getresponse().status == 200
    finally:
        c.close()


def start_registry(binary, tmp):
    """Debian's docker-registry on a free loopback port, storage under tmp; a Daemon so it is
    stopped like the others. Tries again on another port if the port was taken meanwhile."""
    home = os.path.join(tmp, "registry")
    os.makedirs(home, exist_ok=True)
    last = None
    for _ in range(3):
        port = free_port()
        config = os.path.join(home, "config.yml")
        with open(config, "w") as f:
            f.write(f"version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
                    f"storage:\n  filesystem:\n    rootdirectory: {home}/storage\n"
                    f"http:\n  addr: 127.0.0.1:{port}\n")
        registry = Daemon("registry", "docker-registry", None, [binary, "serve", config], tmp,
                          ready=lambda p=port: registry_answers(p), ready_what=f"GET http://127.0.0.1:{port}/v2/")
        try:
            registry.start()
            return registry, f"127.0.0.1:{port}"
        except RuntimeError as e:
            registry.stop()
            last = e
    raise RuntimeError(f"docker-registry cannot run here: {last}")


class RunImages:
    """The files of one run: a busybox rootfs to import and a multi-layer archive to load, both
    unique to the run."""

    def __init__(self, tmp, run, busybox, big_mib):
        marker = f"bench run {run} {os.urandom(8).hex()}"
        self.rootfs = os.path.join(tmp, f"rootfs-{run}.tar")
        # a marker of its own: the imported image shares no layer with the loaded one
        self.rootfs_bytes = imagetar.write_rootfs(self.rootfs, imagetar.busybox_layer(busybox, f"{marker} import"))
        layers = [imagetar.busybox_layer(busybox, marker),
                  imagetar.random_layer("big.bin", big_mib * MIB, marker),
                  imagetar.random_layer("small.bin", 4 * MIB, marker),
                  imagetar.text_layer("bench-release", f"{marker}\n")]
        config = imagetar.config(layers, {"bench.run": str(run)})
        self.tag = f"bench/big:run{run}"
        self.id = imagetar.image_id(config)
        self.layers = len(layers)
        self.layer_sizes = [(layer.comment, len(layer.data)) for layer in layers]
        self.image_bytes = sum(n for _, n in self.layer_sizes)
        self.archive = os.path.join(tmp, f"big-{run}.tar")
        self.archive_bytes = imagetar.write_archive(self.archive, [([self.tag], layers, config)])


def write_list_archive(tmp, busybox, count):
    """count images with distinct configs (so distinct IDs) over one shared busybox layer: what
    `docker images` lists."""
    base = imagetar.busybox_layer(busybox, "bench list")
    images = [([f"bench/list:{n}"], [base], imagetar.config([base], {"bench.list": str(n)})) for n in range(count)]
    path = os.path.join(tmp, "list.tar")
    imagetar.write_archive(path, images)
    return path


def one_run(cli, files, registry, run, samples, notes):
    """The figures of one run for one daemon, in an order where each step leaves what the next
    needs; after a failure the rest of the run is skipped for this daemon and its images removed."""
    d = cli.daemon.name
    small_ref = f"{registry}/{d}-run{run}-busybox:1"
    big_ref = f"{registry}/{d}-run{run}-big:1"
    saved = os.path.join(cli.daemon.tmp, f"saved-{d}.tar")

    def record(figure, seconds):
        samples.setdefault((d, figure), []).append(seconds)

    try:
        record("import", cli.run("import", files.rootfs, f"bench/busybox:run{run}")[0])
        record("load", cli.run("load", "-i", files.archive)[0])
        got = cli.run("image", "inspect", "-f", "{{.Id}}", files.tag)[1].strip()
        if got != files.id:
            notes.append(f"{cli.daemon.label}: the loaded image's ID is {got}, its config's digest {files.id}")

        record("save", cli.run("save", "-o", saved, files.tag)[0])
        samples.setdefault((d, "save bytes"), []).append(os.path.getsize(saved))
        os.remove(saved)

        record("images", sum(cli.run("images")[0] for _ in range(REPEATS)) / REPEATS)
        record("inspect", sum(cli.run("image", "inspect", files.tag)[0] for _ in range(REPEATS)) / REPEATS)

        cli.run("tag", f"bench/busybox:run{run}", small_ref)
        cli.run("tag", files.tag, big_ref)
        record("push small", cli.run("push", small_ref)[0])
        seconds, out = cli.run("push", big_ref)
        record("push big", seconds)
        check_layers(cli, "push", out, ": Pushed", files.layers, notes)
        cli.run("rmi", f"bench/busybox:run{run}", small_ref)
        cli.run("rmi", files.tag, big_ref)

        record("pull small", cli.run("pull", small_ref)[0])
        seconds, out = cli.run("pull", big_ref)
        record("pull big", seconds)
        check_layers(cli, "pull", out, ": Pull complete", files.layers, notes)
        got = cli.run("image", "inspect", "-f", "{{.Id}}", big_ref)[1].strip()
        if got != files.id:
            notes.append(f"{cli.daemon.label}: the pulled image's ID is {got}, the pushed one's {files.id}")
        record("rmi", cli.run("rmi", big_ref)[0])
        cli.run("rmi", small_ref)
    except StepFailed as e:
        notes.append(f"{cli.daemon.label}, run {run}: {e}")
        if cli.daemon.proc.poll() is not None:
            # nothing more to measure on it; its log says why
            cli.daemon.failure = f"exited with status {cli.daemon.proc.returncode} in run {run}"
            notes.append(f"{cli.daemon.label} {cli.daemon.failure}; its log ends: {cli.daemon.log_tail(10)}")
            return
        for ref in (f"bench/busybox:run{run}", small_ref, files.tag, big_ref):
            cli.try_run("rmi", "-f", ref)
        if os.path.exists(saved):
            os.remove(saved)


def check_layers(cli, what, output, status, layers, notes):
    """Notes a transfer that moved fewer layers than the image has (one mounted or already there):
    its figure would then not be what it claims to be."""
    moved = sum(1 for line in output.splitlines() if line.endswith(status))
    if moved != layers:
        notes.append(f"{cli.daemon.label}: {what} reported{status} for {moved} of {layers} layers")


def start_dockerd(tmp, missing):
    """dockerd with overlay2, its default wherever the kernel allows it, which like Wharf keeps each
    layer unpacked once; else with vfs, which copies the layers below into every new one. Returns
    the dockerd (its failure set when it could not run) and the storage driver it runs with."""
    failures = []
    for driver in STORAGE_DRIVERS:
        dockerd = dockerd_daemon(tmp, driver)
        if missing:
            dockerd.failure = missing
            return dockerd, None
        try:
            dockerd.start()
            return dockerd, driver
        except RuntimeError as e:
            dockerd.stop()
            failures.append(f"with {driver}: {e}")
            print(f"bench: dockerd cannot run with {driver}: {e}", file=sys.stderr, flush=True)
    dockerd.failure = "; ".join(failures)
    return dockerd, None


def cli_alone_seconds():
    """What the docker CLI takes to start and exit without asking any daemon: part of every figure."""
    t0 = time.perf_counter()
    for _ in range(REPEATS):
        subprocess.run(["docker", "--version"], stdout=subprocess.DEVNULL, check=True, timeout=STEP_TIMEOUT_SECONDS)
    return (time.perf_counter() - t0) / REPEATS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--wharf", required=True)
    ap.add_argument("--dockerd-missing", default="")
    ap.add_argument("--wharf-args", default="", help="extra Wharf flags, e.g. --log-level warn")
    ap.add_argument("--registry", default="/usr/bin/docker-registry")
    ap.add_argument("--busybox", default="/bin/busybox")
    ap.add_argument("--big-mib", type=int, default=50, help="size of the big image's random layer")
    ap.add_argument("--list-images", type=int, default=300, help="images present while `docker images` is timed")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: out of time, stopping the daemons"))
    t = args.tmp
    if not shutil.which("docker"):
        print("bench: the docker CLI is missing: apt-get install -y docker.io", file=sys.stderr)
        return 2

    wharf = wharf_daemon(t, args.wharf, args.wharf_args)
    dockerd = registry = None
    try:
        print(f"bench: state in {t}; writing the test images ({RUNS} runs, a {args.big_mib} MiB random layer "
              f"each, and {args.list_images} small images to list)", flush=True)
        runs = [RunImages(t, run, args.busybox, args.big_mib) for run in range(1, RUNS + 1)]
        list_archive = write_list_archive(t, args.busybox, args.list_images)

        registry, registry_domain = start_registry(args.registry, t)
        dockerd, driver = start_dockerd(t, args.dockerd_missing)
        try:
            wharf.start()
        except RuntimeError as e:
            print(f"bench: Wharf did not start: {e}", file=sys.stderr)
            return 1
        running = [d for d in (dockerd, wharf) if not d.failure]
        versions = [describe(d) for d in running]
        clis = {d.name: Cli(d, os.path.join(t, "docker-cli")) for d in running}

        notes = []
        listed = {}
        for d in running:
            try:
                clis[d.name].run("load", "-i", list_archive)
                listed[d.name] = len(clis[d.name].run("images", "-q")[1].split())
            except StepFailed as e:
                notes.append(f"{d.label}: loading the {args.list_images} images to list: {e}")
        if len(set(listed.values())) > 1:
            notes.append("the daemons list different numbers of images: "
                         + ", ".join(f"{name} {n}" for name, n in listed.items()))
        print(f"bench: {registry_domain} serves the registry; the daemons hold the images to list", flush=True)

        samples = {}
        for i, files in enumerate(runs):
            # alternate which daemon goes first, so neither always meets a warmer cache or registry
            for d in (running if i % 2 == 0 else running[::-1]):
                if not d.failure:
                    one_run(clis[d.name], files, registry_domain, i + 1, samples, notes)
            os.remove(files.archive)
            os.remove(files.rootfs)
            print(f"bench: run {i + 1} of {RUNS} done", flush=True)

        report(dockerd, driver, running, runs[0], samples, listed, cli_alone_seconds(), versions, notes)
        return 0
    finally:
        for d in (wharf, dockerd, registry):
            if d:
                d.stop()


def median(samples, name, figure):
    values = samples.get((name, figure))
    return statistics.median(values) if values else None


def report(dockerd, driver, running, files, samples, listed, cli_alone, versions, notes):
    have_d = dockerd in running
    n_listed = listed.get("wharf") or listed.get("dockerd") or 0
    big = f"{files.layers}-layer image"
    # figure, what it is, its unit, seconds -> unit, format, and for the figures given in seconds
    # also as MB/s: the bytes moved (a number, or the samples that hold it)
    rows = [
        ("import", f"import busybox rootfs ({files.rootfs_bytes / MB:.1f} MB)", "ms", 1000, "{:.0f}", None),
        ("load", f"load -i archive ({files.layers} layers, {files.archive_bytes / MB:.1f} MB)", "s", 1, "{:.2f}",
         files.archive_bytes),
        ("save", "save -o of that image", "s", 1, "{:.2f}", "save bytes"),
        ("images", f"images ({n_listed} images)", "ms per call", 1000, "{:.0f}", None),
        ("inspect", "image inspect", "ms per call", 1000, "{:.0f}", None),
        ("push small", "push busybox image", "ms", 1000, "{:.0f}", None),
        ("push big", f"push {big}", "s", 1, "{:.2f}", files.image_bytes),
        ("pull small", "pull busybox image", "ms", 1000, "{:.0f}", None),
        ("pull big", f"pull {big}", "s", 1, "{:.2f}", files.image_bytes),
        ("rmi", f"rmi {big}", "ms", 1000, "{:.0f}", None),
    ]

    def rate(name, moved, seconds):
        size = median(samples, name, moved) if isinstance(moved, str) else moved
        return f" ({size / MB / seconds:.1f} MB/s)" if moved and size else ""

    print()
    print("; ".join(versions))
    print(f"{'figure':48} {'dockerd':>10} {'Wharf':>10} {'Wharf/dockerd':>14}")
    table = []
    for key, what, unit, scale, f, moved in rows:
        d = median(samples, "dockerd", key) if have_d else None
        w = median(samples, "wharf", key)
        d, w = (d * scale if d else None), (w * scale if w else None)
        table.append((what, unit, d, w, f, moved))
        print(f"{what + ', ' + unit:48} {(f.format(d) if d else '-'):>10} {(f.format(w) if w else '-'):>10} "
              f"{fmt_ratio(w, d):>14}")

    print()
    print(f"medians of {RUNS} runs, each with images no daemon or registry had seen; times are the docker CLI's "
          f"wall clock, its own start-up included ({cli_alone * 1000:.0f} ms for `docker --version`); images "
          f"and inspect averaged over {REPEATS} calls a run; the registry is Debian's docker-registry on "
          f"loopback; the CLI and the registry share the machine's {os.cpu_count()} cores with the daemons")
    if have_d:
        print(f"dockerd stores layers with the {driver} storage driver"
              + ("" if driver == "overlay2" else ", which copies the layers below into each new one"))
    print(f"the {big}: " + ", ".join(f"{what} ({n / MB:.1f} MB)" for what, n in files.layer_sizes)
          + f"; push and pull rates count its {files.image_bytes / MB:.1f} MB of layer tars")
    print()
    for what, unit, d, w, f, moved in table:
        if w is None:
            print(f"{what}: Wharf did not finish it (see the notes)")
        elif d:
            print(f"{what}: Wharf {f.format(w)} {unit}{rate('wharf', moved, w)}, dockerd {f.format(d)} {unit}"
                  f"{rate('dockerd', moved, d)}; Wharf takes {w / d:.2f}x dockerd's time")
        else:
            print(f"{what}: Wharf {f.format(w)} {unit}{rate('wharf', moved, w)}")
    short = [f"{d.label} {what} ({len(samples.get((d.name, key), []))})" for d in running
             for key, what, *_ in rows if 0 < len(samples.get((d.name, key), [])) < RUNS]
    if short:
        notes.append(f"figures from fewer than {RUNS} runs: " + ", ".join(short))
    if notes:
        print()
        for note in notes:
            print(f"note: {note}")
    if not have_d:
        print(f"\ndockerd was not measured: {dockerd.failure}")


if __name__ == "__main__":
    sys.exit(main())
