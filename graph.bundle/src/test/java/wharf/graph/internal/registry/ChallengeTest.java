package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void bearerWithQuotedParameters() {
        List<Challenge> c = Challenge.parse(List.of(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:library/busybox:pull\""));
        assertEquals(List.of(new Challenge("bearer", Map.of("realm", "https://auth.docker.io/token",
                "service", "registry.docker.io", "scope", "repository:library/busybox:pull"))), c);
    }

    @Test
    void severalChallengesTokensAndEscapes() {
        List<Challenge> c = Challenge.parse(List.of("Basic realm=\"basic-realm\", Bearer realm=x, error=\"invalid_token\", "
                + "error_description=\"say \\\"hi\\\"\"", "Negotiate"));
        assertEquals(3, c.size());
        assertEquals(new Challenge("basic", Map.of("realm", "basic-realm")), c.get(0));
        assertEquals("x", c.get(1).parameter("realm"));
        assertEquals("invalid_token", c.get(1).parameter("error"));
        assertEquals("say \"hi\"", c.get(1).parameter("error_description"));
        assertEquals(new Challenge("negotiate", Map.of()), c.get(2));
    }

    @Test
    void garbageYieldsNothingUseful() {
        assertEquals(List.of(), Challenge.parse(List.of("", "  ,  ")));
        assertEquals(List.of(), Challenge.parse(List.of("=broken")));
    }
}
