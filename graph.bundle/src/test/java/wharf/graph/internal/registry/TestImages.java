package wharf.graph.internal.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small images made here: a bottom layer with Debian's busybox-static ({@code /bin/busybox} and
 * {@code /bin/sh} linking to it), then layers of one small file each, gzipped as registries
 * serve them, with an image config naming their diff IDs. Blobs go into a {@link FileBlobStore}.
 */
final class TestImages {
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed times, so the same content always makes the same layer digest. */
    private static final java.util.Date EPOCH = new java.util.Date(0);
    private static byte[] busyboxTar;

    /** What was built. */
    record Image(PushContent content, List<String> diffIds, byte[] config) {
        String configDigest() {
            return content.config().digest();
        }

        List<String> layerDigests() {
            return content.layers().stream().map(l -> l.blob().digest()).toList();
        }
    }

    private TestImages() {
    }

    /**
     * @param extraLayers how many one-file layers on top of busybox
     * @param salt        makes the extra layers (and so the image) unique to the caller
     */
    static Image build(FileBlobStore store, String tag, String architecture, int extraLayers, String salt)
            throws IOException {
        List<byte[]> tars = new ArrayList<>();
        tars.add(busyboxLayer());
        for (int i = 0; i < extraLayers; i++) {
            tars.add(tar(Map.of("etc/layer-" + i, (salt + " layer " + i + "\n").getBytes(StandardCharsets.UTF_8))));
        }
        List<String> diffIds = new ArrayList<>();
        List<PushLayer> layers = new ArrayList<>();
        for (byte[] tar : tars) {
            String diffId = Digests.of(tar);
            byte[] gz = gzip(tar);
            store.put(gz);
            diffIds.add(diffId);
            layers.add(new PushLayer(diffId, Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, gz.length, Digests.of(gz))));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture);
        config.put("config", Map.of("Cmd", List.of("/bin/sh"), "Labels", Map.of("salt", salt)));
        config.put("created", "2026-11-27T00:00:00Z");
        config.put("history", diffIds.stream().map(d -> Map.of("created", "2026-11-27T00:00:00Z", "created_by", "test")).toList());
        config.put("os", "linux");
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configJson = JSON.writeValueAsBytes(config);
        String configDigest = store.put(configJson);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.DOCKER_CONFIG, configJson.length, configDigest);
        return new Image(new PushContent(tag, configDescriptor, layers), diffIds, configJson);
    }

    static synchronized byte[] busyboxLayer() throws IOException {
        if (busyboxTar == null) {
            if (!Files.isRegularFile(BUSYBOX)) {
                throw new IllegalStateException(BUSYBOX + " is missing: apt-get install -y busybox-static");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                TarArchiveEntry bin = new TarArchiveEntry("bin/");
                bin.setMode(040755);
                bin.setModTime(EPOCH);
                tar.putArchiveEntry(bin);
                tar.closeArchiveEntry();
                byte[] busybox = Files.readAllBytes(BUSYBOX);
                TarArchiveEntry file = new TarArchiveEntry("bin/busybox");
                file.setMode(0100755);
                file.setModTime(EPOCH);
                file.setSize(busybox.length);
                tar.putArchiveEntry(file);
                tar.write(busybox);
                tar.closeArchiveEntry();
                TarArchiveEntry sh = new TarArchiveEntry("bin/sh", TarArchiveEntry.LF_SYMLINK);
                sh.setLinkName("busybox");
                sh.setModTime(EPOCH);
                tar.putArchiveEntry(sh);
                tar.closeArchiveEntry();
            }
            busyboxTar = bytes.toByteArray();
        }
        return busyboxTar;
    }

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setMode(0100644);
                e.setModTime(EPOCH);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }
}
