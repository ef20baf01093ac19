package wharf.daemon.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.internal.TestRuntimes;
import wharf.testing.engine.RecordingBus;

/**
 * What the tests of real containers share (they need root, runc, conmon and a static busybox): a
 * busybox layer, and per test a container daemon over the real runtime in a fresh data directory,
 * whose containers close() removes.
 */
final class ContainerFixture implements AutoCloseable {
    private static final List<String> APPLETS =
            List.of("sh", "echo", "sleep", "cat", "printf", "pwd", "env", "true", "hostname");

    final Path data;
    final ContainerRuntime runtime;
    final RecordingBus bus = new RecordingBus();
    private final List<ContainerDaemon> daemons = new ArrayList<>();

    /** A fresh data directory below {@code parent}, and the runtime over it. */
    ContainerFixture(Path parent) throws IOException {
        data = Files.createTempDirectory(parent, "data");
        runtime = TestRuntimes.runc(data);
    }

    /** A daemon over the data directory, as after a (re)start; close() closes it. */
    ContainerDaemon open() throws IOException {
        ContainerDaemon d = new ContainerDaemon(data.resolve("containers"), runtime, bus);
        daemons.add(d);
        return d;
    }

    /** Closes every daemon opened, then has the runtime delete every container they made. */
    @Override
    public void close() throws IOException {
        daemons.forEach(ContainerDaemon::close);
        Path containers = data.resolve("containers");
        if (Files.isDirectory(containers)) {
            try (var dirs = Files.list(containers)) {
                dirs.forEach(dir -> runtime.delete(dir.getFileName().toString()));
            }
        }
    }

    /** A busybox root file system in {@code dir}: bin/ with its applets, tmp/, and root in etc/passwd and group. */
    static Path busyboxLayer(Path dir) throws IOException {
        for (String sub : List.of("bin", "etc", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\n");
        return dir;
    }

    /** A stream that adds each write, as text after the prefix, to the list: what a container wrote, in order. */
    static OutputStream capture(List<String> writes, String prefix) {
        return new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(prefix + new String(b, off, len, StandardCharsets.UTF_8));
            }
        };
    }
}
