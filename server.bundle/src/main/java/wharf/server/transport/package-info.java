/**
 * The transport SPI: a {@link wharf.server.transport.Transport} service per protocol turns a
 * {@code PROTO://ADDR} into a listener on the running Jetty, using the one HTTP configuration
 * the server shares with every connector.
 */
@Export
@Version("1.0.0")
package wharf.server.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
