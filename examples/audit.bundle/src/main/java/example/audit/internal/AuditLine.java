package example.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.AuthorizationResponse;
import wharf.server.api.Peer;

/**
 * One request as the audit log writes it.
 *
 * @param time          when the request arrived, RFC 3339 in UTC with nanoseconds
 * @param user          the caller in one string: the uid on a unix socket, the certificate subject over TLS
 * @param peer          the caller as the listener knows it
 * @param remoteAddress the client's address, empty on a unix socket
 * @param localAddress  the listener it came through
 * @param method        the HTTP method
 * @param uri           the URI with its query
 * @param decision      {@code allow} or {@code deny}
 * @param refusedBy     the policy that refused it, or empty
 * @param message       the refusal's message, or empty
 * @param status        the status the client got
 */
record AuditLine(String time, String user, Caller peer, String remoteAddress, String localAddress, String method,
        String uri, String decision, String refusedBy, String message, int status) {
    private static final DateTimeFormatter RFC_3339_NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The peer with its transport spelled as a user reads it ({@code unix}, {@code tcp}). */
    record Caller(String transport, int uid, int gid, boolean tlsVerified, String certificateSubject) {
        static Caller of(Peer p) {
            return new Caller(p.transport().name().toLowerCase(Locale.ROOT), p.uid(), p.gid(), p.tlsVerified(),
                    p.certificateSubject());
        }
    }

    static AuditLine of(AuthorizationRequest request, AuthorizationResponse response) {
        return new AuditLine(rfc3339(request.received()), request.user(), Caller.of(request.peer()),
                request.remoteAddress(), request.localAddress(), request.method(), request.uri(),
                response.allowed() ? "allow" : "deny", response.refusedBy(), response.message(), response.status());
    }

    static String rfc3339(Instant time) {
        return RFC_3339_NANOS.format(time);
    }
}
