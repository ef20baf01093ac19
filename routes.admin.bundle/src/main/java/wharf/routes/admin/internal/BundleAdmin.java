package wharf.routes.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.ConflictError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;

/**
 * Bundle operations on the framework, one at a time. After an update or an uninstall the
 * affected bundles are refreshed, so no old revision stays wired. A bundle the management API
 * itself runs on ({@link Guard}) is never stopped, updated or uninstalled through it.
 */
final class BundleAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(BundleAdmin.class);
    /** Where bundles installed through the API are recorded: the location says who installed them. */
    static final String LOCATION_PREFIX = "wharf:api:";
    static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

    private final BundleContext context;

    BundleAdmin(BundleContext context) {
        this.context = context;
    }

    /** What an install-or-update did. */
    record Outcome(Bundle bundle, boolean installed) {
    }

    /**
     * The bundles the API must not take away, each with the reason: the framework, this bundle,
     * the server and the engine, what the caller's request came through, and everything they
     * are wired to.
     */
    static final class Guard {
        private final Map<Bundle, String> reasons = new LinkedHashMap<>();

        Guard(BundleContext context, Set<String> core, Bundle callersTransport) {
            Deque<Bundle> todo = new ArrayDeque<>();
            add(todo, context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION), "it is the OSGi framework");
            add(todo, context.getBundle(), "it serves this management API");
            for (Bundle b : context.getBundles()) {
                if (core.contains(b.getSymbolicName())) {
                    add(todo, b, "the API server runs on it");
                }
            }
            if (callersTransport != null) {
                add(todo, callersTransport, "this request came through it");
            }
            while (!todo.isEmpty()) {
                Bundle b = todo.pop();
                BundleWiring wiring = b.adapt(BundleWiring.class);
                if (wiring == null) {
                    continue;
                }
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    add(todo, wire.getProvider().getBundle(), "the management API depends on it, through "
                            + b.getSymbolicName());
                }
                // a fragment's update would refresh its protected host
                for (BundleWire wire : wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
                    add(todo, wire.getRequirer().getBundle(), "it is a fragment of " + b.getSymbolicName());
                }
            }
        }

        private void add(Deque<Bundle> todo, Bundle b, String reason) {
            if (b != null && reasons.putIfAbsent(b, reason) == null) {
                todo.push(b);
            }
        }

        void refuse(String action, Bundle b) {
            String reason = reasons.get(b);
            if (reason != null) {
                throw new ConflictError("cannot " + action + " bundle " + b.getSymbolicName() + " " + b.getVersion()
                        + " through the management API: " + reason);
            }
        }
    }

    List<Bundle> list() {
        return Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId)).toList();
    }

    /** The one installed bundle of this symbolic name. */
    Bundle find(String name) {
        List<Bundle> found = named(name);
        if (found.isEmpty()) {
            throw new NotFoundError("no such bundle: " + name);
        }
        if (found.size() > 1) {
            throw new ConflictError("several bundles named " + name + " are installed (versions "
                    + found.stream().map(b -> b.getVersion().toString()).toList() + "); remove all but one first");
        }
        return found.get(0);
    }

    /** Installs and starts the jar, or updates the bundle of its symbolic name in place. */
    synchronized Outcome installOrUpdate(BundleJar jar, Guard guard) throws IOException {
        List<Bundle> same = named(jar.symbolicName());
        if (same.isEmpty()) {
            return new Outcome(install(jar), true);
        }
        Bundle b = find(jar.symbolicName());
        guard.refuse("update", b);
        boolean wasActive = b.getState() == Bundle.ACTIVE;
        try (InputStream in = jar.open()) {
            b.update(in);
        } catch (BundleException e) {
            throw new InvalidParameterError("cannot update bundle " + b.getSymbolicName() + ": " + describe(e), e);
        }
        refresh(List.of(b));
        if (wasActive && b.getState() != Bundle.ACTIVE) {
            start(b, "was updated to " + b.getVersion() + " but");
        }
        LOG.info("Bundle {} updated to {} through the management API", b.getSymbolicName(), b.getVersion());
        return new Outcome(b, false);
    }

    private Bundle install(BundleJar jar) throws IOException {
        String location = LOCATION_PREFIX + jar.symbolicName();
        if (context.getBundle(location) != null) {
            throw new ConflictError("the location " + location + " is taken by bundle "
                    + context.getBundle(location).getSymbolicName());
        }
        Bundle b;
        try (InputStream in = jar.open()) {
            b = context.installBundle(location, in);
        } catch (BundleException e) {
            throw new InvalidParameterError("cannot install bundle " + jar.symbolicName() + ": " + describe(e), e);
        }
        if (!isFragment(b)) {
            try {
                start(b, "was installed but");
            } catch (ConflictError e) {
                // an install that cannot start is undone, so a retry starts from a clean slate
                uninstallQuietly(b);
                throw e;
            }
        }
        LOG.info("Bundle {} {} installed through the management API", b.getSymbolicName(), b.getVersion());
        return b;
    }

    synchronized Bundle uninstall(String name, Guard guard) {
        Bundle b = find(name);
        guard.refuse("uninstall", b);
        try {
            b.uninstall();
        } catch (BundleException e) {
            throw new SystemError("cannot uninstall bundle " + name + ": " + describe(e), e);
        }
        refresh(List.of(b));
        LOG.info("Bundle {} {} uninstalled through the management API", b.getSymbolicName(), b.getVersion());
        return b;
    }

    synchronized Bundle start(String name) {
        Bundle b = find(name);
        if (isFragment(b)) {
            throw new InvalidParameterError("bundle " + name + " is a fragment: fragments are not started");
        }
        start(b, "");
        return b;
    }

    synchronized Bundle stop(String name, Guard guard) {
        Bundle b = find(name);
        guard.refuse("stop", b);
        if (isFragment(b)) {
            throw new InvalidParameterError("bundle " + name + " is a fragment: fragments are not stopped");
        }
        try {
            b.stop();
        } catch (BundleException e) {
            throw new SystemError("cannot stop bundle " + name + ": " + describe(e), e);
        }
        return b;
    }

    private static void start(Bundle b, String context) {
        try {
            b.start();
        } catch (BundleException e) {
            throw new ConflictError("bundle " + b.getSymbolicName() + " " + b.getVersion() + " "
                    + (context.isEmpty() ? "" : context + " ") + "does not start: " + describe(e), e);
        }
    }

    private void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
            refresh(List.of(b));
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Could not undo the install of {}: {}", b.getSymbolicName(), e.toString());
        }
    }

    /** Rewires what depended on the old revisions and drops them; waits until the framework is done. */
    private void refresh(Collection<Bundle> bundles) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The refresh of {} did not end within {} s", bundles, REFRESH_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Bundle> named(String name) {
        return Arrays.stream(context.getBundles()).filter(b -> name.equals(b.getSymbolicName())).toList();
    }

    static boolean isFragment(Bundle b) {
        BundleRevision revision = b.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** The framework's message and its cause's: an activator's error or a missing requirement is in there. */
    static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        return cause == null || cause == e ? message : message + ": " + cause;
    }
}
