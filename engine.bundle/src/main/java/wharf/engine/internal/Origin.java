package wharf.engine.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Names the bundle a plugged-in object comes from, for log messages about it. */
final class Origin {
    private Origin() {
    }

    /** {@code bundle wharf.daemon 0.1.0}, or the class name outside a framework (unit tests). */
    static String of(Object plugin) {
        Bundle bundle = FrameworkUtil.getBundle(plugin.getClass());
        if (bundle == null) {
            return "class " + plugin.getClass().getName();
        }
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
