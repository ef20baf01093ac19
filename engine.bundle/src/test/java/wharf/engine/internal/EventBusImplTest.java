package wharf.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.Filters;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventBusImplTest {
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(10);
    /** A fixed point well in the past, so since/until bounds are exact. */
    private static final long T0 = Event.Clock.nowNanos() - 3_600_000_000_000L;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static Event container(String action, String id, String name, long time) {
        return new Event("container", action, id, Map.of("name", name, "image", "busybox:local"), "local", time);
    }

    private static Event numbered(int n) {
        return Event.now("container", "start", "c" + n, Map.of("n", Integer.toString(n)));
    }

    private static int numberOf(Event event) {
        return Integer.parseInt(event.attributes().get("n"));
    }

    private static EventQuery query(long since, long until, Map<String, List<String>> filters) {
        return new EventQuery(since, until, Filters.of(filters));
    }

    /** Everything the subscription yields until it has nothing for a short while. */
    private static List<Event> drain(Subscription subscription) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        for (Event e = subscription.next(SHORT); e != null; e = subscription.next(SHORT)) {
            events.add(e);
        }
        return events;
    }

    @Test
    void aLiveSubscriptionSeesOnlyLaterEvents() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Event before = container("create", "c1", "one", T0);
        bus.publish(before);

        try (Subscription subscription = bus.subscribe(EventQuery.live())) {
            assertNull(subscription.next(SHORT));
            Event after = container("start", "c1", "one", T0 + 1);
            bus.publish(after);

            assertEquals(after, subscription.next(LONG));
            assertFalse(subscription.done());
        }
    }

    @Test
    void sinceReplaysFromHistoryThenFollowsLive() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Event e1 = container("create", "c1", "one", T0 + 100);
        Event e2 = container("start", "c1", "one", T0 + 200);
        Event e3 = container("die", "c1", "one", T0 + 300);
        bus.publish(e1);
        bus.publish(e2);
        bus.publish(e3);

        try (Subscription subscription = bus.subscribe(query(T0 + 200, 0, Map.of()))) {
            assertEquals(e2, subscription.next(LONG));
            assertEquals(e3, subscription.next(LONG));
            Event live = numbered(1);
            bus.publish(live);
            assertEquals(live, subscription.next(LONG));
            assertFalse(subscription.done());
        }
    }

    @Test
    void untilInThePastEndsRightAfterTheReplay() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Event e1 = container("create", "c1", "one", T0 + 100);
        Event e2 = container("start", "c1", "one", T0 + 200);
        Event e3 = container("die", "c1", "one", T0 + 300);
        List.of(e1, e2, e3).forEach(bus::publish);

        try (Subscription subscription = bus.subscribe(query(T0 + 100, T0 + 200, Map.of()))) {
            assertFalse(subscription.done());
            assertEquals(e1, subscription.next(LONG));
            assertEquals(e2, subscription.next(LONG));
            long started = System.nanoTime();
            assertNull(subscription.next(LONG));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "did not wait for the timeout");
            assertTrue(subscription.done());
            bus.publish(numbered(1));
            assertNull(subscription.next(SHORT));
        }
        assertEquals(0, bus.subscriberCount());
    }

    @Test
    void untilWithoutSinceReplaysTheWholeHistoryUpToIt() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Event e1 = container("create", "c1", "one", T0 + 100);
        Event e2 = container("start", "c1", "one", T0 + 200);
        bus.publish(e1);
        bus.publish(e2);

        try (Subscription subscription = bus.subscribe(query(0, T0 + 150, Map.of()))) {
            assertEquals(List.of(e1), drain(subscription));
            assertTrue(subscription.done());
        }
    }

    @Test
    void untilInTheFutureEndsWhenTheClockPassesIt() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        long until = Event.Clock.nowNanos() + TimeUnit.MILLISECONDS.toNanos(400);

        try (Subscription subscription = bus.subscribe(query(0, until, Map.of()))) {
            Event live = numbered(1);
            bus.publish(live);
            assertEquals(live, subscription.next(LONG));
            assertFalse(subscription.done());

            long started = System.nanoTime();
            assertNull(subscription.next(LONG));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "ended at until, not at the timeout");
            assertTrue(Event.Clock.nowNanos() > until);
            assertTrue(subscription.done());
        }
    }

    @Test
    void eventsStampedAfterUntilAreNotDelivered() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        long until = Event.Clock.nowNanos() + TimeUnit.SECONDS.toNanos(30);

        try (Subscription subscription = bus.subscribe(query(0, until, Map.of()))) {
            bus.publish(container("create", "c1", "late", until + 1));
            Event inTime = container("create", "c2", "in time", until);
            bus.publish(inTime);
            assertEquals(inTime, subscription.next(LONG));
            assertNull(subscription.next(SHORT));
        }
    }

    @Test
    void replayAndLiveEventsAreFiltered() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Event web = new Event("container", "start", "aaa111", Map.of("name", "web", "tier", "front"), "local", T0 + 1);
        Event db = new Event("container", "start", "bbb222", Map.of("name", "db", "tier", "back"), "local", T0 + 2);
        Event image = new Event("image", "pull", "sha256:ccc", Map.of("name", "busybox:1.36"), "local", T0 + 3);
        List.of(web, db, image).forEach(bus::publish);

        try (Subscription byType = bus.subscribe(query(T0, 0, Map.of("type", List.of("image"))));
                Subscription byName = bus.subscribe(query(T0, 0, Map.of("container", List.of("db"))));
                Subscription byId = bus.subscribe(query(T0, 0, Map.of("container", List.of("aaa"))));
                Subscription byLabel = bus.subscribe(query(T0, 0, Map.of("label", List.of("tier=front"))));
                Subscription byImage = bus.subscribe(query(T0, 0, Map.of("image", List.of("busybox"))));
                Subscription byEvent = bus.subscribe(query(T0, 0, Map.of("event", List.of("die"))))) {
            Event died = new Event("container", "die", "bbb222", Map.of("name", "db", "tier", "back"), "local",
                    Event.Clock.nowNanos());
            bus.publish(died);

            assertEquals(List.of(image), drain(byType));
            assertEquals(List.of(db, died), drain(byName));
            assertEquals(List.of(web), drain(byId));
            assertEquals(List.of(web), drain(byLabel));
            assertEquals(List.of(image), drain(byImage));
            assertEquals(List.of(died), drain(byEvent));
        }
    }

    @Test
    void theHistoryKeepsTheLast1024Events() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        for (int n = 0; n < 1100; n++) {
            bus.publish(numbered(n));
        }

        try (Subscription subscription = bus.subscribe(query(1, 0, Map.of()))) {
            List<Event> replayed = drain(subscription);
            assertEquals(1024, replayed.size());
            assertEquals(76, numberOf(replayed.get(0)));
            assertEquals(1099, numberOf(replayed.get(1023)));
        }
    }

    @Test
    void aSubscriberThatFallsTooFarBehindIsEnded() throws Exception {
        EventBusImpl bus = new EventBusImpl(16, 4);
        Subscription slow = bus.subscribe(EventQuery.live());
        Subscription keeping = bus.subscribe(EventQuery.live());

        for (int n = 0; n < 4; n++) {
            bus.publish(numbered(n));
            assertEquals(n, numberOf(keeping.next(LONG)));
        }
        assertFalse(slow.done());
        bus.publish(numbered(4));

        assertTrue(slow.done());
        assertNull(slow.next(SHORT));
        assertEquals(4, numberOf(keeping.next(LONG)));
        assertFalse(keeping.done());
        assertEquals(1, bus.subscriberCount());
        keeping.close();
        slow.close();
    }

    @Test
    void publishingNeverWaitsForASubscriberThatDoesNotRead() {
        EventBusImpl bus = new EventBusImpl();
        Subscription idle = bus.subscribe(EventQuery.live());

        long started = System.nanoTime();
        for (int n = 0; n < 100_000; n++) {
            bus.publish(numbered(n));
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
        assertTrue(idle.done());
        idle.close();
    }

    @Test
    void closeWakesABlockedReaderAndLeavesTheBus() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Subscription subscription = bus.subscribe(EventQuery.live());
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Event> reader = pool.submit(() -> {
            waiting.countDown();
            return subscription.next(Duration.ofMinutes(5));
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        Thread.sleep(50);

        subscription.close();

        assertNull(reader.get(10, TimeUnit.SECONDS));
        assertTrue(subscription.done());
        assertEquals(0, bus.subscriberCount());
        bus.publish(numbered(1));
        assertNull(subscription.next(SHORT));
    }

    @Test
    void deactivationEndsEverySubscription() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        Subscription first = bus.subscribe(EventQuery.live());
        Subscription second = bus.subscribe(query(1, 0, Map.of()));

        bus.close();

        assertTrue(first.done());
        assertTrue(second.done());
        assertNull(first.next(LONG));
        assertTrue(bus.subscribe(EventQuery.live()).done());
    }

    @Test
    void aZeroOrHugeTimeoutIsHonoured() throws Exception {
        EventBusImpl bus = new EventBusImpl();
        try (Subscription subscription = bus.subscribe(EventQuery.live())) {
            assertNull(subscription.next(Duration.ZERO));
            assertNull(subscription.next(Duration.ofMillis(-5)));
            Event event = numbered(1);
            bus.publish(event);
            assertEquals(event, subscription.next(Duration.ofSeconds(Long.MAX_VALUE)));
        }
    }

    /**
     * Subscribing with a replay while a publisher runs: each subscriber must see one unbroken
     * run of sequence numbers, so no event fell between replay and live or came twice.
     */
    @Test
    void noEventIsLostOrRepeatedBetweenReplayAndLive() throws Exception {
        int total = 30_000;
        EventBusImpl bus = new EventBusImpl(1024, total);
        CountDownLatch publishing = new CountDownLatch(1);
        Future<?> publisher = pool.submit(() -> {
            for (int n = 0; n < total; n++) {
                bus.publish(numbered(n));
                if (n == 100) {
                    publishing.countDown();
                }
            }
        });
        assertTrue(publishing.await(10, TimeUnit.SECONDS));

        List<Subscription> subscriptions = new ArrayList<>();
        while (!publisher.isDone() && subscriptions.size() < 30) {
            subscriptions.add(bus.subscribe(query(1, 0, Map.of())));
            Thread.sleep(1);
        }
        publisher.get(20, TimeUnit.SECONDS);

        assertFalse(subscriptions.isEmpty());
        for (Subscription subscription : subscriptions) {
            Event event = subscription.next(LONG);
            assertNotNull(event);
            for (int expected = numberOf(event) + 1; expected < total; expected++) {
                event = subscription.next(LONG);
                assertNotNull(event, "ended before " + expected);
                assertEquals(expected, numberOf(event), "gap or repeat");
            }
            assertNull(subscription.next(Duration.ZERO), "more than was published");
            subscription.close();
        }
        assertEquals(0, bus.subscriberCount());
    }

    /** Several publishers and readers at once: every reader sees every event, in one order. */
    @Test
    void concurrentPublishersAndReaders() throws Exception {
        int publishers = 4;
        int perPublisher = 5_000;
        // A backlog that holds everything: a reader descheduled on a busy machine must not be
        // dropped here; dropping has its own test.
        EventBusImpl bus = new EventBusImpl(1024, publishers * perPublisher);
        List<Subscription> subscriptions = new ArrayList<>();
        List<Future<List<Event>>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Subscription subscription = bus.subscribe(EventQuery.live());
            subscriptions.add(subscription);
            readers.add(pool.submit(() -> {
                List<Event> seen = new ArrayList<>();
                while (seen.size() < publishers * perPublisher) {
                    Event event = subscription.next(LONG);
                    assertNotNull(event, "reader starved or dropped after " + seen.size());
                    seen.add(event);
                }
                return seen;
            }));
        }
        AtomicBoolean go = new AtomicBoolean();
        List<Future<?>> writers = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int base = p * perPublisher;
            writers.add(pool.submit(() -> {
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                for (int n = 0; n < perPublisher; n++) {
                    bus.publish(numbered(base + n));
                }
                return null;
            }));
        }
        go.set(true);
        for (Future<?> writer : writers) {
            writer.get(20, TimeUnit.SECONDS);
        }

        List<Event> reference = readers.get(0).get(20, TimeUnit.SECONDS);
        for (Future<List<Event>> reader : readers) {
            List<Event> seen = reader.get(20, TimeUnit.SECONDS);
            assertEquals(reference, seen);
        }
        for (int p = 0; p < publishers; p++) {
            int base = p * perPublisher;
            List<Integer> fromThisPublisher = reference.stream().map(EventBusImplTest::numberOf)
                    .filter(n -> n >= base && n < base + perPublisher).toList();
            assertEquals(perPublisher, fromThisPublisher.size());
            for (int i = 0; i < perPublisher; i++) {
                assertEquals(base + i, fromThisPublisher.get(i));
            }
        }
        subscriptions.forEach(Subscription::close);
    }
}
