/**
 * The route toolkit every route bundle uses: {@link wharf.server.api.RouteGroup} services and
 * their {@link wharf.server.api.Route} tables, the {@link wharf.server.api.Handler} signature,
 * request and response helpers, the multiplexed stdout/stderr writer, the JSON progress stream,
 * connection hijack for attach and exec, and the authorization policy whiteboard.
 */
@Export
@Version("1.0.0")
package wharf.server.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
