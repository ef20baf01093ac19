/**
 * The container side's contract: the container and exec job types
 * ({@link wharf.engine.api.container.ContainerJobs}), their input records, the wire types routes
 * serialise as they are (Jackson records named as dockerd's API 1.47 JSON), and
 * {@link wharf.engine.api.container.ContainerStream}, the open stream that logs, attach and exec
 * start hand back for the route to run once it has answered.
 */
@Export
@Version("1.0.0")
package wharf.engine.api.container;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
