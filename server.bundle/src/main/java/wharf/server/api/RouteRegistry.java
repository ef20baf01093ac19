package wharf.server.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's route table as a service, for management bundles: every route of every mounted
 * {@link RouteGroup}, the one that serves and the ones a higher-ranked group shadows.
 */
@ProviderType
public interface RouteRegistry {
    /** Every mounted route, sorted by template and then method; a snapshot, not a live view. */
    List<RouteInfo> routes();
}
