package wharf.transport.unix.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.transport.ListenerException;

/**
 * Who may connect to a socket: mode 0660 and a group, as dockerd sets them. The group is the one
 * asked for, else {@code docker} when it exists, else {@code root}.
 */
final class SocketAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SocketAccess.class);

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw----");
    /** Tried in order when no group is asked for. */
    static final List<String> DEFAULT_GROUPS = List.of("docker", "root");

    private final GroupPrincipal group;
    private final boolean explicit;

    private SocketAccess(GroupPrincipal group, boolean explicit) {
        this.group = group;
        this.explicit = explicit;
    }

    /**
     * Resolves the socket group now, so a wrong name fails {@code listen} before anything is bound.
     *
     * @param requested the group asked for; null or blank for the default
     * @throws ListenerException when a requested group does not exist
     */
    static SocketAccess resolve(String uri, String requested) throws ListenerException {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        if (requested != null && !requested.isBlank()) {
            String name = requested.strip();
            try {
                return new SocketAccess(lookup.lookupPrincipalByGroupName(name), true);
            } catch (UserPrincipalNotFoundException e) {
                throw new ListenerException(uri + ": socket group \"" + name + "\" not found", e);
            } catch (IOException e) {
                throw new ListenerException(uri + ": cannot look up socket group \"" + name + "\": " + e.getMessage(), e);
            }
        }
        for (String name : DEFAULT_GROUPS) {
            try {
                return new SocketAccess(lookup.lookupPrincipalByGroupName(name), false);
            } catch (IOException notThere) {
                LOG.debug("No group {} for the socket of {}", name, uri);
            }
        }
        return new SocketAccess(null, false);
    }

    /** The group the socket gets; null when none of the defaults exists. */
    GroupPrincipal group() {
        return group;
    }

    /**
     * Gives the bound socket file its group and mode.
     *
     * @throws IOException when the mode cannot be set, or a requested group cannot be given; a
     *                     default group that cannot be given (a daemon not running as root) is logged
     */
    void applyTo(Path socket) throws IOException {
        if (group != null) {
            try {
                Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
            } catch (IOException e) {
                if (explicit) {
                    throw new IOException("cannot give " + socket + " to group " + group.getName() + ": " + e.getMessage(), e);
                }
                LOG.warn("Could not give {} to group {}: {}", socket, group.getName(), e.toString());
            }
        }
        Files.setPosixFilePermissions(socket, MODE);
    }
}
