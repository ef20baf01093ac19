package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import wharf.server.api.ApiVersion;
import wharf.server.api.Handler;
import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.server.api.RouteInfo;

class RouteTableTest {
    private static final ApiVersion V147 = ApiVersion.parse("1.47");
    private final Handler a = (req, resp) -> { };
    private final Handler b = (req, resp) -> { };

    private static RouteTable.Mounted mounted(Route r, String group, int ranking, long id) {
        return new RouteTable.Mounted(r, RouteTemplate.compile(r.template()), group, "test", "0.0.0", ranking, id);
    }

    @Test
    void variablesMatchOneSegmentAndRegexVariablesTakeSlashes() {
        RouteTable t = RouteTable.build(List.of(
                mounted(Route.get("/containers/{name}/json", a), "c", 0, 1),
                mounted(Route.get("/images/{name:.*}/json", b), "i", 0, 2)));
        RouteTable.Match m = t.match(Method.GET, "/containers/abc/json", V147);
        assertEquals("abc", m.variables().get("name"));
        assertNull(t.match(Method.GET, "/containers/a/b/json", V147));
        RouteTable.Match img = t.match(Method.GET, "/images/127.0.0.1:5000/bb:1/json", V147);
        assertEquals("127.0.0.1:5000/bb:1", img.variables().get("name"));
    }

    @Test
    void literalRoutesWinOverGreedyTemplates() {
        RouteTable t = RouteTable.build(List.of(
                mounted(Route.get("/images/{name:.*}/json", b), "i", 0, 1),
                mounted(Route.get("/images/json", a), "i", 0, 1)));
        assertSame(a, t.match(Method.GET, "/images/json", V147).mounted().route().handler());
        assertSame(b, t.match(Method.GET, "/images/busybox/json", V147).mounted().route().handler());
    }

    @Test
    void methodMustMatchAndUnknownPathsDoNot() {
        RouteTable t = RouteTable.build(List.of(mounted(Route.post("/containers/create", a), "c", 0, 1)));
        assertNull(t.match(Method.GET, "/containers/create", V147));
        assertNull(t.match(Method.POST, "/containers/create/x", V147));
        assertNotNull(t.match(Method.POST, "/containers/create", V147));
    }

    @Test
    void higherRankingWinsAndTheConflictIsReported() {
        List<RouteTable.Mounted> all = new ArrayList<>();
        all.add(mounted(Route.get("/containers/{name}/json", a), "low", 0, 1));
        all.add(mounted(Route.get("/containers/{id}/json", b), "high", 10, 2));
        RouteTable t = RouteTable.build(all);
        assertSame(b, t.match(Method.GET, "/containers/x/json", V147).mounted().route().handler());
        assertEquals(1, t.conflicts().size());
        assertEquals("low", t.conflicts().get(0).shadowed().group());
    }

    @Test
    void theDescriptionShowsWhoServesAndWhoIsShadowed() {
        RouteTable t = RouteTable.build(List.of(
                mounted(Route.get("/containers/{name}/json", a), "low", 0, 1),
                mounted(Route.get("/containers/{id}/json", b).since("1.40"), "other", 0, 3),
                mounted(Route.get("/containers/{id}/json", b), "high", 10, 2),
                mounted(Route.post("/containers/create", a), "low", 0, 1)));
        List<RouteInfo> routes = t.describe();
        assertEquals(List.of("POST /containers/create low", "GET /containers/{id}/json high",
                "GET /containers/{id}/json other", "GET /containers/{name}/json low"),
                routes.stream().map(r -> r.method() + " " + r.template() + " " + r.provider().group()).toList());
        assertTrue(routes.get(0).serving() && routes.get(0).shadows().isEmpty());
        RouteInfo high = routes.get(1);
        assertTrue(high.serving());
        assertEquals(List.of("low"), high.shadows().stream().map(RouteInfo.Provider::group).toList());
        assertEquals(10, high.provider().ranking());
        assertTrue(routes.get(2).serving(), "another version window is another route");
        assertEquals(ApiVersion.parse("1.40"), routes.get(2).since());
        RouteInfo low = routes.get(3);
        assertFalse(low.serving());
        assertEquals("high", low.shadowedBy().group());
        assertEquals("test", low.provider().bundle());
    }

    @Test
    void equalRankingKeepsTheOlderService() {
        RouteTable t = RouteTable.build(List.of(
                mounted(Route.get("/x", b), "newer", 0, 7),
                mounted(Route.get("/x", a), "older", 0, 3)));
        assertSame(a, t.match(Method.GET, "/x", V147).mounted().route().handler());
    }

    @Test
    void versionBoundsSelectTheRoute() {
        RouteTable t = RouteTable.build(List.of(
                mounted(Route.post("/containers/{name}/copy", a).until("1.24"), "c", 0, 1),
                mounted(Route.get("/new", b).since("1.44"), "c", 0, 1)));
        assertNotNull(t.match(Method.POST, "/containers/x/copy", ApiVersion.parse("1.23")));
        assertNull(t.match(Method.POST, "/containers/x/copy", ApiVersion.parse("1.24")));
        assertNull(t.match(Method.GET, "/new", ApiVersion.parse("1.43")));
        assertNotNull(t.match(Method.GET, "/new", ApiVersion.parse("1.44")));
    }

    @Test
    void badTemplatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.compile("/x/{a}/{a}"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.compile("/x/{a:(b)}"));
        assertThrows(IllegalArgumentException.class, () -> RouteTemplate.compile("/x/{a"));
        assertThrows(IllegalArgumentException.class, () -> Route.get("x", a));
    }
}
