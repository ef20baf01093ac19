package wharf.testing.routes;

import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.server.api.RouteGroup;

/** A group's routes as handler tests look them up: by verb and template, as they are declared. */
public final class Routes {
    private Routes() {
    }

    /** The group's route for the verb and template; fails the test when there is none. */
    public static Route find(RouteGroup group, Method method, String template) {
        return group.routes().stream()
                .filter(r -> r.method() == method && r.template().equals(template)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + template));
    }
}
