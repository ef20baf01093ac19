package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import wharf.engine.api.container.ContainerChange;

/**
 * A container's changes from its overlay's upper dir, the way moby's overlay2 driver reports
 * them ({@code archive.OverlayChanges}): a whiteout (a 0/0 character device) is a deletion; an
 * entry that exists in the image's layers is a modification, otherwise an addition; a directory
 * the image has with the same size, mode and time is not a change of its own, but the parent of
 * an addition or a deletion always is. An opaque directory ({@code trusted.overlay.opaque=y})
 * hides what the image had in it: moby reports the directory itself deleted; here it is modified
 * and each image entry it hides is deleted, which is what a full diff of the trees finds (and
 * what dockerd reports on its naive-diff drivers).
 */
final class LayerChanges {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int TYPE_MASK = 0170000;
    private static final int CHARACTER = 0020000;


    private final Path upper;
    /** The image's layers, top first. */
    private final List<Path> layers;
    private final Map<String, Integer> changes = new TreeMap<>();
    private final Set<String> changedDirs = new TreeSet<>();

    private LayerChanges(Path upper, List<Path> layers) {
        this.upper = upper;
        this.layers = layers;
    }

    /**
     * The changes in {@code upper} over the image's {@code layers} (lowest first, as overlayfs's
     * lowerdir lists them reversed), sorted by path.
     */
    static List<ContainerChange> of(Path upper, List<Path> layers) throws IOException {
        List<Path> topFirst = new ArrayList<>(layers);
        java.util.Collections.reverse(topFirst);
        LayerChanges diff = new LayerChanges(upper, topFirst);
        diff.walk(upper, "");
        List<ContainerChange> result = new ArrayList<>();
        diff.changes.forEach((path, kind) -> result.add(new ContainerChange(path, kind)));
        return result;
    }

    /**
     * The changes a user made: without the {@link InitLayer}'s paths and without a directory that
     * only holds such paths (wharf creates /etc for them in the writable layer when the image has none).
     */
    static List<ContainerChange> withoutInitLayer(List<ContainerChange> changes) {
        List<ContainerChange> user = changes.stream().filter(c -> !InitLayer.contains(c.path())).toList();
        return user.stream().filter(c -> c.kind() == ContainerChange.DELETED || !InitLayer.PARENTS.contains(c.path())
                || user.stream().anyMatch(other -> other.path().startsWith(c.path() + "/"))).toList();
    }

    private void walk(Path dir, String parent) throws IOException {
        for (Path entry : sorted(dir)) {
            String path = parent + "/" + entry.getFileName();
            Map<String, Object> attrs = Files.readAttributes(entry, "unix:mode,rdev,size,lastModifiedTime", NOFOLLOW);
            if (isWhiteout(attrs)) {
                if (lower(path) != null) {
                    record(parent, path, ContainerChange.DELETED);
                }
                continue;
            }
            Map<String, Object> below = lower(path);
            boolean directory = Files.isDirectory(entry, NOFOLLOW);
            boolean opaque = directory && isOpaque(entry);
            if (below == null) {
                record(parent, path, ContainerChange.ADDED);
            } else if (!directory || opaque || !sameDirectory(attrs, below)) {
                record(parent, path, ContainerChange.MODIFIED);
            }
            if (directory) {
                if (opaque && below != null) {
                    hidden(entry, path);
                }
                walk(entry, path);
            }
        }
    }

    /** The image entries an opaque directory hides: each one the upper dir does not have again. */
    private void hidden(Path dir, String path) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path layer : layers) {
            Path below = layer.resolve(path.substring(1));
            if (Files.isDirectory(below, NOFOLLOW)) {
                for (Path entry : sorted(below)) {
                    names.add(entry.getFileName().toString());
                }
            }
        }
        for (String name : names) {
            String child = path + "/" + name;
            if (!name.startsWith(WHITEOUT_PREFIX) && !Files.exists(dir.resolve(name), NOFOLLOW)
                    && lower(child) != null) {
                record(path, child, ContainerChange.DELETED);
            }
        }
    }

    /**
     * Records a change; an addition or deletion also records its parent as modified (moby#13590:
     * even when the parent's size, mode and time did not change).
     */
    private void record(String parent, String path, int kind) {
        changes.putIfAbsent(path, kind);
        if (kind == ContainerChange.MODIFIED || kind == ContainerChange.ADDED) {
            changedDirs.add(path);
        }
        if (kind != ContainerChange.MODIFIED && !parent.isEmpty() && changedDirs.add(parent)) {
            changes.putIfAbsent(parent, ContainerChange.MODIFIED);
        }
    }

    /**
     * The entry at {@code path} in the image (its attributes), or null when the image does not
     * have it: the topmost layer that has the path decides, unless a layer above hides it with a
     * whiteout, an opaque directory or a file where a directory of the path would be.
     */
    private Map<String, Object> lower(String path) throws IOException {
        String[] parts = path.substring(1).split("/");
        for (Path layer : layers) {
            Path current = layer;
            boolean opaqueAbove = false;
            for (int i = 0; i < parts.length; i++) {
                Path next = current.resolve(parts[i]);
                if (Files.exists(current.resolve(WHITEOUT_PREFIX + parts[i]), NOFOLLOW)) {
                    return null;
                }
                Map<String, Object> attrs;
                try {
                    attrs = Files.readAttributes(next, "unix:mode,rdev,size,lastModifiedTime", NOFOLLOW);
                } catch (NoSuchFileException e) {
                    if (opaqueAbove) {
                        return null;
                    }
                    break;
                }
                if (isWhiteout(attrs)) {
                    return null;
                }
                if (i == parts.length - 1) {
                    return attrs;
                }
                if (!Files.isDirectory(next, NOFOLLOW)) {
                    return null;
                }
                opaqueAbove |= isOpaque(next);
                current = next;
            }
        }
        return null;
    }

    private static boolean sameDirectory(Map<String, Object> upper, Map<String, Object> lower) {
        return upper.get("mode").equals(lower.get("mode")) && upper.get("size").equals(lower.get("size"))
                && ((FileTime) upper.get("lastModifiedTime")).equals(lower.get("lastModifiedTime"));
    }

    private static boolean isWhiteout(Map<String, Object> attrs) {
        return (((Integer) attrs.get("mode")) & TYPE_MASK) == CHARACTER && (Long) attrs.get("rdev") == 0;
    }

    private static boolean isOpaque(Path dir) throws IOException {
        byte[] value = Xattrs.get(dir, OPAQUE_XATTR);
        return value != null && value.length == 1 && value[0] == 'y'
                || Files.exists(dir.resolve(OPAQUE_MARKER), NOFOLLOW);
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            listing.forEach(entries::add);
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return entries;
    }
}
