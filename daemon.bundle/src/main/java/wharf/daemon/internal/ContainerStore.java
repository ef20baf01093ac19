package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ImageUsers;
import wharf.engine.api.system.ContainerCounts;

/**
 * The containers in memory and on disk: each by ID, the names they hold, their records under
 * {@code <data-root>/containers}, and the lookups and counts over them.
 */
final class ContainerStore {
    final ContainerFiles files;
    private final Map<String, Container> byId = new ConcurrentHashMap<>();
    /** Names (without the leading /) reserved or in use, to the ID that holds them. */
    private final Map<String, String> names = new ConcurrentHashMap<>();

    ContainerStore(Path root) throws IOException {
        this.files = new ContainerFiles(root);
    }

    /** By full ID, by name (with or without /), then by unique ID prefix, as moby's {@code GetContainer}. */
    Container lookup(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidParameterError("invalid container name or ID: value is empty");
        }
        Container c = byId.get(name);
        if (c != null) {
            return c;
        }
        String id = names.get(Names.strip(name));
        if (id != null && (c = byId.get(id)) != null) {
            return c;
        }
        List<Container> matches = byId.values().stream().filter(x -> x.id.startsWith(name)).limit(2).toList();
        if (matches.size() > 1) {
            throw new InvalidParameterError("multiple IDs found with provided prefix: " + name);
        }
        if (matches.isEmpty()) {
            throw new NotFoundError("No such container: " + name);
        }
        return matches.get(0);
    }

    /** Present until removed; auto-remove asks so that a container goes once. */
    boolean contains(String id) {
        return byId.containsKey(id);
    }

    void add(Container c) {
        byId.put(c.id, c);
    }

    /** Forgets the container and frees its name. */
    void remove(String id, String bareName) {
        byId.remove(id);
        names.remove(bareName, id);
    }

    /** Every container's current record, for lists and counts. */
    List<ContainerRecord> records() {
        return byId.values().stream().map(Container::record).toList();
    }

    List<String> execIds(String id) {
        Container c = byId.get(id);
        return c == null ? List.of() : c.execIds();
    }

    Path dir(String id) {
        return files.dir(id);
    }

    ContainerCounts counts() {
        int running = 0;
        int paused = 0;
        int stopped = 0;
        for (ContainerRecord r : records()) {
            switch (r.status()) {
                case "paused" -> paused++;
                case "running", "restarting" -> running++;
                default -> stopped++;
            }
        }
        return new ContainerCounts(running + paused + stopped, running, paused, stopped);
    }

    /** The containers made from the image, oldest first. */
    ImageUsers imageUsers(String imageId) {
        return new ImageUsers(records().stream()
                .filter(r -> imageId.equals(r.imageId()))
                .sorted(Comparator.comparing(ContainerRecord::created))
                .map(r -> new ImageUsers.User(r.id(), r.running()))
                .toList());
    }

    /** Takes a name for an ID: the one asked for (409 if taken) or a generated one. */
    String reserve(String name, String id) {
        if (name != null) {
            String holder = names.putIfAbsent(name, id);
            if (holder != null) {
                throw new ConflictError("Conflict. The container name \"/" + name + "\" is already in use by container \""
                        + holder + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
            return name;
        }
        for (int attempt = 0;; attempt++) {
            String generated = Names.generate(attempt);
            if (names.putIfAbsent(generated, id) == null) {
                return generated;
            }
        }
    }

    /** Gives a name up, if the ID still holds it. */
    void release(String name, String id) {
        names.remove(name, id);
    }

    /** A record read back at activation takes its name again. */
    void restored(Container c) {
        byId.put(c.id, c);
        names.put(c.record().bareName(), c.id);
    }

    void save(Container c) {
        try {
            files.save(c.record());
        } catch (IOException e) {
            throw new SystemError("cannot write container " + c.id + ": " + e.getMessage(), e);
        }
    }
}
