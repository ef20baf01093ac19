package wharf.graph.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.LoadedImages;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.Reference;
import wharf.common.fs.FileTrees;

/**
 * {@code docker load}: a docker-archive ({@code manifest.json} naming each image's config, tags
 * and layer tars, as {@code docker save} writes it) or an OCI image layout ({@code index.json}
 * and {@code blobs/<alg>/<hex>}), possibly compressed. The archive is staged first (its
 * manifest may come last), then each image is added: layers unpacked unless present, each
 * verified against the diff ID its config promises, the config, and the tags last. Whatever
 * fails, the staging area goes and no half image is left.
 */
final class ArchiveLoader {
    static final String MANIFEST = "manifest.json";
    static final String OCI_INDEX = "index.json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final int MAX_LINK_DEPTH = 16;

    private final ImageStore store;

    ArchiveLoader(ImageStore store) {
        this.store = store;
    }

    /** One entry of {@code manifest.json}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ManifestEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("Layers") List<String> layers) {
    }

    /** An OCI descriptor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations, Platform platform) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Platform(String architecture, String os, String variant) {
    }

    /** An OCI index or manifest: whichever fields the document has. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OciDocument(String mediaType, List<Descriptor> manifests, Descriptor config, List<Descriptor> layers) {
    }

    /** An image to add: its config, its layer files bottom first, and the names to give it. */
    private record Planned(String configName, List<String> layerNames, List<Reference> tags) {
    }

    LoadedImages load(InputStream archive, boolean quiet, Progress progress) throws IOException {
        Path work = store.staging().newDirectory("load");
        try {
            Staged staged = stage(archive, work);
            List<Planned> plan = staged.has(MANIFEST) ? dockerArchive(staged) : ociLayout(staged);
            List<String> references = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Planned p : plan) {
                add(staged, p, quiet, progress, references, ids);
            }
            return new LoadedImages(references, ids);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    private void add(Staged staged, Planned p, boolean quiet, Progress progress, List<String> references,
            List<String> ids) throws IOException {
        byte[] configBytes = Files.readAllBytes(staged.file(p.configName()).path());
        ImageConfig config = ImageConfig.parse(configBytes);
        if (config.os() != null && !config.os().isEmpty() && !config.os().equals("linux")) {
            throw new InvalidParameterError("cannot load " + config.os() + " image on linux");
        }
        List<String> diffIds = config.diffIds();
        if (diffIds.size() != p.layerNames().size()) {
            throw new InvalidParameterError("invalid manifest, layers length mismatch: expected " + diffIds.size()
                    + ", got " + p.layerNames().size());
        }
        String parent = null;
        for (int i = 0; i < diffIds.size(); i++) {
            String diffId = diffIds.get(i);
            String chain = Digests.chainId(parent, diffId);
            if (!store.layers().has(chain)) {
                Staging.StagedFile file = staged.file(p.layerNames().get(i));
                String shortId = Digests.shortId(diffId);
                long total = file.size();
                try {
                    store.layers().register(parent, file, diffId,
                            quiet ? null : n -> progress.progress(shortId, "Loading layer", n, total));
                } catch (InvalidParameterError e) {
                    if (e.getMessage().startsWith("invalid diffID")) {
                        throw new InvalidParameterError(e.getMessage().replace("invalid diffID for layer",
                                "invalid diffID for layer " + i), e);
                    }
                    throw e;
                }
            }
            parent = chain;
        }
        Image image = store.commit(configBytes, "", List.of());
        if (p.tags().isEmpty()) {
            ids.add(image.id());
            progress.stream("Loaded image ID: " + image.id() + "\n");
        }
        for (Reference tag : p.tags()) {
            String previous = store.tag(tag, image.id());
            if (previous != null) {
                progress.stream("The image " + tag.familiar() + " already exists, renaming the old one with ID "
                        + previous + " to empty string\n");
            }
            references.add(tag.familiar());
            progress.stream("Loaded image: " + tag.familiar() + "\n");
        }
        store.events().publish("load", image, image.id());
    }

    // ---- the two formats ------------------------------------------------------------------------

    private List<Planned> dockerArchive(Staged staged) throws IOException {
        List<ManifestEntry> entries;
        try {
            entries = Json.MAPPER.readValue(staged.bytes(MANIFEST), new TypeReference<List<ManifestEntry>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidParameterError("invalid manifest.json: " + e.getOriginalMessage(), e);
        }
        List<Planned> plan = new ArrayList<>();
        for (ManifestEntry e : entries) {
            if (e.config() == null) {
                throw new InvalidParameterError("invalid manifest.json: an image without Config");
            }
            List<Reference> tags = new ArrayList<>();
            for (String t : e.repoTags() == null ? List.<String>of() : e.repoTags()) {
                Reference ref = Reference.parse(t);
                if (!ref.tagged() || ref.digested()) {
                    throw new InvalidParameterError("invalid tag \"" + t + "\"");
                }
                tags.add(ref);
            }
            List<String> layers = e.layers() == null ? List.of() : e.layers();
            staged.file(e.config());
            for (String l : layers) {
                staged.file(l);
            }
            plan.add(new Planned(e.config(), layers, tags));
        }
        return plan;
    }

    private List<Planned> ociLayout(Staged staged) throws IOException {
        if (!staged.has(OCI_INDEX)) {
            throw new InvalidParameterError("invalid image archive: it has neither manifest.json nor index.json");
        }
        OciDocument index = document(staged, OCI_INDEX, staged.bytes(OCI_INDEX));
        List<Planned> plan = new ArrayList<>();
        for (Descriptor d : index.manifests() == null ? List.<Descriptor>of() : index.manifests()) {
            Descriptor manifest = pickManifest(staged, d);
            OciDocument m = document(staged, manifest.digest(), blob(staged, manifest.digest()));
            if (m.config() == null) {
                throw new InvalidParameterError("invalid OCI manifest " + manifest.digest() + ": no config");
            }
            String configName = blobName(staged, m.config().digest());
            List<String> layers = new ArrayList<>();
            for (Descriptor l : m.layers() == null ? List.<Descriptor>of() : m.layers()) {
                layers.add(blobName(staged, l.digest()));
            }
            List<Reference> tags = new ArrayList<>();
            Reference name = ociName(d.annotations());
            if (name != null) {
                tags.add(name);
            }
            plan.add(new Planned(configName, layers, tags));
        }
        if (plan.isEmpty()) {
            throw new InvalidParameterError("invalid OCI layout: index.json lists no image");
        }
        return plan;
    }

    /** Follows an index to the manifest for linux and this machine's architecture. */
    private Descriptor pickManifest(Staged staged, Descriptor d) throws IOException {
        Descriptor current = d;
        for (int depth = 0; depth < 4; depth++) {
            String type = current.mediaType() == null ? "" : current.mediaType();
            if (type.equals(OCI_MANIFEST) || type.equals(DOCKER_MANIFEST)) {
                return current;
            }
            OciDocument doc = document(staged, current.digest(), blob(staged, current.digest()));
            if (doc.manifests() == null) {
                return current;
            }
            if (!type.isEmpty() && !type.equals(OCI_INDEX_TYPE) && !type.equals(DOCKER_LIST)) {
                throw new InvalidParameterError("unsupported media type " + type + " in the OCI layout");
            }
            String arch = Platforms.hostArchitecture();
            current = doc.manifests().stream()
                    .filter(m -> m.platform() == null || ("linux".equals(m.platform().os()) && arch.equals(m.platform().architecture())))
                    .findFirst()
                    .orElseThrow(() -> new InvalidParameterError("no image for linux/" + arch + " in the OCI layout"));
        }
        throw new InvalidParameterError("OCI indexes nested too deep");
    }

    /**
     * The name an OCI layout gives an image: containerd's full-name annotation, else the
     * standard {@code ref.name} when it is a whole reference (it is often a bare tag, which
     * names no repository).
     */
    static Reference ociName(Map<String, String> annotations) {
        if (annotations == null) {
            return null;
        }
        String full = annotations.get(CONTAINERD_NAME);
        String candidate = full != null ? full : annotations.get(REF_NAME);
        if (candidate == null || (full == null && !candidate.contains(":") && !candidate.contains("/"))) {
            return null;
        }
        Reference ref = Reference.parse(candidate);
        return ref.digested() ? null : ref.withDefaultTag();
    }

    private static OciDocument document(Staged staged, String name, byte[] bytes) {
        try {
            return Json.MAPPER.readValue(bytes, OciDocument.class);
        } catch (IOException e) {
            throw new InvalidParameterError("invalid " + name + " in the OCI layout: " + e.getMessage(), e);
        }
    }

    private static String blobName(Staged staged, String digest) {
        if (digest == null || !digest.contains(":")) {
            throw new InvalidParameterError("invalid digest " + digest + " in the OCI layout");
        }
        Reference.validateDigest(digest);
        String name = "blobs/" + digest.replace(':', '/');
        Staging.StagedFile f = staged.file(name);
        if (digest.startsWith(Digests.SHA256) && !f.digest().equals(digest)) {
            throw new InvalidParameterError("blob " + name + " does not match its digest " + digest + " (got " + f.digest() + ")");
        }
        return name;
    }

    private static byte[] blob(Staged staged, String digest) throws IOException {
        return staged.bytes(blobName(staged, digest));
    }

    // ---- staging ----------------------------------------------------------------------------------

    /**
     * Copies every regular file of the archive into the work directory (hashed on the way) and
     * remembers links by name; names must be plain relative paths.
     */
    private Staged stage(InputStream archive, Path work) throws IOException {
        Staged staged = new Staged(store.blobs());
        Compression.Opened opened = Compression.open(TarReader.corruptOnFailure(archive), 1 << 16);
        TarReader tar = new TarReader(opened.stream());
        int n = 0;
        try {
            TarArchiveEntry e;
            while ((e = tar.next()) != null) {
                String name = String.join("/", EntryPaths.components(e.getName()));
                if (e.isSymbolicLink()) {
                    List<String> dir = EntryPaths.components(name);
                    String target = e.getLinkName().startsWith("/") ? null
                            : joinInside(dir.subList(0, Math.max(0, dir.size() - 1)), e.getLinkName());
                    if (target == null) {
                        throw new InvalidParameterError("invalid symlink \"" + e.getName() + "\" -> \"" + e.getLinkName() + "\"");
                    }
                    staged.links.put(name, target);
                } else if (e.isLink()) {
                    List<String> target = EntryPaths.hardlinkTarget(e.getLinkName());
                    if (target == null) {
                        throw new InvalidParameterError("invalid hardlink \"" + e.getName() + "\" -> \"" + e.getLinkName() + "\"");
                    }
                    staged.links.put(name, String.join("/", target));
                } else if (e.isFile()) {
                    staged.files.put(name, Staging.write(work, "f" + n++, tar.content()));
                }
            }
        } catch (TarReader.Corrupt e) {
            throw new InvalidParameterError("invalid image archive: " + e.getMessage(), e);
        }
        if (staged.files.isEmpty()) {
            throw new InvalidParameterError("invalid image archive: it is empty");
        }
        return staged;
    }

    private static String joinInside(List<String> dir, String target) {
        List<String> parts = new ArrayList<>(dir);
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** The staged archive: files by name, links by name, and where moved blobs went. */
    private static final class Staged {
        final Map<String, Staging.StagedFile> files = new HashMap<>();
        final Map<String, String> links = new HashMap<>();
        private final BlobStore blobs;

        Staged(BlobStore blobs) {
            this.blobs = blobs;
        }

        boolean has(String name) {
            return resolve(name) != null;
        }

        private String resolve(String name) {
            String current = String.join("/", EntryPaths.components(name));
            for (int i = 0; i < MAX_LINK_DEPTH; i++) {
                if (files.containsKey(current)) {
                    return current;
                }
                String next = links.get(current);
                if (next == null) {
                    return null;
                }
                current = next;
            }
            return null;
        }

        Staging.StagedFile file(String name) {
            String resolved = resolve(name);
            if (resolved == null) {
                throw new InvalidParameterError("invalid image archive: " + name + " is missing");
            }
            Staging.StagedFile f = files.get(resolved);
            if (!Files.exists(f.path()) && blobs.has(f.digest())) {
                // an earlier layer took this file into the blob store
                return new Staging.StagedFile(blobs.path(f.digest()), f.digest(), f.size());
            }
            return f;
        }

        byte[] bytes(String name) throws IOException {
            return Files.readAllBytes(file(name).path());
        }
    }
}
