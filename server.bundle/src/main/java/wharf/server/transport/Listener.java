package wharf.server.transport;

import org.osgi.annotation.versioning.ConsumerType;

/** An open listener; closing it stops accepting and releases its address. */
@ConsumerType
public interface Listener extends AutoCloseable {
    /** {@code PROTO://ADDR} as bound, with the actual port where {@code :0} was asked. */
    String address();

    @Override
    void close();
}
