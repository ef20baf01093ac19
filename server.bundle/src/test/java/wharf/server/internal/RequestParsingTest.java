package wharf.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiVersion;

class RequestParsingTest {

    @Test
    void pathVersionPrefixIsStripped() {
        PathVersion pv = PathVersion.of("/v1.41/containers/json");
        assertEquals(ApiVersion.parse("1.41"), pv.version());
        assertEquals("/containers/json", pv.path());
        PathVersion bare = PathVersion.of("/containers/json");
        assertFalse(bare.versioned());
        assertEquals(ApiVersion.parse("1.47"), bare.effective(ApiVersion.parse("1.47")));
        assertEquals("/vfoo/version", PathVersion.of("/vfoo/version").path());
        assertEquals(ApiVersion.parse("1.0"), PathVersion.of("/v1/version").version());
        assertNull(PathVersion.of("/v1..2/version").version());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ApiVersion.parse("1.4").isBefore(ApiVersion.parse("1.40")));
        assertTrue(ApiVersion.parse("1.47").isAtLeast(ApiVersion.parse("1.9")));
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("x"));
    }

    @Test
    void booleansAsDockerdReadsThem() {
        for (String yes : List.of("1", "true", "True", "yes", "anything")) {
            assertTrue(ApiRequest.truthy(yes), yes);
        }
        for (String no : List.of("", "0", "no", "false", "FALSE", "none", " ")) {
            assertFalse(ApiRequest.truthy(no), no);
        }
    }

    @Test
    void queryIsDecodedAndRepeatable() {
        Map<String, List<String>> q = QueryString.parse("names=a%3A1&names=b&path=%2Ftmp%2F&flag&x=a+b");
        assertEquals(List.of("a:1", "b"), q.get("names"));
        assertEquals(List.of("/tmp/"), q.get("path"));
        assertEquals(List.of(""), q.get("flag"));
        assertEquals(List.of("a b"), q.get("x"));
    }

    @Test
    void filtersInMapAndListForms() {
        Filters map = FilterParser.parse("{\"name\":{\"lg\":true},\"status\":{\"exited\":true,\"running\":false}}");
        assertEquals(Set.of("lg"), map.get("name"));
        assertEquals(Set.of("exited"), map.get("status"));
        Filters list = FilterParser.parse("{\"type\":[\"container\"],\"event\":[\"start\",\"die\"]}");
        assertEquals(Set.of("start", "die"), list.get("event"));
        assertTrue(FilterParser.parse(null).isEmpty());
        assertThrows(InvalidParameterError.class, () -> FilterParser.parse("notjson"));
        assertThrows(InvalidParameterError.class, () -> FilterParser.parse("[1]"));
        assertThrows(InvalidParameterError.class, () -> FilterParser.parse("{\"a\":1}"));
    }

    @Test
    void serveApiNeedsProtoAddrArguments() {
        InvalidParameterError none = assertThrows(InvalidParameterError.class, () -> ServeApiJob.parse(List.of()));
        assertEquals(ServeApiJob.USAGE, none.getMessage());
        assertThrows(InvalidParameterError.class, () -> ServeApiJob.parse(List.of("bogus")));
        assertThrows(InvalidParameterError.class, () -> ServeApiJob.parse(List.of("unix://")));
        assertEquals("tcp", ServeApiJob.parse(List.of("unix:///a.sock", "tcp://127.0.0.1:0")).get(1)[0]);
    }
}
