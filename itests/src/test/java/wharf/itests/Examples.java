package wharf.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import wharf.server.api.AuthorizationPolicy;

/** The example extensions (examples/), installed as a user would install a third-party bundle. */
final class Examples {
    static final String AUTHZ = "authz";
    static final String AUDIT = "audit";
    static final String METRICS = "metrics";

    private Examples() {
    }

    /** Installs and starts {@code examples/<name>.bundle}. */
    static Bundle install(BundleContext context, String name) throws BundleException {
        Path jar = Path.of(System.getProperty("it.examples")).resolve(name + ".bundle.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the example bundle " + jar + " was not built");
        }
        Bundle bundle = context.installBundle(jar.toUri().toString());
        bundle.start();
        return bundle;
    }

    /** True while a policy of this name is registered. */
    static boolean policy(BundleContext context, String name) throws Exception {
        return !context.getServiceReferences(AuthorizationPolicy.class, "(" + AuthorizationPolicy.NAME + "=" + name + ")")
                .isEmpty();
    }
}
