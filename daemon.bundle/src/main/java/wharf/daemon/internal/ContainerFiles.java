package wharf.daemon.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import wharf.common.AtomicFiles;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.container.HostConfig;

/**
 * The files of a container under {@code <data-root>/containers/<id>/}: {@code config.v2.json}
 * (the record), {@code hostname}, {@code hosts} and {@code resolv.conf} (bind-mounted into the
 * container, as dockerd does) and {@code container.log} (conmon's k8s-file). The runtime owns
 * the dir's {@code bundle/}, {@code userdata/} and {@code exec/}.
 */
final class ContainerFiles {
    static final String CONFIG = "config.v2.json";
    static final String LOG = "container.log";
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Path HOST_HOSTS = Path.of("/etc/hosts");
    /** Docker's standard entries (libnetwork's etchosts defaults). */
    private static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private final Path root;

    ContainerFiles(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path dir(String id) {
        return root.resolve(id);
    }

    void save(ContainerRecord record) throws IOException {
        AtomicFiles.write(dir(record.id()).resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    }

    ContainerRecord read(String id) throws IOException {
        return JSON.readValue(dir(id).resolve(CONFIG).toFile(), ContainerRecord.class);
    }

    boolean hasRecord(String id) {
        return Files.isRegularFile(dir(id).resolve(CONFIG));
    }

    /** The IDs of every container dir, with or without a record. */
    List<String> ids() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Writes hostname, hosts and resolv.conf for a new container. */
    void writeNetworkFiles(String id, String hostname, HostConfig hostConfig) throws IOException {
        Path dir = Files.createDirectories(dir(id));
        AtomicFiles.write(dir.resolve("hostname"), (hostname + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("hosts"), hosts(hostname, hostConfig).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("resolv.conf"), resolvConf(hostConfig).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Docker's entries (the host's file on the host network), then {@code ExtraHosts}
     * ({@code name:ip} → {@code ip\tname}), then the container's own hostname on loopback.
     */
    static String hosts(String hostname, HostConfig hostConfig) throws IOException {
        boolean host = hostConfig.networkMode().equals("host");
        StringBuilder sb = new StringBuilder(host && Files.isReadable(HOST_HOSTS)
                ? Files.readString(HOST_HOSTS) : DEFAULT_HOSTS);
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        for (String extra : hostConfig.extraHosts() == null ? List.<String>of() : hostConfig.extraHosts()) {
            int colon = extra.indexOf(':');
            if (colon <= 0 || colon == extra.length() - 1) {
                throw new InvalidParameterError("invalid argument \"" + extra + "\" for \"--add-host\" flag");
            }
            sb.append(extra.substring(colon + 1)).append('\t').append(extra, 0, colon).append('\n');
        }
        if (!host) {
            sb.append("127.0.0.1\t").append(hostname).append('\n');
        }
        return sb.toString();
    }

    /** The host's resolv.conf, with the servers, search domains and options the request sets instead. */
    static String resolvConf(HostConfig hostConfig) throws IOException {
        List<String> lines = new ArrayList<>(Files.isReadable(HOST_RESOLV_CONF)
                ? Files.readAllLines(HOST_RESOLV_CONF) : List.of());
        replace(lines, "nameserver", hostConfig.dns(), false);
        replace(lines, "search", hostConfig.dnsSearch(), true);
        replace(lines, "options", hostConfig.dnsOptions(), true);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static void replace(List<String> lines, String keyword, List<String> values, boolean oneLine) {
        if (values == null || values.isEmpty()) {
            return;
        }
        lines.removeIf(line -> line.trim().startsWith(keyword + " ") || line.trim().startsWith(keyword + "\t"));
        if (oneLine) {
            lines.add(keyword + " " + String.join(" ", values));
        } else {
            values.forEach(v -> lines.add(keyword + " " + v));
        }
    }

    /** Removes a container's dir and everything in it. */
    void delete(String id) throws IOException {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Bytes in a tree, for SizeRw and SizeRootFs; what cannot be read counts as nothing. */
    static long size(Path tree) {
        if (!Files.isDirectory(tree)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
