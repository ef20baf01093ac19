package wharf.server.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Empties Jackson's caches ({@link Json#clearCaches()}) whenever a bundle's classes are let go: a
 * bundle is unresolved (after an update or uninstall and the refresh that follows) or uninstalled.
 * Jackson keys its caches by class, and a cached class pins its bundle's old class loader. Route
 * groups that go while their handlers still run are covered by the API servlet, which clears the
 * caches again once such a request ends.
 */
@Component(service = {})
public final class JacksonCaches implements BundleListener {
    private final BundleContext context;

    @Activate
    public JacksonCaches(BundleContext context) {
        this.context = context;
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.UNRESOLVED || event.getType() == BundleEvent.UNINSTALLED) {
            Json.clearCaches();
        }
    }
}
