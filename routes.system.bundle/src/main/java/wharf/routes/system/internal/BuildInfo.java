package wharf.routes.system.internal;

import java.util.Dictionary;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The build's commit and time, stamped into every bundle's manifest by cnf/ext/common.bnd. */
final class BuildInfo {
    private BuildInfo() {
    }

    static String gitCommit() {
        return header("Wharf-Git-Commit");
    }

    static String buildTime() {
        return header("Wharf-Build-Time");
    }

    private static String header(String name) {
        Bundle bundle = FrameworkUtil.getBundle(BuildInfo.class);
        if (bundle == null) {
            return "";
        }
        Dictionary<String, String> headers = bundle.getHeaders();
        String value = headers.get(name);
        return value == null ? "" : value;
    }
}
