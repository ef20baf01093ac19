package wharf.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PublishedListenerTest {
    private static final String ADDRESS = "tcp://127.0.0.1:2375";

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void closeWithdrawsThePublicationThenRunsTheAfterCloseActionWithTheListener() {
        List<Listener> closed = new CopyOnWriteArrayList<>();
        PublishedListener listener = new PublishedListener(ADDRESS, () -> events.add("withdrawn"), l -> {
            events.add("after close");
            closed.add(l);
        });

        listener.close();

        assertEquals(List.of("withdrawn", "after close"), events);
        assertEquals(1, closed.size());
        assertSame(listener, closed.get(0));
    }

    @Test
    void closingAgainDoesNothing() {
        PublishedListener listener = new PublishedListener(ADDRESS, () -> events.add("withdrawn"),
                l -> events.add("after close"));

        listener.close();
        listener.close();

        assertEquals(List.of("withdrawn", "after close"), events);
    }

    @Test
    void concurrentClosesCloseOnce() throws Exception {
        AtomicInteger withdrawals = new AtomicInteger();
        AtomicInteger afterCloses = new AtomicInteger();
        PublishedListener listener = new PublishedListener(ADDRESS, withdrawals::incrementAndGet,
                l -> afterCloses.incrementAndGet());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                closes.add(pool.submit(() -> {
                    start.await();
                    listener.close();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> close : closes) {
                close.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, withdrawals.get());
        assertEquals(1, afterCloses.get());
    }

    @Test
    void itsAddressIsTheOneItWasGiven() {
        PublishedListener listener = new PublishedListener(ADDRESS, () -> { }, l -> { });

        assertEquals(ADDRESS, listener.address());
        assertEquals(ADDRESS, listener.toString());
    }
}
