package wharf.graph.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.common.FilterTime;
import wharf.engine.api.ConflictError;
import wharf.engine.api.Engine;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.UnavailableError;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.container.ImageUsersQuery;
import wharf.engine.api.image.DeleteItem;
import wharf.engine.api.image.PruneReport;
import wharf.engine.api.image.Reference;

/**
 * {@code docker rmi} and {@code docker image prune} as dockerd decides them
 * ({@code daemon/images/image_delete.go}, {@code image_prune.go}): removing by name untags, and
 * the image goes with its last reference; removing by ID untags its references only when they
 * are all one repository's, else it needs force; an image that is another's parent cannot go,
 * nor one a running container uses; one a stopped container uses only with force.
 * <p>
 * Unlike dockerd, whose container layers hold on to their image's layers, a forced delete of an
 * image a stopped container uses only untags it: the container's rootfs is mounted from the
 * image's layer dirs, which must stay.
 */
final class ImageRemover {
    private static final Logger LOG = LoggerFactory.getLogger(ImageRemover.class);
    static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "label!", "until");

    // dockerd's conflictType bits
    private static final int CHILD = 1;
    private static final int RUNNING_CONTAINER = 2;
    private static final int REFERENCE = 4;
    private static final int STOPPED_CONTAINER = 8;
    private static final int HARD = CHILD | RUNNING_CONTAINER;
    private static final int SOFT = REFERENCE | STOPPED_CONTAINER;

    /** The containers made from an image, as the container daemon tells them. */
    @FunctionalInterface
    interface Users {
        /** None: no container daemon is there to use images. */
        Users NONE = id -> List.of();

        List<ImageUsers.User> of(String imageId);

        /**
         * Asks the container daemon through the {@code image_users} job; while no daemon handles
         * it (its bundle stopped) no container can be using the image.
         */
        static Users of(Engine engine) {
            return id -> {
                try {
                    return engine.run(ContainerJobs.IMAGE_USERS, new ImageUsersQuery(id)).containers();
                } catch (UnavailableError e) {
                    return List.of();
                }
            };
        }
    }

    private final ImageStore store;
    private final Users users;

    ImageRemover(ImageStore store, Users users) {
        this.store = store;
        this.users = users;
    }

    /** A refusal to delete, as dockerd's {@code imageDeleteConflict}: hard ones cannot be forced. */
    private static final class Conflict extends ConflictError {
        private static final long serialVersionUID = 1L;
        /** The refusal is a container's: pruning parents skips it quietly. */
        final boolean used;

        Conflict(String id, boolean hard, boolean used, String message) {
            super("conflict: unable to delete " + Digests.shortId(id) + " (" + (hard ? "cannot be forced" : "must be forced")
                    + ") - " + message);
            this.used = used;
        }
    }

    List<DeleteItem> delete(String name, boolean force, boolean prune) throws IOException {
        Image image = store.lookup(name);
        String id = image.id();
        List<DeleteItem> records = new ArrayList<>();
        List<Reference> refs = store.references(id);
        boolean removedRepositoryRef = false;
        if (!isIdPrefix(id, name)) {
            // a reference was given: remove it first, unless a container would be left with a dangling image
            if (!force && singleRepository(refs)) {
                List<ImageUsers.User> using = users.of(id);
                if (!using.isEmpty()) {
                    throw new ConflictError("conflict: unable to remove repository reference \"" + name
                            + "\" (must force) - container " + Digests.shortId(using.get(0).id())
                            + " is using its referenced image " + Digests.shortId(id));
                }
            }
            Reference given = Reference.parse(name).withDefaultTag();
            store.untag(given);
            records.add(DeleteItem.untagged(given.familiar()));
            store.events().publish("untag", image, id);
            refs = store.references(id);
            if (!given.digested() && refs.stream().noneMatch(r -> !r.digested() && r.name().equals(given.name()))) {
                // no tag of the repository is left: its digest references go too
                List<Reference> remaining = new ArrayList<>();
                for (Reference r : refs) {
                    if (r.digested() && r.name().equals(given.name())) {
                        store.untag(r);
                        records.add(DeleteItem.untagged(r.familiar()));
                    } else {
                        remaining.add(r);
                    }
                }
                refs = remaining;
            }
            if (!refs.isEmpty()) {
                return records;
            }
            removedRepositoryRef = true;
        } else if (singleRepository(refs)) {
            // an ID whose references are all one repository's: they go with it
            checkConflicts(id, force ? HARD : HARD | (SOFT & ~REFERENCE));
            for (Reference r : refs) {
                store.untag(r);
                records.add(DeleteItem.untagged(r.familiar()));
                store.events().publish("untag", image, id);
            }
        }
        deleteImage(id, records, force, prune, removedRepositoryRef);
        return records;
    }

    /**
     * dockerd's {@code imageDeleteHelper}: checks conflicts (soft ones only without force),
     * untags what is left, deletes, and then the untagged parents unless told not to prune.
     */
    private void deleteImage(String id, List<DeleteItem> records, boolean force, boolean prune, boolean quiet)
            throws IOException {
        Image image = store.image(id);
        if (image == null) {
            return;
        }
        try {
            checkConflicts(id, force ? HARD : HARD | SOFT);
        } catch (Conflict c) {
            if (quiet && (!dangling(id) || c.used)) {
                return;
            }
            throw c;
        }
        for (Reference r : store.references(id)) {
            store.untag(r);
            records.add(DeleteItem.untagged(r.familiar()));
            store.events().publish("untag", image, id);
        }
        if (!users.of(id).isEmpty()) {
            // forced past a stopped container: its rootfs still needs the layers
            return;
        }
        List<String> removedLayers = store.delete(id);
        store.events().publish("delete", image, id);
        records.add(DeleteItem.deleted(id));
        removedLayers.forEach(l -> records.add(DeleteItem.deleted(l)));
        if (prune && !image.parent().isEmpty()) {
            deleteImage(image.parent(), records, false, true, true);
        }
    }

    /** dockerd's {@code checkImageDeleteConflict}, in its order, for the conflicts the mask names. */
    private void checkConflicts(String id, int mask) {
        if ((mask & CHILD) != 0 && !store.children(id).isEmpty()) {
            throw new Conflict(id, true, false, "image has dependent child images");
        }
        List<ImageUsers.User> using = (mask & (RUNNING_CONTAINER | STOPPED_CONTAINER)) != 0 ? users.of(id) : List.of();
        if ((mask & RUNNING_CONTAINER) != 0) {
            using.stream().filter(ImageUsers.User::running).findFirst().ifPresent(c -> {
                throw new Conflict(id, true, true,
                        "image is being used by running container " + Digests.shortId(c.id()));
            });
        }
        if ((mask & REFERENCE) != 0 && !store.references(id).isEmpty()) {
            throw new Conflict(id, false, false, "image is referenced in multiple repositories");
        }
        if ((mask & STOPPED_CONTAINER) != 0) {
            using.stream().filter(c -> !c.running()).findFirst().ifPresent(c -> {
                throw new Conflict(id, false, true,
                        "image is being used by stopped container " + Digests.shortId(c.id()));
            });
        }
    }

    private boolean dangling(String id) {
        return store.references(id).isEmpty() && store.children(id).isEmpty();
    }

    /** moby's {@code isImageIDPrefix}: the name is the ID, or a prefix of it with or without {@code sha256:}. */
    static boolean isIdPrefix(String id, String name) {
        return id.startsWith(name) || id.substring(Digests.SHA256.length()).startsWith(name);
    }

    /**
     * moby's {@code isSingleReference}: at most one tag, and the digest references all of the
     * same repository as it.
     */
    static boolean singleRepository(List<Reference> refs) {
        if (refs.size() <= 1) {
            return refs.size() == 1;
        }
        Reference single = null;
        java.util.Set<String> digestRepos = new java.util.HashSet<>();
        for (Reference r : refs) {
            if (r.digested()) {
                digestRepos.add(r.name());
            } else if (single == null) {
                single = r;
            } else {
                return false;
            }
        }
        if (single == null) {
            single = refs.get(0);
        }
        return digestRepos.size() == 1 && digestRepos.contains(single.name());
    }

    /** {@code POST /images/prune}. */
    PruneReport prune(Filters filters) throws IOException {
        Filters f = filters.validate(PRUNE_FILTERS);
        boolean danglingOnly = ImageViews.bool(f, "dangling", true);
        Instant until = until(f);
        Set<String> layersBefore = store.layers().all().keySet();
        java.util.Map<String, Long> layerSizes = new java.util.HashMap<>();
        store.layers().all().forEach((k, v) -> layerSizes.put(k, v.size()));

        List<DeleteItem> deleted = new ArrayList<>();
        for (Image image : List.copyOf(store.images())) {
            if (store.image(image.id()) == null) {
                continue;
            }
            List<Reference> refs = store.references(image.id());
            boolean hasChildren = !store.children(image.id()).isEmpty();
            if ((danglingOnly && hasChildren) || (refs.isEmpty() && hasChildren)) {
                continue;
            }
            if (until != null && image.created().toInstant().isAfter(until)) {
                continue;
            }
            if (!matchesLabels(f, image)) {
                continue;
            }
            if (refs.isEmpty()) {
                tryDelete(image.id(), deleted);
            } else if (!danglingOnly || refs.stream().allMatch(Reference::digested)) {
                for (Reference r : refs) {
                    tryDelete(r.toString(), deleted);
                }
            }
        }
        long reclaimed = 0;
        for (DeleteItem d : deleted) {
            if (d.deleted() != null && layersBefore.contains(d.deleted())) {
                reclaimed += layerSizes.getOrDefault(d.deleted(), 0L);
            }
        }
        return new PruneReport(deleted.isEmpty() ? null : deleted, reclaimed);
    }

    /** Deletes as prune does: conflicts are skipped, not fatal. */
    private void tryDelete(String name, List<DeleteItem> into) throws IOException {
        try {
            into.addAll(delete(name, false, true));
        } catch (ConflictError e) {
            LOG.debug("Prune skips {}: {}", name, e.getMessage());
        } catch (wharf.engine.api.NotFoundError e) {
            LOG.debug("Prune skips {}: already gone", name);
        }
    }

    private static Instant until(Filters f) {
        Set<String> values = f.get("until");
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidParameterError("more than one until filter specified");
        }
        return FilterTime.timestamp(values.iterator().next(), Instant.now());
    }

    /** moby's {@code matchLabels}: every {@code label} must match, no {@code label!} may. */
    private static boolean matchesLabels(Filters f, Image image) {
        java.util.Map<String, String> labels = ImageViews.labels(image);
        if (!f.matchKeyValues("label", labels)) {
            return false;
        }
        return !f.contains("label!") || !f.matchKeyValues("label!", labels);
    }
}
