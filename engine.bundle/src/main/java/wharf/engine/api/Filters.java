package wharf.engine.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} argument: each key holds a set of accepted values; an object
 * matches when, for every key present, it matches one of that key's values. Routes parse the
 * JSON (map or list form); backends match with the helpers here, as moby's {@code filters.Args}.
 */
public final class Filters {
    private static final Filters EMPTY = new Filters(Map.of());

    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    public static Filters empty() {
        return EMPTY;
    }

    public static Filters of(Map<String, ? extends Iterable<String>> values) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Set<String> set = new LinkedHashSet<>();
            v.forEach(set::add);
            copy.put(k, Collections.unmodifiableSet(set));
        });
        return new Filters(Collections.unmodifiableMap(copy));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The values of a key; empty when the key is absent. */
    public Set<String> get(String key) {
        return values.getOrDefault(key, Set.of());
    }

    /** Refuses keys outside the accepted set with dockerd's message. */
    public Filters validate(Set<String> accepted) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw new InvalidParameterError("Invalid filter '" + key + "'");
            }
        }
        return this;
    }

    /** True when the key is absent or one of its values equals the source. */
    public boolean exactMatch(String key, String source) {
        Set<String> accepted = values.get(key);
        return accepted == null || accepted.isEmpty() || accepted.contains(source);
    }

    /** True when the key is absent or one of its values is a prefix of the source (IDs). */
    public boolean prefixMatch(String key, String source) {
        Set<String> accepted = values.get(key);
        if (accepted == null || accepted.isEmpty()) {
            return true;
        }
        return source != null && accepted.stream().anyMatch(source::startsWith);
    }

    /**
     * Label-style matching: every value is {@code k} (the key must exist) or {@code k=v} (it must
     * have that value); all of them must hold, as moby's {@code MatchKVList}.
     */
    public boolean matchKeyValues(String key, Map<String, String> source) {
        Set<String> accepted = values.get(key);
        if (accepted == null || accepted.isEmpty()) {
            return true;
        }
        if (source == null) {
            return false;
        }
        for (String pair : accepted) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                if (!source.containsKey(pair)) {
                    return false;
                }
            } else if (!pair.substring(eq + 1).equals(source.get(pair.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }

    public Map<String, Set<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
