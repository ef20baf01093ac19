package wharf.graph.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.common.AtomicFiles;
import wharf.common.GoTime;
import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.event.EventBus;
import wharf.common.fs.FileTrees;

/**
 * The content-addressed image store under {@code <data root>/image}:
 * <pre>
 * blobs/sha256/&lt;hex&gt;      configs, manifests, layer blobs
 * layers/&lt;chain hex&gt;/      diff/ (the unpacked layer) and layer.json
 * index.json                images and the references that name them
 * tmp/                      work in progress, cleared at start-up
 * </pre>
 * Writers put blobs and layers in place first and the index last, replacing it whole; readers
 * see an immutable snapshot. At start-up the index is read back and whatever no image refers to
 * (left by an interrupted operation) is removed.
 */
@Component(service = ImageStore.class, immediate = true)
public final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    private static final String INDEX = "index.json";

    private final Path root;
    private final Staging staging;
    private final BlobStore blobs;
    private final LayerStore layers;
    private final ImageEvents events;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    /** What the store holds at one moment: images by ID, image IDs by full reference. */
    record Snapshot(Map<String, Image> images, Map<String, String> references) {
    }

    @Activate
    public ImageStore(BundleContext context, @Reference EventBus bus) throws IOException {
        this(dataRoot(context).resolve("image"), bus);
    }

    ImageStore(Path root, EventBus bus) throws IOException {
        this.root = Files.createDirectories(root);
        this.staging = new Staging(root.resolve("tmp"));
        staging.clear();
        this.blobs = new BlobStore(root.resolve("blobs").resolve("sha256"), staging);
        this.layers = new LayerStore(root.resolve("layers"), blobs, staging, new LayerUnpacker(probeWhiteouts(staging)));
        this.events = new ImageEvents(bus);
        load();
    }

    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
    }

    /** overlayfs whiteouts need mknod and trusted xattrs: root on a file system that has them. */
    private static LayerUnpacker.Whiteouts probeWhiteouts(Staging staging) throws IOException {
        if (!NativeFs.available()) {
            return LayerUnpacker.Whiteouts.FILES;
        }
        Path probe = staging.newDirectory("probe");
        try {
            NativeFs.mknod(probe.resolve("whiteout"), NativeFs.S_IFCHR, 0);
            NativeFs.lsetxattr(probe, LayerUnpacker.OPAQUE_XATTR, new byte[] {'y'});
            return LayerUnpacker.Whiteouts.OVERLAY;
        } catch (IOException e) {
            LOG.warn("Layers keep whiteouts as .wh. files: overlayfs whiteouts cannot be made here ({})", e.getMessage());
            return LayerUnpacker.Whiteouts.FILES;
        } finally {
            FileTrees.deleteQuietly(probe);
        }
    }

    Path root() {
        return root;
    }

    BlobStore blobs() {
        return blobs;
    }

    LayerStore layers() {
        return layers;
    }

    Staging staging() {
        return staging;
    }

    ImageEvents events() {
        return events;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Collection<Image> images() {
        return snapshot.images().values();
    }

    Image image(String id) {
        return snapshot.images().get(id);
    }

    // ---- reading back -------------------------------------------------------------------------

    private void load() throws IOException {
        layers.load();
        Path file = root.resolve(INDEX);
        IndexFile index = Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), IndexFile.class)
                : new IndexFile(Map.of(), Map.of());
        Map<String, Image> images = new LinkedHashMap<>();
        Map<String, List<String>> manifests = new LinkedHashMap<>();
        index.images().forEach((id, entry) -> {
            Image image = readImage(id, entry);
            if (image != null) {
                images.put(id, image);
                manifests.put(id, entry.manifests());
            }
        });
        Map<String, String> refs = new TreeMap<>();
        index.references().forEach((ref, id) -> {
            if (images.containsKey(id)) {
                refs.put(ref, id);
            } else {
                LOG.warn("Dropping reference {}: image {} is missing", ref, id);
            }
        });
        this.manifests = manifests;
        snapshot = new Snapshot(frozen(images), frozen(refs));
        collectGarbage();
        LOG.info("Image store at {}: {} images, {} layers", root, images.size(), layers.all().size());
    }

    private Image readImage(String id, IndexFile.Entry entry) {
        try {
            if (!Digests.valid(id) || !blobs.has(id)) {
                LOG.warn("Dropping image {}: its config is missing", id);
                return null;
            }
            byte[] bytes = blobs.read(id);
            ImageConfig config = ImageConfig.parse(bytes);
            List<String> chain = Digests.chainIds(config.diffIds());
            for (String c : chain) {
                if (!layers.has(c)) {
                    LOG.warn("Dropping image {}: layer {} is missing", id, c);
                    return null;
                }
            }
            return new Image(id, config, chain, entry.parent(), entry.lastTagTime(), bytes.length);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Dropping image {}: {}", id, e.toString());
            return null;
        }
    }

    /** Removes layers and blobs no image refers to: what an interrupted operation left. */
    private void collectGarbage() throws IOException {
        Set<String> usedLayers = new HashSet<>();
        Set<String> usedBlobs = new HashSet<>();
        for (Image image : snapshot.images().values()) {
            usedLayers.addAll(image.chainIds());
            usedBlobs.add(image.id());
            usedBlobs.addAll(manifests.getOrDefault(image.id(), List.of()));
        }
        for (Layer layer : layers.all().values()) {
            if (!usedLayers.contains(layer.chainId())) {
                LOG.info("Removing unused layer {}", layer.chainId());
                layers.delete(layer.chainId());
            }
        }
        layers.all().values().forEach(l -> usedBlobs.addAll(l.blobs()));
        for (String digest : blobs.digests()) {
            if (!usedBlobs.contains(digest)) {
                LOG.info("Removing unused blob {}", digest);
                blobs.delete(digest);
            }
        }
    }

    /** Manifest digests per image; only changed under the write lock. */
    private volatile Map<String, List<String>> manifests = Map.of();

    // ---- lookups --------------------------------------------------------------------------------

    /**
     * Finds an image as dockerd's {@code GetImage} does: a full ID, a reference (a bare name
     * means {@code :latest}; a digest wins over a tag), or an unambiguous ID prefix.
     *
     * @throws NotFoundError        {@code No such image: <familiar reference>}
     * @throws InvalidParameterError when the text is neither an ID nor a valid reference
     */
    Image lookup(String text) {
        Snapshot s = snapshot;
        if (wharf.engine.api.image.Reference.isId(text)) {
            String id = text.startsWith(Digests.SHA256) ? text : Digests.SHA256 + text;
            Image image = s.images().get(id);
            if (image == null) {
                throw new NotFoundError("No such image: " + id);
            }
            return image;
        }
        if (looksLikeOtherDigest(text)) {
            throw new NotFoundError("No such image: " + text);
        }
        wharf.engine.api.image.Reference ref = wharf.engine.api.image.Reference.parse(text);
        String id = s.references().get(storageKey(ref));
        if (id != null) {
            return s.images().get(id);
        }
        Image byPrefix = byIdPrefix(s, text);
        if (byPrefix != null) {
            return byPrefix;
        }
        throw new NotFoundError("No such image: " + ref.withDefaultTag().familiar());
    }

    /** {@code sha512:…} and other valid digests are IDs dockerd never has. */
    private static boolean looksLikeOtherDigest(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || text.indexOf('/') >= 0) {
            return false;
        }
        try {
            wharf.engine.api.image.Reference.validateDigest(text);
            return true;
        } catch (InvalidParameterError e) {
            return false;
        }
    }

    private static Image byIdPrefix(Snapshot s, String text) {
        String hex = text.startsWith(Digests.SHA256) ? text.substring(Digests.SHA256.length()) : text;
        if (hex.isEmpty() || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        Image found = null;
        for (Image image : s.images().values()) {
            if (image.id().startsWith(Digests.SHA256 + hex)) {
                if (found != null) {
                    return null;
                }
                found = image;
            }
        }
        return found;
    }

    /**
     * The key a reference is stored under: with a tag ({@code latest} when none), or with only
     * its digest when it has one (a digest wins over a tag, as in dockerd's reference store).
     */
    static String storageKey(wharf.engine.api.image.Reference ref) {
        if (ref.digested()) {
            return ref.repository().withDigest(ref.digest()).toString();
        }
        return ref.withDefaultTag().toString();
    }

    /** The references naming the image, sorted as dockerd lists them (by familiar form). */
    List<wharf.engine.api.image.Reference> references(String id) {
        return references(snapshot, id);
    }

    static List<wharf.engine.api.image.Reference> references(Snapshot s, String id) {
        List<wharf.engine.api.image.Reference> out = new ArrayList<>();
        s.references().forEach((ref, target) -> {
            if (target.equals(id)) {
                out.add(wharf.engine.api.image.Reference.parse(ref));
            }
        });
        out.sort(Comparator.comparing(wharf.engine.api.image.Reference::familiar));
        return out;
    }

    /** Images whose local parent is this one. */
    List<Image> children(String id) {
        return snapshot.images().values().stream().filter(i -> i.parent().equals(id)).toList();
    }

    /** The image's size: its layers' content, bottom to top, as dockerd's {@code Size}. */
    long size(Image image) {
        long size = 0;
        for (String chain : image.chainIds()) {
            Layer l = layers.get(chain);
            if (l != null) {
                size += l.size();
            }
        }
        return size;
    }

    // ---- changes --------------------------------------------------------------------------------

    /**
     * Adds an image whose layers are all in the store: the config goes into the blob store, then
     * the index names the image. Adding an image that is there already changes nothing.
     */
    Image commit(byte[] configBytes, String parent, List<String> manifestDigests) throws IOException {
        ImageConfig config = ImageConfig.parse(configBytes);
        List<String> chain = Digests.chainIds(config.diffIds());
        synchronized (writeLock) {
            // under the lock: a delete running now cannot take a layer from under the new image
            for (String c : chain) {
                if (!layers.has(c)) {
                    throw new SystemError("cannot add the image: its layer " + c + " is not in the store");
                }
            }
            String id = blobs.put(configBytes);
            Snapshot s = snapshot;
            Image present = s.images().get(id);
            List<String> known = manifests.getOrDefault(id, List.of());
            List<String> merged = new ArrayList<>(known);
            for (String m : manifestDigests == null ? List.<String>of() : manifestDigests) {
                if (!merged.contains(m)) {
                    merged.add(m);
                }
            }
            if (present != null && merged.equals(known)) {
                return present;
            }
            Image image = present != null ? present
                    : new Image(id, config, chain, parent, null, configBytes.length);
            Map<String, Image> images = new LinkedHashMap<>(s.images());
            images.put(id, image);
            Map<String, List<String>> m = new LinkedHashMap<>(manifests);
            m.put(id, List.copyOf(merged));
            publish(new Snapshot(frozen(images), s.references()), m);
            return image;
        }
    }

    /**
     * Points the reference (tagged or digested) at the image, as dockerd's {@code AddTag} with
     * force, and records the tag time.
     *
     * @return the ID the reference pointed at before, if another image
     */
    String tag(wharf.engine.api.image.Reference ref, String id) throws IOException {
        if (ref.familiarName().equals("sha256")) {
            throw new InvalidParameterError("refusing to create an ambiguous tag using digest algorithm as name");
        }
        synchronized (writeLock) {
            Snapshot s = snapshot;
            Image image = s.images().get(id);
            if (image == null) {
                throw new NotFoundError("No such image: " + id);
            }
            String key = storageKey(ref);
            String previous = s.references().get(key);
            Map<String, String> refs = new TreeMap<>(s.references());
            refs.put(key, id);
            Map<String, Image> images = new LinkedHashMap<>(s.images());
            images.put(id, image.withLastTagTime(GoTime.now()));
            publish(new Snapshot(frozen(images), frozen(refs)), manifests);
            return previous == null || previous.equals(id) ? null : previous;
        }
    }

    /** Removes the reference; false when it did not exist. */
    boolean untag(wharf.engine.api.image.Reference ref) throws IOException {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            String key = storageKey(ref);
            if (!s.references().containsKey(key)) {
                return false;
            }
            Map<String, String> refs = new TreeMap<>(s.references());
            refs.remove(key);
            publish(new Snapshot(s.images(), frozen(refs)), manifests);
            return true;
        }
    }

    /**
     * Removes the image and every reference to it, then the layers, config and manifests no
     * other image uses.
     *
     * @return the chain IDs of the layers removed, top first
     * @throws ConflictError when another image names it as its parent
     */
    List<String> delete(String id) throws IOException {
        synchronized (writeLock) {
            Snapshot s = snapshot;
            Image image = s.images().get(id);
            if (image == null) {
                throw new NotFoundError("No such image: " + id);
            }
            Map<String, Image> images = new LinkedHashMap<>(s.images());
            images.remove(id);
            Map<String, String> refs = new TreeMap<>(s.references());
            refs.values().removeIf(id::equals);
            Map<String, List<String>> m = new LinkedHashMap<>(manifests);
            List<String> removedManifests = m.remove(id);
            publish(new Snapshot(frozen(images), frozen(refs)), m);
            return release(image, removedManifests == null ? List.of() : removedManifests);
        }
    }

    /** Deletes what only the removed image used, once the index no longer names it. */
    private List<String> release(Image image, List<String> removedManifests) throws IOException {
        Set<String> stillUsed = new HashSet<>();
        Set<String> manifestsUsed = new HashSet<>();
        for (Image other : snapshot.images().values()) {
            stillUsed.addAll(other.chainIds());
            manifestsUsed.addAll(manifests.getOrDefault(other.id(), List.of()));
        }
        List<String> removed = new ArrayList<>();
        List<String> chain = new ArrayList<>(image.chainIds());
        java.util.Collections.reverse(chain);
        for (String c : chain) {
            if (!stillUsed.contains(c)) {
                layers.delete(c);
                removed.add(c);
            }
        }
        blobs.delete(image.id());
        for (String m : removedManifests) {
            if (!manifestsUsed.contains(m)) {
                blobs.delete(m);
            }
        }
        return removed;
    }

    /** A read-only view that keeps the map's order (references sorted, images as added). */
    private static <K, V> Map<K, V> frozen(Map<K, V> fresh) {
        return java.util.Collections.unmodifiableMap(fresh);
    }

    /** Writes the index for the new state, then makes the state visible. */
    private void publish(Snapshot next, Map<String, List<String>> nextManifests) throws IOException {
        Map<String, IndexFile.Entry> entries = new TreeMap<>();
        next.images().forEach((id, image) -> entries.put(id,
                new IndexFile.Entry(image.parent(), image.lastTagTime(), nextManifests.get(id))));
        IndexFile file = new IndexFile(entries, new TreeMap<>(next.references()));
        AtomicFiles.write(root.resolve(INDEX), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
        manifests = Map.copyOf(nextManifests);
        snapshot = next;
    }
}
