package wharf.graph.internal.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a registry named in a reference is reached. Docker Hub ({@code docker.io}) is served by
 * {@code registry-1.docker.io}. Every registry speaks HTTPS except the insecure ones, which get
 * plain HTTP: loopback addresses (dockerd's default {@code 127.0.0.0/8}, and {@code ::1}) and
 * the {@code --insecure-registry} entries, each a {@code host[:port]} or a CIDR block.
 */
final class Endpoints {
    static final String HUB_DOMAIN = "docker.io";
    static final URI HUB_REGISTRY = URI.create("https://registry-1.docker.io");
    static final String HUB_INDEX = "index.docker.io";
    private static final Set<String> HUB_NAMES = Set.of(HUB_DOMAIN, HUB_INDEX, "registry-1.docker.io");

    private final Set<String> insecureHosts;
    private final List<Cidr> insecureBlocks;

    /**
     * @param insecureRegistries {@code host[:port]} names and CIDR blocks ({@code 10.0.0.0/8}); a
     *                           scheme in front ({@code http://}) is ignored
     * @throws IllegalArgumentException for a malformed CIDR block
     */
    Endpoints(List<String> insecureRegistries) {
        Set<String> hosts = new HashSet<>();
        List<Cidr> blocks = new ArrayList<>();
        blocks.add(Cidr.parse("127.0.0.0/8"));
        blocks.add(Cidr.parse("::1/128"));
        for (String entry : insecureRegistries) {
            String e = entry.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("/+$", "");
            if (e.isEmpty()) {
                continue;
            }
            if (e.matches("[0-9.]+/[0-9]+") || e.matches("[0-9a-f]*:[0-9a-f:.]*/[0-9]+")) {
                blocks.add(Cidr.parse(e));
            } else {
                hosts.add(e);
            }
        }
        this.insecureHosts = Set.copyOf(hosts);
        this.insecureBlocks = List.copyOf(blocks);
    }

    /** Docker Hub under any of its names. */
    static boolean isHub(String domain) {
        return HUB_NAMES.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** The registry's base URI, no trailing slash: {@code http://127.0.0.1:5000}. */
    URI registry(String domain) {
        if (isHub(domain)) {
            return HUB_REGISTRY;
        }
        return URI.create((insecure(domain) ? "http://" : "https://") + domain.toLowerCase(Locale.ROOT));
    }

    /** The v1 index that answers searches: Docker Hub's, or the registry named in the term. */
    URI index(String domain) {
        if (isHub(domain)) {
            return URI.create("https://" + HUB_INDEX);
        }
        return URI.create((insecure(domain) ? "http://" : "https://") + domain.toLowerCase(Locale.ROOT));
    }

    /**
     * True when the registry gets plain HTTP: its {@code host:port} or host is listed, or an
     * address it has lies in an insecure block. Only literal addresses and {@code localhost} are
     * resolved here, unless CIDR blocks were configured (then, as dockerd, every host is looked
     * up), so a pull from a public registry costs no extra DNS query.
     */
    boolean insecure(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String host = host(d);
        if (insecureHosts.contains(d) || insecureHosts.contains(host)) {
            return true;
        }
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        boolean configuredBlocks = insecureBlocks.size() > 2;
        if (!literal && !host.equals("localhost") && !configuredBlocks) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (insecureBlocks.stream().anyMatch(b -> b.contains(address))) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    /** The host of {@code host[:port]}, {@code [v6][:port]} without brackets. */
    static String host(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end > 0 ? domain.substring(1, end) : domain;
        }
        int colon = domain.lastIndexOf(':');
        return colon >= 0 && domain.indexOf(':') == colon ? domain.substring(0, colon) : domain;
    }

    /** An address block, {@code 10.0.0.0/8} or {@code fd00::/8}. */
    private record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(text.substring(0, slash)).getAddress();
                int bits = Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("invalid CIDR block: " + text);
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR block: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
