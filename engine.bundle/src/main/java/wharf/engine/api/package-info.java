/**
 * The job bus: typed job types, the {@link wharf.engine.api.Engine} that runs them, the
 * handler and interceptor whiteboards, and the typed errors every backend throws and the
 * server maps to dockerd's status codes in one place.
 */
@Export
@Version("1.0.0")
package wharf.engine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
