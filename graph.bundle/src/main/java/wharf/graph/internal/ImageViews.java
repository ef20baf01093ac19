package wharf.graph.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wharf.common.GoTime;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.HistoryItem;
import wharf.engine.api.image.ImageInspect;
import wharf.engine.api.image.ImageSummary;
import wharf.engine.api.image.ListImages;
import wharf.engine.api.image.Reference;

/** The store's images in dockerd's API shapes: the list, inspect and history. */
final class ImageViews {
    static final Set<String> LIST_FILTERS = Set.of("dangling", "label", "before", "since", "reference");
    private static final String GRAPH_DRIVER = "overlay2";

    private final ImageStore store;

    ImageViews(ImageStore store) {
        this.store = store;
    }

    /** {@code GET /images/json}, newest first, as dockerd's {@code Images}. */
    List<ImageSummary> list(ListImages query) {
        Filters f = query.filters().validate(LIST_FILTERS);
        boolean danglingOnly = bool(f, "dangling", false);
        Instant before = f.get("before").stream().map(v -> store.lookup(v).created().toInstant()).reduce((a, b) -> b).orElse(null);
        Instant since = f.get("since").stream().map(v -> store.lookup(v).created().toInstant()).reduce((a, b) -> b).orElse(null);
        ImageStore.Snapshot s = store.snapshot();
        Map<String, Integer> layerUse = query.sharedSize() ? layerUse(s) : Map.of();

        List<ImageSummary> out = new ArrayList<>();
        for (Image image : s.images().values()) {
            Instant created = image.created().toInstant();
            if (before != null && !created.isBefore(before)) {
                continue;
            }
            if (since != null && !created.isAfter(since)) {
                continue;
            }
            if (f.contains("label") && !f.matchKeyValues("label", labels(image))) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (Reference ref : ImageStore.references(s, image.id())) {
                if (f.contains("reference") && !matchesAny(f.get("reference"), ref)) {
                    continue;
                }
                if (ref.digested()) {
                    digests.add(ref.familiar());
                } else {
                    tags.add(ref.familiar());
                }
            }
            boolean hasChildren = hasChildren(s, image);
            if (tags.isEmpty() && digests.isEmpty()) {
                // untagged: listed unless it is an intermediate image (a parent) and all was not asked
                if ((hasChildren && !query.all()) || (f.contains("dangling") && !danglingOnly) || f.contains("reference")) {
                    continue;
                }
            } else if (danglingOnly && !tags.isEmpty()) {
                continue;
            }
            if (danglingOnly && hasChildren) {
                continue;
            }
            long shared = query.sharedSize() ? sharedSize(image, layerUse) : -1;
            out.add(new ImageSummary(-1, created.getEpochSecond(), image.id(), labels(image), image.parent(),
                    digests, tags, shared, store.size(image), null));
        }
        out.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return out;
    }

    private static boolean hasChildren(ImageStore.Snapshot s, Image image) {
        return s.images().values().stream().anyMatch(i -> i.parent().equals(image.id()));
    }

    /** How many images use each layer. */
    private static Map<String, Integer> layerUse(ImageStore.Snapshot s) {
        Map<String, Integer> use = new LinkedHashMap<>();
        s.images().values().forEach(i -> i.chainIds().forEach(c -> use.merge(c, 1, Integer::sum)));
        return use;
    }

    private long sharedSize(Image image, Map<String, Integer> layerUse) {
        long shared = 0;
        for (String c : image.chainIds()) {
            if (layerUse.getOrDefault(c, 0) > 1) {
                Layer l = store.layers().get(c);
                shared += l == null ? 0 : l.size();
            }
        }
        return shared;
    }

    /** moby's {@code FamiliarMatch}: the glob against the familiar reference, then against its name alone. */
    private static boolean matchesAny(Set<String> patterns, Reference ref) {
        for (String pattern : patterns) {
            if (Glob.matches(pattern, ref.familiar()) || Glob.matches(pattern, ref.familiarName())) {
                return true;
            }
        }
        return false;
    }

    /** {@code GET /images/{name}/json}. */
    ImageInspect inspect(String name) {
        Image image = store.lookup(name);
        List<String> tags = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Reference ref : store.references(image.id())) {
            (ref.digested() ? digests : tags).add(ref.familiar());
        }
        ImageConfig c = image.config();
        String comment = orEmpty(c.comment());
        List<ImageConfig.History> history = c.historyOrEmpty();
        if (comment.isEmpty() && !history.isEmpty()) {
            comment = orEmpty(history.get(history.size() - 1).comment());
        }
        String lastTag = image.lastTagTime() == null ? GoTime.ZERO : image.lastTagTime();
        return new ImageInspect(image.id(), tags, digests, image.parent(), comment,
                GoTime.rfc3339Nano(image.created()), orEmpty(c.container()),
                c.containerConfig() == null ? ContainerConfig.empty() : c.containerConfig(), orEmpty(c.dockerVersion()),
                orEmpty(c.author()), c.config(), orEmpty(c.architecture()), c.variant(), orEmpty(c.os()), c.osVersion(),
                store.size(image), null, graphDriver(image), new ImageInspect.RootFS("layers", c.diffIds()),
                new ImageInspect.Metadata(lastTag));
    }

    /**
     * overlay2's data for an image: the top layer's directory and those below it, as a mount of
     * the image would stack them.
     */
    private ImageInspect.GraphDriver graphDriver(Image image) {
        if (image.chainIds().isEmpty()) {
            return new ImageInspect.GraphDriver(null, GRAPH_DRIVER);
        }
        List<String> chain = image.chainIds();
        Map<String, String> data = new LinkedHashMap<>();
        if (chain.size() > 1) {
            List<String> lower = new ArrayList<>();
            for (int i = chain.size() - 2; i >= 0; i--) {
                lower.add(store.layers().diff(chain.get(i)).toString());
            }
            data.put("LowerDir", String.join(":", lower));
        }
        data.put("UpperDir", store.layers().diff(chain.get(chain.size() - 1)).toString());
        return new ImageInspect.GraphDriver(data, GRAPH_DRIVER);
    }

    /** {@code GET /images/{name}/history}, newest first, as dockerd's {@code ImageHistory}. */
    List<HistoryItem> history(String name) {
        Image image = store.lookup(name);
        ImageConfig c = image.config();
        List<String> diffIds = c.diffIds();
        List<HistoryItem> items = new ArrayList<>();
        int layer = 0;
        String chain = null;
        for (ImageConfig.History h : c.historyOrEmpty()) {
            long size = 0;
            if (!h.emptyLayer()) {
                if (layer >= diffIds.size()) {
                    throw new InvalidParameterError("too many non-empty layers in History section");
                }
                chain = Digests.chainId(chain, diffIds.get(layer++));
                Layer l = store.layers().get(chain);
                size = l == null ? 0 : l.size();
            }
            items.add(0, new HistoryItem(orEmpty(h.comment()), GoTime.parseOrZero(h.created()).toEpochSecond(),
                    orEmpty(h.createdBy()), "<missing>", size, null));
        }
        // the newest entries belong to this image and, walking the local parents, to each parent
        Image current = image;
        for (int i = 0; i < items.size() && current != null; i++) {
            HistoryItem h = items.get(i);
            List<String> tags = store.references(current.id()).stream().filter(r -> !r.digested())
                    .map(Reference::familiar).toList();
            items.set(i, new HistoryItem(h.comment(), h.created(), h.createdBy(), current.id(), h.size(),
                    tags.isEmpty() ? null : tags));
            current = current.parent().isEmpty() ? null : store.image(current.parent());
        }
        return items;
    }

    static Map<String, String> labels(Image image) {
        return image.config().config() == null ? null : image.config().config().labels();
    }

    /**
     * A boolean filter as moby's {@code GetBoolOrDefault}: {@code true}/{@code 1} or
     * {@code false}/{@code 0}, not both.
     */
    static boolean bool(Filters f, String key, boolean fallback) {
        if (!f.contains(key)) {
            return fallback;
        }
        Set<String> v = f.get(key);
        boolean isFalse = v.contains("0") || v.contains("false");
        boolean isTrue = v.contains("1") || v.contains("true");
        if (isFalse == isTrue) {
            throw new InvalidParameterError("invalid filter '" + key + (v.isEmpty() ? "" : "=" + String.join(",", v)) + "'");
        }
        return isTrue;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
