package wharf.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.framework.Bundle;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;
import wharf.server.api.RouteInfo;
import wharf.server.api.RouteRegistry;

/**
 * Mounts the routes of every {@link RouteGroup} service (as Sling's ServletMounter mounts
 * servlets): a group's routes are live while its service is registered. Each change publishes a
 * new immutable {@link RouteTable}; requests in flight keep the table they started with. As the
 * {@link RouteRegistry} service it describes that table to management bundles.
 */
@Component(service = {Router.class, RouteRegistry.class})
public final class Router implements RouteRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<ServiceReference<RouteGroup>, List<RouteTable.Mounted>> groups = new ConcurrentHashMap<>();
    private volatile RouteTable table = RouteTable.EMPTY;
    private final GroupStreams streams = new GroupStreams();

    @Reference(service = RouteGroup.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addGroup(ServiceReference<RouteGroup> ref, RouteGroup group) {
        List<RouteTable.Mounted> mounted;
        try {
            mounted = mount(ref, group);
        } catch (RuntimeException e) {
            LOG.error("Route group {} from {} is not mounted: {}", name(ref), provider(ref), e.getMessage(), e);
            streams.withdrawn(serviceId(ref));
            return;
        }
        groups.put(ref, mounted);
        streams.mounted(serviceId(ref));
        rebuild();
        LOG.debug("Mounted {} routes of group {} from {}", mounted.size(), name(ref), provider(ref));
    }

    /** The group's routes go, and so do the streams its handlers still serve. */
    void removeGroup(ServiceReference<RouteGroup> ref) {
        unmount(ref);
        streams.withdrawn(serviceId(ref));
    }

    /** New properties (a ranking) remount the group; its streams go on. */
    void updatedGroup(ServiceReference<RouteGroup> ref, RouteGroup group) {
        unmount(ref);
        addGroup(ref, group);
    }

    private void unmount(ServiceReference<RouteGroup> ref) {
        if (groups.remove(ref) != null) {
            rebuild();
            LOG.debug("Unmounted route group {} from {}", name(ref), provider(ref));
        }
    }

    RouteTable table() {
        return table;
    }

    /** The streams each mounted group serves, ended when the group goes. */
    GroupStreams streams() {
        return streams;
    }

    @Override
    public List<RouteInfo> routes() {
        return table.describe();
    }

    private static List<RouteTable.Mounted> mount(ServiceReference<RouteGroup> ref, RouteGroup group) {
        int ranking = ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        long id = serviceId(ref);
        Bundle bundle = ref.getBundle();
        String symbolicName = bundle == null ? "?" : bundle.getSymbolicName();
        String version = bundle == null ? "?" : bundle.getVersion().toString();
        List<RouteTable.Mounted> mounted = new ArrayList<>();
        for (Route route : group.routes()) {
            mounted.add(new RouteTable.Mounted(route, RouteTemplate.compile(route.template()), name(ref), symbolicName,
                    version, ranking, id));
        }
        return mounted;
    }

    private synchronized void rebuild() {
        List<RouteTable.Mounted> all = new ArrayList<>();
        groups.values().forEach(all::addAll);
        RouteTable next = RouteTable.build(all);
        for (RouteTable.Conflict c : next.conflicts()) {
            if (!table.conflicts().contains(c)) {
                LOG.warn("Route conflict: {}", c);
            }
        }
        table = next;
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static String name(ServiceReference<?> ref) {
        Object n = ref.getProperty(RouteGroup.NAME);
        return n == null ? "(unnamed)" : n.toString();
    }

    private static String provider(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName() + " " + ref.getBundle().getVersion();
    }
}
