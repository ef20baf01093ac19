/**
 * The image side's contract: the image job types ({@link wharf.engine.api.image.ImageJobs}),
 * their input records, the wire types routes serialise as they are (Jackson records named as
 * dockerd's API 1.47 JSON), the {@link wharf.engine.api.image.Progress} sink that streaming jobs
 * report to, and {@link wharf.engine.api.image.Reference}, the distribution reference grammar
 * that routes and backends both parse names with.
 */
@Export
@Version("1.2.0")
package wharf.engine.api.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
