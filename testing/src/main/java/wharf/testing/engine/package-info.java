/**
 * Stand-ins for the engine in tests: jobs handed straight to a handler, an event bus that records.
 * Exported so the in-framework tests can install this bundle beside the bundles under test.
 */
@Export
@Version("1.0.0")
package wharf.testing.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
