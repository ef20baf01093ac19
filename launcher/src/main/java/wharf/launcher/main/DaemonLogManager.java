package wharf.launcher.main;

import java.util.logging.LogManager;

/**
 * JUL's LogManager, except that the JVM's shutdown does not silence it. JUL's own shutdown hook
 * resets every logger (removing the handler), and it runs at the same time as the hook that stops
 * the framework: what the bundles log while they stop would be lost. bin/wharf names this class in
 * {@code java.util.logging.manager}; the JVM flushes stderr at exit, so nothing needs closing.
 */
public final class DaemonLogManager extends LogManager {
    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    /** Runtime refuses a new shutdown hook once the JVM is shutting down; there is no other way to ask. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
