"""The processes the bench drivers (bench.py, images.py) start and stop: dockerd and Wharf, each on
its own unix socket with its own data root under the run's temporary directory, and any helper
process such as a registry. Every process gets a pid file there, so the shell side (lib.sh) can
stop it even when the driver itself is killed. Also the Wharf/dockerd ratio both drivers print."""

import http.client
import json
import os
import shlex
import signal
import socket
import subprocess
import time

START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 20


class Daemon:
    """A daemon this driver starts: its command, its socket, its process and log."""

    def __init__(self, name, label, sock, command, tmp, own_pidfiles=(), ready=None, ready_what="/_ping"):
        self.name, self.label, self.sock, self.command, self.tmp = name, label, sock, command, tmp
        self.own_pidfiles = own_pidfiles   # pid files the daemon writes itself, stale once it is gone
        # whether it serves yet; by default a 200 on GET /_ping over its socket
        self.ready = ready or (lambda: get_once(self.sock, "/_ping")[0] == 200)
        self.ready_what = ready_what
        self.proc = None
        self.starts = []          # seconds from spawn to the first sign of readiness
        self.failure = None       # why it could not run, if it could not

    @property
    def pidfile(self):
        return os.path.join(self.tmp, f"run-{self.name}.pid")

    def start(self):
        """Spawns the daemon and returns the seconds until it is ready (by default: answers GET /_ping)."""
        log = open(os.path.join(self.tmp, f"{self.name}.log"), "ab")
        t0 = time.monotonic()
        # its own session: the pid is the process group, so its children (containerd) can be found and stopped
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        log.close()
        with open(self.pidfile, "w") as f:
            f.write(str(self.proc.pid))
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.label} exited with status {self.proc.returncode}: {self.log_tail()}")
            if time.monotonic() - t0 > START_TIMEOUT_SECONDS:
                raise RuntimeError(f"{self.label} did not answer {self.ready_what} within {START_TIMEOUT_SECONDS} s: "
                                   f"{self.log_tail()}")
            try:
                if self.ready():
                    return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(0.005)

    def stop(self):
        if self.proc is None:
            return
        tree = process_tree(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
        # whatever outlived it (a containerd dockerd started, in its group or its own session) goes too
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for pid in tree[1:]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self.proc = None
        for f in (self.pidfile, *self.own_pidfiles):
            if os.path.exists(f):
                os.remove(f)

    def rss_kib(self):
        """VmRSS of the daemon and all its descendants, in KiB."""
        return sum(vm_rss(pid) for pid in process_tree(self.proc.pid))

    def tree_names(self):
        return sorted({comm(pid) for pid in process_tree(self.proc.pid)})

    def log_tail(self, lines=5):
        try:
            with open(os.path.join(self.tmp, f"{self.name}.log"), errors="replace") as f:
                return " | ".join(line.strip() for line in f.readlines()[-lines:])
        except OSError:
            return "(no log)"


def dockerd_daemon(tmp, storage_driver="vfs"):
    """dockerd with its socket, data and exec roots under tmp and no networking set-up; by default
    with the vfs storage driver, so it runs in a container without privileges it does not need."""
    t = tmp
    return Daemon("dockerd", "dockerd", os.path.join(t, "docker.sock"), [
        "dockerd", "--host", f"unix://{t}/docker.sock", "--data-root", f"{t}/docker-data",
        "--exec-root", f"{t}/docker-exec", "--pidfile", f"{t}/docker.pid", "--storage-driver", storage_driver,
        "--bridge=none", "--iptables=false"], t,
        own_pidfiles=(f"{t}/docker.pid", f"{t}/docker-exec/containerd/containerd.pid"))


def wharf_daemon(tmp, launcher, extra_args=""):
    """Wharf started by its launcher (bin/wharf), with its socket and data root under tmp."""
    t = tmp
    return Daemon("wharf", "Wharf", os.path.join(t, "wharf.sock"), [
        launcher, "-H", f"unix://{t}/wharf.sock", "--data-root", f"{t}/wharf-data", *shlex.split(extra_args)], t)


def process_tree(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    # the command name may hold spaces and parentheses: the ppid follows the last ')'
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def vm_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a unix socket, for the few requests that are not part of a load run."""

    def __init__(self, sock_path):
        super().__init__("localhost", timeout=2)
        self.sock_path = sock_path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.sock_path)


def get_once(sock_path, path):
    """One GET on a fresh connection; returns the status code and the body."""
    c = UnixHTTPConnection(sock_path)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def describe(daemon):
    """The daemon's version and what it runs on, from its /version."""
    try:
        v = json.loads(get_once(daemon.sock, "/version")[1])
        return f"{daemon.label} {v.get('Version')} ({v.get('GoVersion')})"
    except (OSError, ValueError) as e:
        return f"{daemon.label} (version unknown: {e})"


def fmt_ratio(w, d):
    return f"{w / d:.2f}" if w and d else "-"
