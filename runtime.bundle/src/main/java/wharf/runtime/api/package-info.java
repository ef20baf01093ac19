/**
 * The OCI runtime driver's contract: {@link wharf.runtime.api.ContainerRuntime} prepares a
 * container's OCI bundle from a {@link wharf.runtime.api.RuntimeSpec}, runs it under conmon and
 * reports its {@link wharf.runtime.api.ContainerState}; it pauses, execs, resizes, feeds stdin and reads
 * the {@link wharf.runtime.api.ResourceUsage} of its cgroup.
 */
@Export
@Version("1.2.0")
package wharf.runtime.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
