package wharf.graph.internal;

import java.util.Locale;
import wharf.engine.api.InvalidParameterError;

/** OS/architecture names as Go and the OCI image spec write them. */
final class Platforms {
    private Platforms() {
    }

    /** This machine's architecture in Go's words ({@code amd64}, {@code arm64}, …). */
    static String hostArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch;
        };
    }

    /** A platform as {@code os[/arch[/variant]]}; the OS must be linux. */
    record Platform(String os, String architecture, String variant) {
    }

    /**
     * Parses a platform argument; empty gives this machine's.
     *
     * @throws InvalidParameterError for a malformed platform or an OS other than linux
     */
    static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            return new Platform("linux", hostArchitecture(), null);
        }
        String[] parts = text.toLowerCase(Locale.ROOT).split("/");
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new InvalidParameterError("\"" + text + "\": unknown operating system or architecture: invalid argument");
        }
        if (!parts[0].equals("linux")) {
            throw new InvalidParameterError("operating system is not supported");
        }
        String arch = parts.length > 1 ? normaliseArch(parts[1]) : hostArchitecture();
        String variant = parts.length > 2 ? parts[2] : null;
        return new Platform("linux", arch, variant);
    }

    private static String normaliseArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386" -> "386";
            default -> arch;
        };
    }
}
