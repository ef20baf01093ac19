package wharf.itests;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Bounded polling for what happens asynchronously in the framework (service events, connectors). */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(10);
    private static final long POLL_MS = 50;

    private Await() {
    }

    /**
     * Polls until the probe's value passes, and returns that value.
     *
     * @throws AssertionError with the last value or failure when the time runs out
     */
    static <T> T until(String what, Callable<T> probe, Predicate<? super T> passes) throws InterruptedException {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        Object last;
        do {
            try {
                T value = probe.call();
                if (passes.test(value)) {
                    return value;
                }
                last = value;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(POLL_MS);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("timed out after " + DEFAULT.toSeconds() + " s waiting for " + what + "; last: " + last);
    }

    /** Polls until the condition holds. */
    static void until(String what, Callable<Boolean> condition) throws InterruptedException {
        until(what, condition, Boolean.TRUE::equals);
    }
}
