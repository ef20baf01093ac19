/** The event bus behind {@code /events}: bounded history, since/until replay, filters. */
@Export
@Version("1.0.0")
package wharf.engine.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
