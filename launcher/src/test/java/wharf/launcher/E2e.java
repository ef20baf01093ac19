package wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Small helpers the end-to-end tests share: waiting for a condition, and files and trees. */
final class E2e {
    private E2e() {
    }

    /** A condition a test waits for; may run a command or a request. */
    @FunctionalInterface
    interface Probe {
        boolean holds() throws Exception;
    }

    /**
     * Polls the probe until it holds, sleeping {@code every} in between; after {@code within} fails
     * with the message (and the probe's last IOException, which counts as not yet).
     */
    static void await(Duration within, Duration every, Probe probe, Supplier<String> failure) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        IOException last = null;
        while (true) {
            try {
                if (probe.holds()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get() + (last == null ? "" : "\n(last: " + last + ")"));
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** The file's text; empty while it does not exist. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The texts of a JSON array. */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Copies the tree with its files' attributes (bin/wharf stays executable). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes the tree, deepest first; nothing when it is not there. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
