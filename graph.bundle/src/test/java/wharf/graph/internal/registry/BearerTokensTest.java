package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.image.AuthConfig;

/** The token cache against a realm on 127.0.0.1 and a clock the test moves. */
@Timeout(30)
class BearerTokensTest {
    private HttpServer realm;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"token\":\"t%d\",\"expires_in\":120}";
    private final MutableClock clock = new MutableClock();
    private BearerTokens tokens;
    private Challenge challenge;

    @BeforeEach
    void start() throws IOException {
        realm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        realm.createContext("/token", exchange -> {
            try (exchange) {
                queries.add(exchange.getRequestURI().getRawQuery());
                byte[] body = answer.formatted(issued.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        realm.start();
        tokens = new BearerTokens(HttpClient.newHttpClient(), clock, "test", Duration.ofSeconds(5));
        challenge = new Challenge("bearer", Map.of("realm", "http://127.0.0.1:" + realm.getAddress().getPort() + "/token",
                "service", "svc"));
    }

    @AfterEach
    void stop() {
        realm.stop(0);
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpires() throws Exception {
        Credentials user = Credentials.of(new AuthConfig("u", "p", null, null, null, null, null));
        List<String> pull = List.of("repository:bb:pull");
        assertEquals("t1", tokens.token(challenge, pull, user));
        clock.advance(Duration.ofSeconds(100));
        assertEquals("t1", tokens.token(challenge, pull, user));
        clock.advance(Duration.ofSeconds(16));
        assertEquals("t2", tokens.token(challenge, pull, user));
        assertEquals("service=svc&scope=repository%3Abb%3Apull", queries.get(0));
    }

    @Test
    void scopesAndCredentialsGetTokensOfTheirOwn() throws Exception {
        Credentials a = Credentials.of(new AuthConfig("a", "p", null, null, null, null, null));
        Credentials b = Credentials.of(new AuthConfig("b", "p", null, null, null, null, null));
        String first = tokens.token(challenge, List.of("repository:bb:pull"), a);
        assertNotEquals(first, tokens.token(challenge, List.of("repository:bb:pull,push"), a));
        assertNotEquals(first, tokens.token(challenge, List.of("repository:bb:pull"), b));
        assertEquals(first, tokens.token(challenge, List.of("repository:bb:pull"), a));
        tokens.forget(challenge, List.of("repository:bb:pull"), a);
        assertNotEquals(first, tokens.token(challenge, List.of("repository:bb:pull"), a));
    }

    @Test
    void shortLifetimesCountAsAMinuteAndBadAnswersFail() throws Exception {
        answer = "{\"access_token\":\"a%d\",\"token\":\"ignored\",\"expires_in\":1}";
        assertEquals("a1", tokens.token(challenge, List.of(), Credentials.NONE));
        clock.advance(Duration.ofSeconds(50));
        assertEquals("a1", tokens.token(challenge, List.of(), Credentials.NONE));
        answer = "{\"expires_in\":300}";
        assertThrows(IOException.class, () -> tokens.token(challenge, List.of("other"), Credentials.NONE));
    }

    @Test
    void aRegistryTokenIsUsedAsItIs() throws Exception {
        Credentials bearer = Credentials.of(new AuthConfig(null, null, null, null, null, null, "given"));
        assertEquals("given", tokens.token(challenge, List.of("repository:bb:pull"), bearer));
        assertEquals(0, issued.get());
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
