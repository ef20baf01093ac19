package wharf.launcher.main;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directives one source gave, flags or daemon.json: a {@link Boolean}, a {@link String} or a
 * {@code List<String>} per directive, as its {@link Directive.Kind} says. A directive that was not
 * given is absent, which is how a tri-state such as {@code --tls} keeps "not said".
 */
final class Settings {
    private final Map<Directive, Object> values = new EnumMap<>(Directive.class);

    void put(Directive d, Object value) {
        values.put(d, value);
    }

    /** Appends to a list directive, as a repeated {@code -H} does. */
    void add(Directive d, String value) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) values.computeIfAbsent(d, k -> new ArrayList<String>());
        list.add(value);
    }

    boolean has(Directive d) {
        return values.containsKey(d);
    }

    Set<Directive> directives() {
        return Collections.unmodifiableSet(values.keySet());
    }

    Optional<Boolean> bool(Directive d) {
        return Optional.ofNullable((Boolean) values.get(d));
    }

    Optional<String> string(Directive d) {
        return Optional.ofNullable((String) values.get(d));
    }

    @SuppressWarnings("unchecked")
    Optional<List<String>> list(Directive d) {
        return Optional.ofNullable((List<String>) values.get(d)).map(List::copyOf);
    }

    /** This source's directives with {@code other}'s on top. */
    Settings overlaidWith(Settings other) {
        Settings merged = new Settings();
        merged.values.putAll(values);
        merged.values.putAll(other.values);
        return merged;
    }

    /** A value as Go's {@code %v} prints it, which dockerd's messages use: {@code [a b]} for a list. */
    String display(Directive d) {
        Object v = values.get(d);
        if (v instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(v);
    }
}
