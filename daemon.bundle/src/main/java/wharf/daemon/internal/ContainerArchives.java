package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import wharf.daemon.internal.archive.ArchiveExtractor;
import wharf.daemon.internal.archive.Fd;
import wharf.daemon.internal.archive.PathArchiver;
import wharf.daemon.internal.archive.RootDir;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ExtractArchive;
import wharf.engine.api.container.PathStat;
import wharf.runtime.api.ContainerRuntime;

/**
 * docker cp on a container's root filesystem as the runtime mounts it (created, running or
 * stopped alike), with dockerd's errors. Binds and tmpfs mounts live in the container's mount
 * namespace only, so they are not seen here.
 */
final class ContainerArchives {
    /** What moby's re-exec'd untar adds in front of every extraction failure. */
    private static final String TAR_ERROR = "Error processing tar file(exit status 1): ";

    private final ContainerDaemon daemon;
    private final ContainerRuntime runtime;

    ContainerArchives(ContainerDaemon daemon, ContainerRuntime runtime) {
        this.daemon = daemon;
        this.runtime = runtime;
    }

    /** A step on the container's root; its failures become dockerd's answers in {@link #onRoot}. */
    @FunctionalInterface
    interface OnRoot<T> {
        T apply(RootDir root) throws IOException;
    }

    PathStat stat(String name, String path) {
        return onRoot(name, path, root -> new PathArchiver(root).stat(path));
    }

    PathStat archive(String name, String path, OutputStream out) {
        return onRoot(name, path, root -> new PathArchiver(root).archive(path, out));
    }

    void copy(String name, String resource, OutputStream out) {
        if (resource == null || resource.isEmpty()) {
            throw new InvalidParameterError("Path cannot be empty");
        }
        onRoot(name, resource, root -> {
            new PathArchiver(root).copy(resource, out);
            return null;
        });
    }

    void extract(ExtractArchive request, InputStream tar) {
        ContainerRecord r = daemon.lookup(request.name()).record();
        if (r.hostConfig() != null && r.hostConfig().readonlyRootfs()) {
            throw new SystemError("container rootfs is marked read-only");
        }
        onRoot(request.name(), request.path(), root -> {
            String dest;
            try (RootDir.Resolved found = root.walk(request.path(), true, false)) {
                dest = found.path();
                if (!Files.isDirectory(found.fd().proc())) {
                    throw new SystemError("extraction point is not a directory");
                }
            }
            ArchiveExtractor.Owner owner = request.copyUIDGID() ? owner(root, r) : null;
            try {
                new ArchiveExtractor(root, dest, request.noOverwriteDirNonDir(), owner).extract(tar);
            } catch (ArchiveExtractor.BreakoutException e) {
                throw new InvalidParameterError(TAR_ERROR + e.getMessage(), e);
            } catch (ArchiveExtractor.OverwriteException e) {
                throw new SystemError(TAR_ERROR + e.getMessage(), e);
            }
            return null;
        });
    }

    private <T> T onRoot(String name, String path, OnRoot<T> step) {
        if (path == null || path.isEmpty()) {
            throw new InvalidParameterError("bad parameter: pathcannot be empty");
        }
        ContainerRecord r = daemon.lookup(name).record();
        try (RootDir root = RootDir.open(runtime.rootfs(r.id()))) {
            return step.apply(root);
        } catch (IOException e) {
            if (RootDir.notFound(e)) {
                throw new NotFoundError("Could not find the file " + path + " in container " + name, e);
            }
            throw new SystemError(e.getMessage(), e);
        }
    }

    /**
     * copyUIDGID: the container's {@code Config.User} ({@code user[:group]}, names or IDs), looked
     * up in the container's own /etc/passwd and /etc/group; no user keeps the tar's IDs.
     */
    private static ArchiveExtractor.Owner owner(RootDir root, ContainerRecord r) throws IOException {
        String spec = r.config() == null || r.config().user() == null ? "" : r.config().user();
        if (spec.isEmpty()) {
            return null;
        }
        String user = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        String group = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : null;
        Optional<String[]> passwd = entry(root, "/etc/passwd", user);
        long uid;
        if (passwd.isPresent()) {
            uid = Long.parseLong(passwd.get()[2]);
        } else if (user.matches("\\d+")) {
            uid = Long.parseLong(user);
        } else {
            throw new SystemError("unable to find user " + user + ": no matching entries in passwd file");
        }
        long gid;
        if (group == null) {
            gid = passwd.map(p -> Long.parseLong(p[3])).orElse(0L);
        } else if (group.matches("\\d+")) {
            gid = Long.parseLong(group);
        } else {
            gid = entry(root, "/etc/group", group).map(g -> Long.parseLong(g[2]))
                    .orElseThrow(() -> new SystemError("unable to find group " + group
                            + ": no matching entries in group file"));
        }
        return new ArchiveExtractor.Owner(uid, gid);
    }

    /** The line of a passwd-style file whose name (or numeric ID) is {@code key}, split on {@code :}. */
    private static Optional<String[]> entry(RootDir root, String file, String key) throws IOException {
        List<String> lines;
        try (Fd fd = root.lookup(file, true)) {
            lines = Files.readAllLines(fd.proc(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (RootDir.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return lines.stream().map(l -> l.split(":", -1)).filter(f -> f.length > 3)
                .filter(f -> f[0].equals(key) || f[2].equals(key)).findFirst();
    }
}
