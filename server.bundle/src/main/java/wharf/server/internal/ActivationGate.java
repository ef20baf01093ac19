package wharf.server.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Docker 1.2's listen buffer without its trap: listeners accept at once, requests wait here
 * until {@code acceptconnections} opens the gate, then proceed to routes that are all there.
 */
final class ActivationGate {
    private volatile CountDownLatch latch = new CountDownLatch(1);

    void open() {
        latch.countDown();
    }

    boolean isOpen() {
        return latch.getCount() == 0;
    }

    /** Waits until open; false when the wait ran out. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return latch.await(timeout, unit);
    }
}
