package wharf.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.image.Reference;

/**
 * {@code docker save}: one tar that is both a docker-archive and an OCI image layout, as
 * dockerd 25 writes it, so dockerd of any version and OCI tools load it. Every blob sits once
 * under {@code blobs/sha256/}: each layer's uncompressed tar (named by its diff ID), each config
 * (named by the image ID) and an OCI manifest per image; {@code manifest.json} names configs,
 * tags and layers for Docker, {@code index.json} and {@code oci-layout} make the OCI layout, and
 * the legacy {@code repositories} file maps tags for old loaders. Entries are dated at the
 * epoch, so an image saves to the same bytes every time.
 */
final class ArchiveSaver {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final ImageStore store;

    ArchiveSaver(ImageStore store) {
        this.store = store;
    }

    /** The images to save, each with the tags the archive gives it, in the order named. */
    record Selection(Map<String, List<Reference>> tagsById) {
    }

    /**
     * Resolves the names as dockerd's {@code parseNames}: a tag saves that tag, a bare
     * repository name every tag of the repository, an ID or digest reference the image without a
     * tag. Done before anything is written, so a missing image fails cleanly.
     */
    Selection select(List<String> names) {
        Map<String, List<Reference>> out = new LinkedHashMap<>();
        ImageStore.Snapshot s = store.snapshot();
        for (String name : names) {
            if (Reference.isId(name)) {
                add(out, store.lookup(name).id(), null);
                continue;
            }
            Reference ref = Reference.parse(name);
            if (ref.familiarName().equals("sha256")) {
                add(out, store.lookup(name).id(), null);
            } else if (!ref.tagged() && !ref.digested()) {
                boolean any = false;
                for (Map.Entry<String, String> e : s.references().entrySet()) {
                    Reference r = Reference.parse(e.getKey());
                    if (r.name().equals(ref.name())) {
                        add(out, e.getValue(), r.digested() ? null : r);
                        any = true;
                    }
                }
                if (!any) {
                    add(out, store.lookup(name).id(), null);
                }
            } else {
                String id = s.references().get(ImageStore.storageKey(ref));
                if (id == null) {
                    throw new NotFoundError("No such image: " + ref.familiar());
                }
                add(out, id, ref.digested() ? null : ref);
            }
        }
        return new Selection(out);
    }

    private static void add(Map<String, List<Reference>> out, String id, Reference tag) {
        List<Reference> tags = out.computeIfAbsent(id, k -> new ArrayList<>());
        if (tag != null && !tags.contains(tag)) {
            tags.add(tag);
        }
    }

    void write(Selection selection, OutputStream target) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(target, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        Set<String> written = new HashSet<>();
        List<Map<String, Object>> manifest = new ArrayList<>();
        List<Map<String, Object>> index = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        for (Map.Entry<String, List<Reference>> e : selection.tagsById().entrySet()) {
            Image image = store.image(e.getKey());
            if (image == null) {
                throw new NotFoundError("No such image: " + e.getKey());
            }
            List<String> layerPaths = new ArrayList<>();
            List<Map<String, Object>> layerDescriptors = new ArrayList<>();
            for (String chain : image.chainIds()) {
                Layer layer = store.layers().get(chain);
                String path = "blobs/sha256/" + Digests.hex(layer.diffId());
                if (written.add(path)) {
                    try (InputStream in = store.layers().openTar(layer)) {
                        file(tar, path, layer.tarSize(), in);
                    }
                }
                layerPaths.add(path);
                layerDescriptors.add(descriptor(OCI_LAYER, layer.diffId(), layer.tarSize(), null));
            }
            byte[] config = store.blobs().read(image.id());
            String configPath = "blobs/sha256/" + Digests.hex(image.id());
            if (written.add(configPath)) {
                file(tar, configPath, config);
            }
            Map<String, Object> oci = new LinkedHashMap<>();
            oci.put("schemaVersion", 2);
            oci.put("mediaType", OCI_MANIFEST);
            oci.put("config", descriptor(OCI_CONFIG, image.id(), config.length, null));
            oci.put("layers", layerDescriptors);
            byte[] ociBytes = Json.MAPPER.writeValueAsBytes(oci);
            String ociDigest = Digests.of(ociBytes);
            String ociPath = "blobs/sha256/" + Digests.hex(ociDigest);
            if (written.add(ociPath)) {
                file(tar, ociPath, ociBytes);
            }

            List<String> repoTags = e.getValue().stream().map(Reference::familiar).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Config", configPath);
            entry.put("RepoTags", repoTags.isEmpty() ? null : repoTags);
            entry.put("Layers", layerPaths);
            manifest.add(entry);
            if (e.getValue().isEmpty()) {
                index.add(descriptor(OCI_MANIFEST, ociDigest, ociBytes.length, null));
            }
            for (Reference tag : e.getValue()) {
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put(ArchiveLoader.CONTAINERD_NAME, tag.toString());
                annotations.put(ArchiveLoader.REF_NAME, tag.tag());
                index.add(descriptor(OCI_MANIFEST, ociDigest, ociBytes.length, annotations));
                if (!image.chainIds().isEmpty()) {
                    String top = store.layers().get(image.topLayer()).diffId();
                    repositories.computeIfAbsent(tag.familiarName(), k -> new LinkedHashMap<>()).put(tag.tag(), Digests.hex(top));
                }
            }
            store.events().publish("save", image, image.id());
        }
        Map<String, Object> ociIndex = new LinkedHashMap<>();
        ociIndex.put("schemaVersion", 2);
        ociIndex.put("mediaType", OCI_INDEX);
        ociIndex.put("manifests", index);
        file(tar, ArchiveLoader.OCI_INDEX, Json.MAPPER.writeValueAsBytes(ociIndex));
        file(tar, ArchiveLoader.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        if (!repositories.isEmpty()) {
            file(tar, "repositories", Json.MAPPER.writeValueAsBytes(repositories));
        }
        tar.finish();
        tar.flush();
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        if (annotations != null) {
            d.put("annotations", annotations);
        }
        return d;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        e.setLastModifiedTime(EPOCH);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        file(tar, name, content.length, new java.io.ByteArrayInputStream(content));
    }

    /** Writes exactly size bytes from the stream; a stream of another length is a corrupt store. */
    private static void file(TarArchiveOutputStream tar, String name, long size, InputStream in) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0644);
        e.setSize(size);
        e.setLastModifiedTime(EPOCH);
        tar.putArchiveEntry(e);
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException(name + " is shorter than the " + size + " bytes recorded for it");
            }
            tar.write(buf, 0, n);
            left -= n;
        }
        if (in.read() >= 0) {
            throw new IOException(name + " is longer than the " + size + " bytes recorded for it");
        }
        tar.closeArchiveEntry();
    }
}
