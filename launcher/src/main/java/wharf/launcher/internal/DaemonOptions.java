package wharf.launcher.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The daemon's settings after flags, daemon.json and defaults are resolved. bin/wharf's main
 * resolves them outside the framework and hands them to {@link DaemonStarter} inside as JSON in
 * the framework property {@link #PROPERTY}.
 *
 * @param hosts         {@code PROTO://ADDR} values to listen on, at least one
 * @param tls           {@code --tls}: null when not said, so a plain public tcp listener can be refused
 * @param tlsVerify     {@code --tlsverify}: null when not said
 * @param tlsCaCert     {@code ca.pem}, used only with TLS
 * @param tlsCert       the server's {@code cert.pem}, used only with TLS
 * @param tlsKey        the server's {@code key.pem}, used only with TLS
 * @param group         the unix sockets' group; null for the transport's default
 * @param apiCorsHeader the CORS header value; null when CORS is off
 * @param dataRoot      the root of persistent state (also the framework property {@code wharf.data.root})
 * @param debug         {@code -D}
 * @param logLevel      dockerd's level: debug, info, warn, error or fatal
 * @param version       the daemon's version, for {@code Server:} and {@code /version}
 * @param insecureRegistries {@code --insecure-registry}: {@code host[:port]} names and CIDR blocks
 *                      reached over plain HTTP (also the framework property {@code wharf.insecure.registries})
 * @param defaultRuntime {@code --default-runtime}: runc or crun; null for the one installed
 *                      (also the framework property {@code wharf.runtime.default})
 */
public record DaemonOptions(List<String> hosts, Boolean tls, Boolean tlsVerify, String tlsCaCert, String tlsCert,
        String tlsKey, String group, String apiCorsHeader, String dataRoot, boolean debug, String logLevel,
        String version, List<String> insecureRegistries, String defaultRuntime) {

    /** The framework property that carries the options as JSON. */
    public static final String PROPERTY = "wharf.launcher.options";

    // tolerant: a wharf.launcher bundle hot-updated through deploy/ may be older than bin/wharf's jar
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public DaemonOptions {
        hosts = List.copyOf(hosts);
        // absent from the JSON of a launcher older than the flag
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
    }

    /** TLS is on when asked for, or implied by verification. */
    public boolean tlsEnabled() {
        return Boolean.TRUE.equals(tls) || Boolean.TRUE.equals(tlsVerify);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DaemonOptions fromJson(String json) {
        try {
            return JSON.readValue(json, DaemonOptions.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
