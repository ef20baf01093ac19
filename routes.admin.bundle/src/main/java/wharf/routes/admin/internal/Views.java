package wharf.routes.admin.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import wharf.engine.api.JobInfo;
import wharf.server.api.ApiVersion;
import wharf.server.api.RouteInfo;

/**
 * The management API's JSON, in dockerd's field style. Built from maps of JDK types, so the
 * server's JSON mapper caches no class of this bundle, which can then be updated cleanly.
 */
final class Views {
    private Views() {
    }

    static Map<String, Object> bundle(Bundle b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", b.getBundleId());
        m.put("Name", b.getSymbolicName());
        m.put("Version", b.getVersion().toString());
        m.put("State", state(b.getState()));
        m.put("Fragment", BundleAdmin.isFragment(b));
        m.put("Location", b.getLocation());
        return m;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "uninstalled";
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "unknown";
        };
    }

    static Map<String, Object> route(RouteInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Method", r.method().name());
        m.put("Path", r.template());
        m.put("MinAPIVersion", version(r.since()));
        m.put("MaxAPIVersion", version(r.until()));
        m.putAll(provider(r.provider()));
        m.put("Serving", r.serving());
        m.put("ShadowedBy", r.shadowedBy() == null ? null : provider(r.shadowedBy()));
        m.put("Shadows", r.shadows().stream().map(Views::provider).toList());
        return m;
    }

    private static Map<String, Object> provider(RouteInfo.Provider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Group", p.group());
        m.put("Bundle", p.bundle());
        m.put("BundleVersion", p.bundleVersion());
        m.put("Ranking", p.ranking());
        return m;
    }

    private static String version(ApiVersion v) {
        return v == null ? null : v.toString();
    }

    static Map<String, Object> job(JobInfo j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", j.job());
        m.put("Input", j.inputType());
        m.put("Output", j.outputType());
        m.putAll(provider(j.serving()));
        m.put("Shadows", j.shadowed().stream().map(Views::provider).toList());
        return m;
    }

    private static Map<String, Object> provider(JobInfo.Provider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Bundle", p.bundle());
        m.put("BundleVersion", p.bundleVersion());
        m.put("Ranking", p.ranking());
        m.put("Whiteboard", p.whiteboard());
        return m;
    }

    static List<Map<String, Object>> bundles(List<Bundle> bundles) {
        return bundles.stream().map(Views::bundle).toList();
    }
}
