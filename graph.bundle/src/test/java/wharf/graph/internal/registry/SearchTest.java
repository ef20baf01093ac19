package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.SearchResult;

/**
 * Search against an index on 127.0.0.1 that answers as Docker Hub's v1 search does (the real
 * one is out of reach here); the unreachable case is in {@link PlainRegistryTest}.
 */
@Timeout(30)
class SearchTest {
    private HttpServer index;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private RegistryClient client;

    @BeforeEach
    void start() throws IOException {
        index = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        index.createContext("/v1/search", exchange -> {
            try (exchange) {
                queries.add(exchange.getRequestURI().getRawQuery());
                byte[] body = ("{\"num_results\":3,\"query\":\"bb\",\"results\":["
                        + "{\"name\":\"bb\",\"description\":\"the official one\",\"star_count\":120,\"is_official\":true,\"is_automated\":false},"
                        + "{\"name\":\"someone/bb\",\"description\":\"\",\"star_count\":3,\"is_official\":false,\"is_automated\":true},"
                        + "{\"name\":\"other/bb\",\"description\":\"x\",\"star_count\":40,\"is_official\":false,\"is_automated\":false}]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        index.start();
        client = new RegistryClient(RegistryClient.Config.defaults(List.of()));
    }

    @AfterEach
    void stop() {
        client.close();
        index.stop(0);
    }

    @Test
    void resultsAsTheIndexSendsThem() {
        List<SearchResult> results = client.search(domain() + "/bb", 0, null, AuthConfig.ANONYMOUS, new Cancellation())
                .results();
        assertEquals(List.of("q=bb&n=25"), queries);
        assertEquals(new SearchResult(120, true, "bb", false, "the official one"), results.get(0));
        assertEquals(3, results.size());
    }

    @Test
    void dockerdsFiltersApply() {
        Filters official = Filters.of(Map.of("is-official", List.of("true")));
        assertEquals(List.of("bb"), names(client.search(domain() + "/bb", 10, official, AuthConfig.ANONYMOUS,
                new Cancellation()).results()));
        Filters stars = Filters.of(Map.of("stars", List.of("10"), "is-automated", List.of("false")));
        assertEquals(List.of("bb", "other/bb"), names(client.search(domain() + "/bb", 10, stars, AuthConfig.ANONYMOUS,
                new Cancellation()).results()));
        assertEquals("q=bb&n=10", queries.get(0));

        InvalidParameterError badValue = assertThrows(InvalidParameterError.class, () -> client.search(domain() + "/bb",
                10, Filters.of(Map.of("stars", List.of("many"))), AuthConfig.ANONYMOUS, new Cancellation()));
        assertEquals("Invalid filter 'stars=many'", badValue.getMessage());
        assertThrows(InvalidParameterError.class, () -> client.search(domain() + "/bb", 10,
                Filters.of(Map.of("bogus", List.of("1"))), AuthConfig.ANONYMOUS, new Cancellation()));
        InvalidParameterError limit = assertThrows(InvalidParameterError.class, () -> client.search(domain() + "/bb",
                101, null, AuthConfig.ANONYMOUS, new Cancellation()));
        assertEquals("Limit 101 is outside the range of [1, 100]", limit.getMessage());
    }

    @Test
    void termsNameTheirIndexAsDockerdSplitsThem() {
        assertEquals(List.of("docker.io", "busybox"), List.of(IndexSearch.split("busybox")));
        assertEquals(List.of("docker.io", "user/app"), List.of(IndexSearch.split("user/app")));
        assertEquals(List.of("localhost", "app"), List.of(IndexSearch.split("localhost/app")));
        assertEquals(List.of("reg.example:5000", "a/b"), List.of(IndexSearch.split("reg.example:5000/a/b")));
    }

    private String domain() {
        return "127.0.0.1:" + index.getAddress().getPort();
    }

    private static List<String> names(List<SearchResult> results) {
        return results.stream().map(SearchResult::name).toList();
    }
}
