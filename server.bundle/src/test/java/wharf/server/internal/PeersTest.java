package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wharf.server.api.Peer;

/** SO_PEERCRED on a real unix socket, and the identity policies see. */
@Timeout(10)
class PeersTest {
    @TempDir
    Path tmp;

    @Test
    void theAcceptedSideSeesThisProcesssUidAndGid() throws Exception {
        Path socket = tmp.resolve("p.sock");
        Path mine = Files.writeString(tmp.resolve("mine"), "");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(socket));
                try (SocketChannel accepted = server.accept()) {
                    int[] ids = Peers.credentials(accepted);
                    // a file this process created is owned by its uid and gid
                    assertEquals(Files.getAttribute(mine, "unix:uid"), ids[0]);
                    assertEquals(Files.getAttribute(mine, "unix:gid"), ids[1]);
                }
            }
        }
    }

    @Test
    void theUserIsTheUidOnUnixAndTheVerifiedSubjectOverTls() {
        assertEquals("1000", new Peer(Peer.Transport.UNIX, false, "", 1000, 100).user());
        assertEquals("", Peer.unknown(Peer.Transport.UNIX).user());
        assertEquals("CN=client", new Peer(Peer.Transport.TCP, true, "CN=client", -1, -1).user());
        assertEquals("", new Peer(Peer.Transport.TCP, false, "CN=unverified", -1, -1).user());
    }
}
