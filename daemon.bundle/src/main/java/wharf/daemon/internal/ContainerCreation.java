package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.common.GoTime;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.CreateContainer;
import wharf.engine.api.container.CreatedContainer;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.ImageRootfs;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.RuntimeSpec;

/** The create job: a name, the container's files, the runtime's bundle, then the record. */
final class ContainerCreation {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerCreation.class);

    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;

    ContainerCreation(ContainerStore store, ContainerRuntime runtime, ContainerEvents events) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
    }

    /** The checks that come before the image is looked up. */
    static HostConfig checkHostConfig(CreateContainer request) {
        if (request.config() == null) {
            throw new InvalidParameterError("Config cannot be empty in order to create a container");
        }
        HostConfig hc = request.hostConfig() == null ? HostConfig.empty() : request.hostConfig();
        ContainerSetup.validate(hc);
        return ContainerSetup.complete(hc);
    }

    /**
     * Creates a container from its image: files, the runtime's bundle, then the record. A
     * failure anywhere removes what was made and releases the name.
     */
    CreatedContainer create(CreateContainer request, ImageRootfs image) {
        HostConfig hc = checkHostConfig(request);
        ContainerConfig merged = ContainerSetup.merge(request.config(), image.config());
        List<String> argv = ContainerSetup.command(merged);
        String requested = request.name() == null || request.name().isEmpty() ? null : Names.validate(request.name());
        String id = Ids.generate();
        String hostname = merged.hostname().isEmpty() ? defaultHostname(id, hc) : merged.hostname();
        merged = ContainerSetup.withHostname(merged, hostname);
        String name = store.reserve(requested, id);
        Path dir = store.dir(id);
        boolean prepared = false;
        try {
            store.files.writeNetworkFiles(id, hostname, hc);
            ContainerSetup.Mounts mounts = ContainerSetup.mounts(hc, dir);
            ContainerRecord record = new ContainerRecord(id, GoTime.format(Instant.now()), argv.get(0),
                    argv.subList(1, argv.size()), merged, hc, image.id(), "/" + name, States.created(), 0, false,
                    false, dir.resolve(ContainerFiles.LOG).toString(), dir.resolve("hostname").toString(),
                    dir.resolve("hosts").toString(), dir.resolve("resolv.conf").toString(),
                    image.layers().stream().map(Path::toString).toList(), mounts.points());
            RuntimeSpec spec = ContainerSetup.spec(record, image.layers(), mounts.specs(), dir);
            runtime.prepare(spec);
            prepared = true;
            store.files.save(record);
            store.add(new Container(record));
            events.publish(record, "create", Map.of());
            return new CreatedContainer(id, List.of());
        } catch (IOException | RuntimeException e) {
            undoCreate(id, name, prepared);
            if (e instanceof JobError error) {
                throw error;
            }
            throw new SystemError(e.getMessage(), e);
        }
    }

    private void undoCreate(String id, String name, boolean prepared) {
        try {
            if (prepared) {
                runtime.delete(id);
            }
            store.files.delete(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot clean up after the failed create of {}: {}", id, e.getMessage());
        }
        store.remove(id, name);
    }

    /** The short ID, or the host's name on the host network, as dockerd does. */
    private static String defaultHostname(String id, HostConfig hc) {
        if (hc.networkMode().equals("host")) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return Ids.shortId(id);
            }
        }
        return Ids.shortId(id);
    }
}
