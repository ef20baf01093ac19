package wharf.server.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component's routes, listed in one place (moby's router packages). Register it as an OSGi
 * service with {@link RouteGroupName}; the server mounts the routes while the service is there
 * and withdraws them when it goes. Where two groups declare the same method and template the
 * one of higher service ranking serves it and the conflict is reported, never thrown.
 */
@ConsumerType
public interface RouteGroup {
    /** Service property holding the group's name, as {@link RouteGroupName} sets it. */
    String NAME = "wharf.route.group.name";

    List<Route> routes();
}
