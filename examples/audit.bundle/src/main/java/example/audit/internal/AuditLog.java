package example.audit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.server.api.AuthorizationPolicy;
import wharf.server.api.AuthorizationRequest;
import wharf.server.api.AuthorizationResponse;

/**
 * The audit log: an authorization policy that allows every request and, once each is answered,
 * appends one JSON line saying who sent it, what it was, when, from where, what the policies
 * decided and the status. The authorization SPI rather than a servlet filter, because it hands
 * over the caller's identity, the decision of every policy (a refusal by another one included)
 * and the status in one place.
 */
@Component(configurationPid = AuditConfig.PID, property = AuthorizationPolicy.NAME + "=" + AuditLog.NAME)
@Designate(ocd = AuditConfig.class)
public final class AuditLog implements AuthorizationPolicy {
    static final String NAME = "example.audit";
    /** Framework property the launcher sets from {@code --data-root}. */
    static final String DATA_ROOT = "wharf.data.root";
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataRoot;
    private FileChannel out;
    private Path file;

    @Activate
    public AuditLog(BundleContext context, AuditConfig config) throws IOException {
        this(dataRoot(context), config);
    }

    AuditLog(Path dataRoot, AuditConfig config) throws IOException {
        this.dataRoot = dataRoot;
        open(config);
    }

    /** The launcher's data root; outside it, the bundle's own data area stands in. */
    private static Path dataRoot(BundleContext context) {
        String root = context.getProperty(DATA_ROOT);
        return root == null ? context.getDataFile("").toPath() : Path.of(root);
    }

    /** A new file takes over at once; a file that cannot be opened leaves the old one in use. */
    @Modified
    synchronized void modified(AuditConfig config) throws IOException {
        FileChannel previous = out;
        open(config);
        previous.close();
    }

    @Deactivate
    synchronized void close() throws IOException {
        out.close();
    }

    private synchronized void open(AuditConfig config) throws IOException {
        Path target = dataRoot.resolve(config.file());
        Files.createDirectories(target.toAbsolutePath().getParent());
        out = FileChannel.open(target, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        file = target;
        LOG.info("Auditing API requests to {}", target);
    }

    @Override
    public Decision authorize(AuthorizationRequest request) {
        return Decision.allow();
    }

    @Override
    public void onResponse(AuthorizationRequest request, AuthorizationResponse response) throws IOException {
        byte[] json = JSON.writeValueAsBytes(AuditLine.of(request, response));
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        synchronized (this) {
            // one write per line on an append-only file: lines never interleave
            while (line.hasRemaining()) {
                out.write(line);
            }
        }
    }

    synchronized Path file() {
        return file;
    }
}
