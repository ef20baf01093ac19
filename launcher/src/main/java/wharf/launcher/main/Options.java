package wharf.launcher.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import wharf.launcher.internal.DaemonOptions;

/** Resolves flags over daemon.json over dockerd's defaults into the daemon's options. */
final class Options {
    static final String DEFAULT_HOST = "unix:///var/run/wharf.sock";
    static final String DEFAULT_DATA_ROOT = "/var/lib/wharf";
    static final String DEFAULT_LOG_LEVEL = "info";

    private Options() {
    }

    /**
     * @param merged  the file's directives with the flags' on top
     * @param env     the environment: {@code DOCKER_CERT_PATH} moves the default certificates, as in dockerd
     * @param home    the user's home, where {@code ~/.docker} is
     * @param version the daemon's version
     */
    static DaemonOptions resolve(Settings merged, Map<String, String> env, Path home, String version) {
        List<String> hosts = merged.list(Directive.HOSTS).filter(h -> !h.isEmpty()).orElse(List.of(DEFAULT_HOST));
        String certDir = env.getOrDefault("DOCKER_CERT_PATH", "");
        Path certs = certDir.isEmpty() ? home.resolve(".docker") : Path.of(certDir);
        return new DaemonOptions(
                hosts,
                merged.bool(Directive.TLS).orElse(null),
                merged.bool(Directive.TLS_VERIFY).orElse(null),
                merged.string(Directive.TLS_CA_CERT).orElse(certs.resolve("ca.pem").toString()),
                merged.string(Directive.TLS_CERT).orElse(certs.resolve("cert.pem").toString()),
                merged.string(Directive.TLS_KEY).orElse(certs.resolve("key.pem").toString()),
                merged.string(Directive.GROUP).filter(g -> !g.isEmpty()).orElse(null),
                merged.string(Directive.API_CORS_HEADER).orElse(null),
                Path.of(merged.string(Directive.DATA_ROOT).orElse(DEFAULT_DATA_ROOT)).toAbsolutePath().normalize()
                        .toString(),
                merged.bool(Directive.DEBUG).orElse(false),
                merged.string(Directive.LOG_LEVEL).orElse(DEFAULT_LOG_LEVEL),
                version,
                merged.list(Directive.INSECURE_REGISTRIES).orElse(List.of()),
                merged.string(Directive.DEFAULT_RUNTIME).orElse(null));
    }
}
