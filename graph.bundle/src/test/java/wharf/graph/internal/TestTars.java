package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tars in memory for the tests, and the busybox root file system they use. */
final class TestTars {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final List<String> TOOLS = List.of("sh", "ls", "cat", "echo", "true");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TestTars() {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TestTars dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        e.setMode(mode);
        return put(e, null);
    }

    TestTars file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestTars file(String name, byte[] content, int mode) {
        // preserveAbsolutePath: the tests need names exactly as given, leading slash included
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(mode);
        e.setSize(content.length);
        return put(e, content);
    }

    /** An entry as the caller made it, its time included. */
    TestTars entry(TarArchiveEntry e, byte[] content) {
        return write(e, content);
    }

    TestTars symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0777);
        return put(e, null);
    }

    TestTars hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        e.setMode(0644);
        return put(e, null);
    }

    TestTars device(String name, byte type, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(0666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, null);
    }

    /** Every entry made here has the same fixed time, so tests can check times are kept. */
    private TestTars put(TarArchiveEntry e, byte[] content) {
        e.setLastModifiedTime(FileTime.fromMillis(1_600_000_000_000L));
        return write(e, content);
    }

    private TestTars write(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    byte[] bytes() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** The layer tar of a busybox root file system: bin/busybox and the tools as symlinks to it. */
    static byte[] busyboxLayer() throws IOException {
        assertTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed (test.sh installs it)");
        TestTars t = new TestTars().dir("bin", 0755).file("bin/busybox", Files.readAllBytes(BUSYBOX), 0755);
        for (String tool : TOOLS) {
            t.symlink("bin/" + tool, "busybox");
        }
        return t.bytes();
    }

    private static final AtomicInteger SERIAL = new AtomicInteger();

    /** A small distinct layer, for images that need their own. */
    static byte[] smallLayer(String marker) {
        return new TestTars().dir("etc", 0755).file("etc/marker", marker + SERIAL.incrementAndGet()).bytes();
    }

    /** A minimal image config for the layers, by their tars. */
    static byte[] config(String created, byte[]... layers) {
        StringBuilder diffIds = new StringBuilder();
        for (byte[] l : layers) {
            diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(Digests.of(l)).append('"');
        }
        return ("{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"sh\"],\"Labels\":{\"k\":\"v\"}},\"created\":\"" + created
                + "\",\"history\":[{\"created\":\"" + created + "\",\"created_by\":\"test\"}],"
                + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A docker-archive: manifest.json naming the config, the tags and the layer tars. */
    static byte[] dockerArchive(byte[] config, List<String> tags, byte[]... layers) {
        TestTars t = new TestTars();
        StringBuilder layerNames = new StringBuilder();
        int i = 0;
        for (byte[] l : layers) {
            String name = "layer" + i++ + "/layer.tar";
            t.dir(name.substring(0, name.indexOf('/')), 0755).file(name, l, 0644);
            layerNames.append(layerNames.length() == 0 ? "" : ",").append('"').append(name).append('"');
        }
        String configName = Digests.hex(Digests.of(config)) + ".json";
        t.file(configName, config, 0644);
        String repoTags = tags.isEmpty() ? "null" : "[\"" + String.join("\",\"", tags) + "\"]";
        t.file("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":" + repoTags + ",\"Layers\":["
                + layerNames + "]}]");
        return t.bytes();
    }

    /** An OCI image layout with one image named by the given full reference (or none). */
    static byte[] ociLayout(byte[] config, String name, byte[]... layers) {
        TestTars t = new TestTars().dir("blobs", 0755).dir("blobs/sha256", 0755);
        StringBuilder descriptors = new StringBuilder();
        for (byte[] l : layers) {
            String d = Digests.of(l);
            t.file("blobs/sha256/" + Digests.hex(d), l, 0644);
            descriptors.append(descriptors.length() == 0 ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"").append(d)
                    .append("\",\"size\":").append(l.length).append('}');
        }
        String configDigest = Digests.of(config);
        t.file("blobs/sha256/" + Digests.hex(configDigest), config, 0644);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + descriptors + "]}").getBytes(StandardCharsets.UTF_8);
        String manifestDigest = Digests.of(manifest);
        t.file("blobs/sha256/" + Digests.hex(manifestDigest), manifest, 0644);
        String annotations = name == null ? "" : ",\"annotations\":{\"io.containerd.image.name\":\"" + name
                + "\",\"org.opencontainers.image.ref.name\":\"" + name.substring(name.lastIndexOf(':') + 1) + "\"}";
        t.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        t.file("index.json", "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length + annotations + "}]}");
        return t.bytes();
    }

    /** The tar's regular files by name. */
    static Map<String, byte[]> files(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isFile()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }
}
