/**
 * What route handler tests call handlers with: an engine that runs registered handlers on the
 * caller's thread, and a request and response built and read by the test.
 */
@Export
@Version("1.0.0")
package wharf.testing.routes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
