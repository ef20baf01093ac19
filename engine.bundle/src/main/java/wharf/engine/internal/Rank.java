package wharf.engine.internal;

import java.util.Map;
import org.osgi.framework.Constants;

/**
 * Where a handler or interceptor stands among others: highest {@code service.ranking} first;
 * on equal ranking whiteboard services before programmatic registrations, each oldest first
 * (lowest service ID, earliest registration). The order is total, so one winner is certain.
 *
 * @param ranking the service ranking; 0 for programmatic registrations
 * @param source  how it arrived
 * @param order   the service ID, or the registration's sequence number
 */
record Rank(int ranking, Source source, long order) implements Comparable<Rank> {

    /** How a handler or interceptor arrived. */
    enum Source {
        SERVICE, REGISTERED
    }

    /** The rank of a whiteboard service, from the properties DS hands to a bind method. */
    static Rank ofService(Map<String, ?> properties) {
        return new Rank(ranking(properties), Source.SERVICE, serviceId(properties));
    }

    /** The rank of the n-th programmatic registration. */
    static Rank registered(long sequence) {
        return new Rank(0, Source.REGISTERED, sequence);
    }

    /** True when both ranks name the same service or registration, whatever its ranking now. */
    boolean sameOrigin(Rank other) {
        return source == other.source && order == other.order;
    }

    @Override
    public int compareTo(Rank other) {
        int byRanking = Integer.compare(other.ranking, ranking);
        if (byRanking != 0) {
            return byRanking;
        }
        int bySource = source.compareTo(other.source);
        return bySource != 0 ? bySource : Long.compare(order, other.order);
    }

    /** A ranking that is not an Integer counts as 0, as the framework treats it. */
    private static int ranking(Map<String, ?> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, ?> properties) {
        if (properties.get(Constants.SERVICE_ID) instanceof Long id) {
            return id;
        }
        throw new IllegalArgumentException("service properties without " + Constants.SERVICE_ID + ": " + properties);
    }
}
