package wharf.server.api;

/**
 * Who is on the other end of a request's connection, as the transport knows it: the kind of
 * listener, whether a TLS client certificate was verified (and its subject), and for a unix
 * socket the peer process's user and group ids from {@code SO_PEERCRED}.
 * <p>
 * The peer's process id is not given: the JDK's {@code SO_PEERCRED} option yields only the user
 * and the group.
 *
 * @param transport          the kind of listener the request came through
 * @param tlsVerified        true when the client presented a certificate the listener verified
 *                           against its CA ({@code --tlsverify})
 * @param certificateSubject the verified client certificate's subject (RFC 2253), else empty
 * @param uid                the peer process's user id on a unix socket, else {@link #UNKNOWN}
 * @param gid                the peer process's group id on a unix socket, else {@link #UNKNOWN}
 */
public record Peer(Transport transport, boolean tlsVerified, String certificateSubject, int uid, int gid) {
    /** An id the transport does not know. */
    public static final int UNKNOWN = -1;

    /** The kinds of listener. */
    public enum Transport {
        /** A unix socket: only local processes that may open the socket file reach it. */
        UNIX,
        /** TCP, with or without TLS. */
        TCP,
        /** Anything else (a listener a third-party transport contributes). */
        OTHER
    }

    public Peer {
        certificateSubject = certificateSubject == null ? "" : certificateSubject;
    }

    /** A peer the transport says nothing about. */
    public static Peer unknown(Transport transport) {
        return new Peer(transport, false, "", UNKNOWN, UNKNOWN);
    }

    /**
     * The caller's identity in one string, as authorization policies receive it: the uid on a
     * unix socket, the certificate subject for a verified TLS client, else empty.
     */
    public String user() {
        if (transport == Transport.UNIX && uid != UNKNOWN) {
            return Integer.toString(uid);
        }
        return tlsVerified ? certificateSubject : "";
    }
}
