/**
 * Fixtures shared by the tests of several modules. A test-scope dependency, never shipped; exported
 * so the in-framework tests can install this bundle beside the bundles under test.
 */
@Export
@Version("1.2.0")
package wharf.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
