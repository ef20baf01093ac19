/**
 * The route toolkit every route bundle uses: {@link wharf.server.api.RouteGroup} services and
 * their {@link wharf.server.api.Route} tables, the {@link wharf.server.api.Handler} signature,
 * request and response helpers, the multiplexed stdout/stderr writer, the JSON progress stream,
 * connection hijack for attach and exec, the caller's identity ({@link wharf.server.api.Peer}), the
 * authorization policy whiteboard, and the route table's introspection
 * ({@link wharf.server.api.RouteRegistry}).
 */
@Export
@Version("1.0.0")
package wharf.server.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
