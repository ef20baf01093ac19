package wharf.engine.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.event.Event;
import wharf.engine.api.event.EventQuery;
import wharf.engine.api.event.Subscription;

/**
 * One subscriber: the replayed events, then a bounded queue of live ones. The bus offers live
 * events under its own lock; this object's lock is held only for a queue operation, so a
 * publisher never waits for a slow reader. A reader that lets {@code backlog} events pile up
 * is ended rather than allowed to hold memory without bound.
 */
final class EventSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);

    private final EventBusImpl bus;
    private final EventQuery query;
    private final int backlog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Event> replay;
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Event> live = new ArrayDeque<>();
    /** Written under {@link #lock}; read without it by the bus to skip ended subscribers. */
    private volatile boolean ended;

    EventSubscription(EventBusImpl bus, EventQuery query, List<Event> replay, int backlog) {
        this.bus = bus;
        this.query = query;
        this.replay = new ArrayDeque<>(replay);
        this.backlog = backlog;
    }

    /**
     * Queues a live event if the query wants it. Called by the bus under its lock, in publish
     * order.
     *
     * @return false once this subscription has ended and should leave the bus
     */
    boolean offer(Event event) {
        if (ended) {
            return false;
        }
        if (!query.matches(event)) {
            return !untilPassed();
        }
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            if (live.size() >= backlog) {
                LOG.info("events subscriber ended: it fell {} events behind", backlog);
                endLocked();
                return false;
            }
            live.add(event);
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Event next(Duration timeout) throws InterruptedException {
        long timeoutNanos = saturatedNanos(timeout);
        long started = System.nanoTime();
        boolean endedNow = false;
        lock.lockInterruptibly();
        try {
            while (true) {
                Event event = replay.isEmpty() ? live.poll() : replay.poll();
                if (event != null || ended) {
                    return event;
                }
                long untilLeft = nanosUntilEnd();
                if (untilLeft <= 0) {
                    endLocked();
                    endedNow = true;
                    return null;
                }
                long timeoutLeft = timeoutNanos - (System.nanoTime() - started);
                if (timeoutLeft <= 0) {
                    return null;
                }
                arrived.awaitNanos(Math.min(timeoutLeft, untilLeft));
            }
        } finally {
            lock.unlock();
            if (endedNow) {
                bus.leave(this);
            }
        }
    }

    @Override
    public boolean done() {
        lock.lock();
        try {
            return ended || (replay.isEmpty() && live.isEmpty() && untilPassed());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        end();
        bus.leave(this);
    }

    /** Ends the subscription from outside: a blocked {@link #next} returns null at once. */
    void end() {
        lock.lock();
        try {
            endLocked();
        } finally {
            lock.unlock();
        }
    }

    /** True when {@code until} is set and the clock has passed it. */
    boolean untilPassed() {
        return nanosUntilEnd() <= 0;
    }

    private void endLocked() {
        ended = true;
        replay.clear();
        live.clear();
        arrived.signalAll();
    }

    /** Wall-clock nanoseconds left before {@code until}; Long.MAX_VALUE without one. */
    private long nanosUntilEnd() {
        if (query.untilNanos() == 0) {
            return Long.MAX_VALUE;
        }
        return query.untilNanos() - Event.Clock.nowNanos();
    }

    /** Durations beyond what a long holds in nanoseconds wait "forever"; negative ones not at all. */
    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
