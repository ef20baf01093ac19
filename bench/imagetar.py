"""Test images for bench/images.py, written with tarfile and hashlib: layer tars (a busybox rootfs
from Debian's busybox-static, random data) and the docker-archive format that `docker save` writes
and `docker load` reads: manifest.json naming each image's config, tags and layer tars."""

import hashlib
import io
import json
import os
import tarfile

MTIME = 1_700_000_000          # every entry and image carries this date, so builds differ only by content
CREATED = "2023-11-14T22:13:20Z"
PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BUSYBOX_APPLETS = ["sh", "ls", "cat", "echo", "true", "sleep", "env"]


class Layer:
    """One uncompressed layer tar held in memory, with its diff ID (the sha256 of those bytes)."""

    def __init__(self, data, comment):
        self.data = data
        self.comment = comment
        self.diff_id = "sha256:" + hashlib.sha256(data).hexdigest()

    @property
    def hex(self):
        return self.diff_id.split(":", 1)[1]


class LayerWriter:
    """Entries added in order to an in-memory tar, as root with a fixed date."""

    def __init__(self):
        self.buf = io.BytesIO()
        self.tar = tarfile.open(fileobj=self.buf, mode="w", format=tarfile.PAX_FORMAT)

    def dir(self, name, mode=0o755):
        self.tar.addfile(self._info(name, tarfile.DIRTYPE, mode))

    def file(self, name, data, mode=0o644):
        info = self._info(name, tarfile.REGTYPE, mode)
        info.size = len(data)
        self.tar.addfile(info, io.BytesIO(data))

    def symlink(self, name, target):
        info = self._info(name, tarfile.SYMTYPE, 0o777)
        info.linkname = target
        self.tar.addfile(info)

    def close(self, comment):
        self.tar.close()
        return Layer(self.buf.getvalue(), comment)

    @staticmethod
    def _info(name, kind, mode):
        info = tarfile.TarInfo(name)
        info.type, info.mode, info.mtime = kind, mode, MTIME
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info


def busybox_layer(busybox, marker):
    """A minimal rootfs: the static busybox, a few applet links, /etc and /tmp, and a marker file
    that makes this layer's digest unique to one run (so no registry or daemon has it yet)."""
    w = LayerWriter()
    for d in ("bin/", "etc/"):
        w.dir(d)
    w.dir("tmp/", 0o1777)
    with open(busybox, "rb") as f:
        w.file("bin/busybox", f.read(), 0o755)
    for applet in BUSYBOX_APPLETS:
        w.symlink(f"bin/{applet}", "busybox")
    w.file("etc/bench-marker", f"{marker}\n".encode())
    return w.close("busybox rootfs")


def random_layer(name, size, marker):
    """A layer holding size bytes of random data in /data/<name>: incompressible, like the layers
    of real images that are mostly compressed artefacts."""
    w = LayerWriter()
    w.dir("data/")
    w.file(f"data/{name}", os.urandom(size))
    w.file(f"data/{name}.marker", f"{marker}\n".encode())
    return w.close(f"random data in /data/{name}")


def text_layer(name, text):
    w = LayerWriter()
    w.dir("etc/")
    w.file(f"etc/{name}", text.encode())
    return w.close(f"/etc/{name}")


def config(layers, labels=None):
    """An image config as dockerd writes it; the image ID is the sha256 of these bytes."""
    body = {
        "architecture": "amd64",
        "os": "linux",
        "created": CREATED,
        "config": {"Env": [PATH_ENV], "Cmd": ["/bin/sh"], "Labels": labels or {}},
        "rootfs": {"type": "layers", "diff_ids": [layer.diff_id for layer in layers]},
        "history": [{"created": CREATED, "created_by": f"bench/imagetar.py: {layer.comment}"} for layer in layers],
    }
    return json.dumps(body, separators=(",", ":")).encode()


def image_id(config_bytes):
    return "sha256:" + hashlib.sha256(config_bytes).hexdigest()


def write_archive(path, images):
    """Writes a docker-archive for images, a list of (tags, layers, config bytes): each config as
    <id>.json, each distinct layer once as <diff id>/layer.tar, and manifest.json."""
    manifest, written = [], set()
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for tags, layers, config_bytes in images:
            config_name = image_id(config_bytes).split(":", 1)[1] + ".json"
            _add(tar, config_name, config_bytes)
            for layer in layers:
                if layer.hex not in written:
                    _add(tar, f"{layer.hex}/layer.tar", layer.data)
                    written.add(layer.hex)
            manifest.append({"Config": config_name, "RepoTags": list(tags),
                             "Layers": [f"{layer.hex}/layer.tar" for layer in layers]})
        _add(tar, "manifest.json", json.dumps(manifest).encode())
    return os.path.getsize(path)


def write_rootfs(path, layer):
    """The layer as a plain tar file, what `docker import` takes."""
    with open(path, "wb") as f:
        f.write(layer.data)
    return len(layer.data)


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o644, MTIME
    tar.addfile(info, io.BytesIO(data))
