/**
 * The daemon's own jobs: {@code serveapi} and {@code acceptconnections} from Docker 1.2, and the
 * figures {@code /info} asks other bundles for.
 */
@Export
@Version("1.0.0")
package wharf.engine.api.system;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
