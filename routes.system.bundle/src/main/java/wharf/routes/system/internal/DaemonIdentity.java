package wharf.routes.system.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.common.AtomicFiles;

/**
 * The daemon's data root and its lasting ID: dockerd keeps a UUID in {@code engine-id} under the
 * data root so that {@code docker info} shows the same ID across restarts.
 */
@Component(service = DaemonIdentity.class)
public final class DaemonIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonIdentity.class);
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";

    private final Path dataRoot;
    private final String id;

    @Activate
    public DaemonIdentity(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        this.dataRoot = Path.of(root == null || root.isBlank() ? DEFAULT_DATA_ROOT : root);
        this.id = loadOrCreate(dataRoot.resolve("engine-id"));
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public String id() {
        return id;
    }

    static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            String fresh = UUID.randomUUID().toString();
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, fresh.getBytes(StandardCharsets.UTF_8));
            return fresh;
        } catch (IOException e) {
            LOG.warn("Cannot keep the daemon ID in {} ({}); using one for this run only", file, e.getMessage());
            return UUID.randomUUID().toString();
        }
    }
}
