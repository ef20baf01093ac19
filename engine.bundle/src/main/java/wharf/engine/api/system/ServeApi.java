package wharf.engine.api.system;

import java.util.List;

/**
 * The {@code serveapi} job: its args are {@code PROTO://ADDR} values, its fields the seed's env
 * table.
 *
 * @param addresses      {@code unix:///var/run/wharf.sock}, {@code tcp://127.0.0.1:2376}, …
 * @param logging        log every request (the access log)
 * @param enableCors     answer with CORS headers
 * @param corsHeaders    the {@code Access-Control-Allow-Origin} value when CORS is on ({@code *} if blank)
 * @param version        the daemon's version string, for {@code Server:} and {@code /version}
 * @param socketGroup    the group owning unix sockets; blank for the default ({@code docker} if it exists)
 * @param tls            serve TLS on tcp; null when not said (a plain non-loopback tcp listener
 *                       is then refused), false when explicitly off
 * @param tlsVerify      require and verify client certificates against {@code tlsCa}; null when not said
 * @param tlsCa          path of {@code ca.pem}
 * @param tlsCert        path of the server's {@code cert.pem}
 * @param tlsKey         path of the server's {@code key.pem}
 * @param bufferRequests hold requests that arrive before {@code acceptconnections} instead of refusing them
 */
public record ServeApi(List<String> addresses, boolean logging, boolean enableCors, String corsHeaders,
        String version, String socketGroup, Boolean tls, Boolean tlsVerify, String tlsCa, String tlsCert,
        String tlsKey, boolean bufferRequests) {

    public ServeApi {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** TLS is on when asked for, or implied by verification. */
    public boolean tlsEnabled() {
        return Boolean.TRUE.equals(tls) || Boolean.TRUE.equals(tlsVerify);
    }

    /** The user said TLS is off on purpose ({@code --tls=false} or {@code --tlsverify=false}). */
    public boolean tlsExplicitlyOff() {
        return Boolean.FALSE.equals(tls) || Boolean.FALSE.equals(tlsVerify);
    }
}
