"""The measurements behind bench/run.sh: start-up time, request rate and idle RSS, dockerd and
Wharf side by side on the same machine in the same run. Run through run.sh, which prepares the
temporary directory, bounds the time and cleans up whatever this leaves."""

import argparse
import os
import selectors
import signal
import socket
import statistics
import sys
import time

from daemons import describe, dockerd_daemon, fmt_ratio, wharf_daemon

RUNS = 3
WARMUP_SECONDS = 4              # per endpoint and daemon, on 16 connections: the JVM compiles its hot paths
LOAD = {1: 5000, 16: 1000}      # connections -> requests per connection
RUN_CAP_SECONDS = 10            # a run that takes longer stops there and counts what it did
ENDPOINTS = ["/_ping", "/version"]


class Conn:
    """One keep-alive connection of a load run: sends the next request once the answer is in."""

    def __init__(self, sock_path, request, count):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(sock_path)
        self.sock.setblocking(False)
        self.request, self.left, self.buf = request, count, b""

    def send(self):
        view = memoryview(self.request)
        while view:
            try:
                view = view[self.sock.send(view):]
            except BlockingIOError:
                time.sleep(0.001)

    def answers(self, data):
        """Takes bytes in and returns how many complete answers they finished."""
        self.buf += data
        done = 0
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return done
            head = self.buf[:end].decode("latin-1")
            status = int(head.split(" ", 2)[1])
            if status != 200:
                raise RuntimeError(f"answer {status}: {head!r}")
            length = None
            chunked = False
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    chunked = True
            body = end + 4
            if chunked:
                last = self.buf.find(b"0\r\n\r\n", body)
                if last < 0:
                    return done
                total = last + 5
            else:
                total = body + (length or 0)
                if len(self.buf) < total:
                    return done
            self.buf = self.buf[total:]
            done += 1


def load(sock_path, path, conns, per_conn, cap_seconds=RUN_CAP_SECONDS):
    """Requests per second for conns keep-alive connections each sending per_conn requests in turn."""
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    sel = selectors.DefaultSelector()
    live = []
    for _ in range(conns):
        c = Conn(sock_path, request, per_conn)
        sel.register(c.sock, selectors.EVENT_READ, c)
        live.append(c)
    done = 0
    t0 = time.perf_counter()
    for c in live:
        c.send()
    open_conns = len(live)
    try:
        while open_conns and time.perf_counter() - t0 < cap_seconds:
            for key, _ in sel.select(timeout=1):
                c = key.data
                data = c.sock.recv(65536)
                if not data:
                    raise RuntimeError("the server closed a keep-alive connection")
                n = c.answers(data)
                done += n
                c.left -= n
                if c.left > 0:
                    if n:
                        c.send()
                else:
                    sel.unregister(c.sock)
                    open_conns -= 1
        elapsed = time.perf_counter() - t0
    finally:
        for c in live:
            c.sock.close()
        sel.close()
    return done / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--wharf", required=True)
    ap.add_argument("--dockerd-missing", default="")
    ap.add_argument("--wharf-args", default="", help="extra Wharf flags, e.g. --log-level warn")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: out of time, stopping the daemons"))
    t = args.tmp

    dockerd, wharf = dockerd_daemon(t), wharf_daemon(t, args.wharf, args.wharf_args)
    if args.dockerd_missing:
        dockerd.failure = args.dockerd_missing

    daemons = [dockerd, wharf]
    try:
        print(f"bench: state in {t}; each daemon is started {RUNS} times, the last one stays up for the load runs",
              flush=True)
        for i in range(RUNS):
            for d in daemons:
                if d.failure:
                    continue
                try:
                    d.starts.append(d.start())
                except RuntimeError as e:
                    d.failure = str(e)
                    d.stop()
                    print(f"bench: {d.label} cannot run here: {e}", file=sys.stderr, flush=True)
                    continue
                if i < RUNS - 1:
                    d.stop()
        running = [d for d in daemons if not d.failure]
        if wharf not in running:
            print(f"bench: Wharf did not start: {wharf.failure}", file=sys.stderr)
            return 1

        time.sleep(1)
        started = {d.name: d.rss_kib() for d in running}
        print("bench: warming up", flush=True)
        for d in running:
            for path in ENDPOINTS:
                load(d.sock, path, 16, 10**9, WARMUP_SECONDS)
        time.sleep(1)
        versions = [describe(d) for d in running]
        idle = {d.name: d.rss_kib() for d in running}
        trees = {d.name: ", ".join(d.tree_names()) for d in running}

        rates = {}
        for path in ENDPOINTS:
            for conns in LOAD:
                # alternate the daemons run by run, so a busy moment on the shared cores hits both
                samples = {d.name: [] for d in running}
                for _ in range(RUNS):
                    for d in running:
                        samples[d.name].append(load(d.sock, path, conns, LOAD[conns]))
                for d in running:
                    rates[(d.name, path, conns)] = statistics.median(samples[d.name])
                print(f"bench: GET {path} with {conns} connection(s) done", flush=True)
        after = {d.name: d.rss_kib() for d in running}

        report(dockerd, wharf, running, rates, (started, idle, after), trees, versions)
        return 0
    finally:
        for d in daemons:
            d.stop()


def report(dockerd, wharf, running, rates, rss, trees, versions):
    have_d = dockerd in running

    rows = []
    for path in ENDPOINTS:
        for conns in LOAD:
            d = rates.get(("dockerd", path, conns))
            w = rates[("wharf", path, conns)]
            rows.append((f"GET {path} req/s, {conns} conn", d, w, "{:.0f}"))
    d_start = statistics.median(dockerd.starts) * 1000 if dockerd.starts and have_d else None
    w_start = statistics.median(wharf.starts) * 1000
    rows.append(("start to first /_ping, ms", d_start, w_start, "{:.0f}"))
    for label, kib in zip(["idle RSS after warm-up, MiB", "idle RSS right after start, MiB",
                           "RSS after the load runs, MiB"], (rss[1], rss[0], rss[2])):
        rows.append((label, kib.get("dockerd", 0) / 1024 or None, kib["wharf"] / 1024, "{:.1f}"))

    print()
    print("; ".join(versions))
    print(f"{'figure':34} {'dockerd':>10} {'Wharf':>10} {'Wharf/dockerd':>14}")
    for label, d, w, f in rows:
        print(f"{label:34} {(f.format(d) if d else '-'):>10} {f.format(w):>10} {fmt_ratio(w, d):>14}")
    print()
    print(f"medians of {RUNS}; requests are keep-alive GETs over the unix socket, one at a time per connection, "
          f"{LOAD[1]} per run on 1 connection and {LOAD[16]} per connection on 16 (a run stops after "
          f"{RUN_CAP_SECONDS} s and counts what it finished); the Python client shares the machine's "
          f"{os.cpu_count()} cores with the daemon")
    print(f"processes counted for RSS: dockerd: {trees.get('dockerd', '-')}; Wharf: {trees['wharf']}")
    print("start-up samples, ms: " + "; ".join(
        f"{d.label} " + ", ".join(f"{s * 1000:.0f}" for s in d.starts) for d in running))
    print()
    for label, d, w, f in rows[:4]:
        if d:
            print(f"{label}: Wharf {f.format(w)}, dockerd {f.format(d)}; Wharf serves {w / d:.2f}x dockerd's rate")
        else:
            print(f"{label}: Wharf {f.format(w)}")
    if have_d:
        print("  (dockerd's /version asks containerd and runs `runc --version` and `docker-init --version` "
              "on every call; Wharf's /version has no such components)")
    label, d, w, f = rows[4]
    if d:
        print(f"start-up: Wharf answers /_ping {w:.0f} ms after its process starts, dockerd {d:.0f} ms; "
              f"Wharf takes {w / d:.2f}x dockerd's time")
    else:
        print(f"start-up: Wharf answers /_ping {w:.0f} ms after its process starts")
    label, d, w, f = rows[5]
    w0, d0 = rows[6][2], rows[6][1]
    if d:
        print(f"idle RSS after warm-up: Wharf's JVM {w:.1f} MiB ({w0:.1f} right after start), dockerd with "
              f"containerd {d:.1f} MiB ({d0:.1f}); Wharf uses {w / d:.2f}x dockerd's memory")
    else:
        print(f"idle RSS after warm-up: Wharf's JVM {w:.1f} MiB ({w0:.1f} right after start)")
    if not have_d:
        print(f"\ndockerd was not measured: {dockerd.failure}")


if __name__ == "__main__":
    sys.exit(main())
