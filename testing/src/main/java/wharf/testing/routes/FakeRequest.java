package wharf.testing.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiVersion;
import wharf.server.api.Peer;
import wharf.server.api.ServerInfo;

/** A request as the server's router hands it over, built by a test. */
public final class FakeRequest implements ApiRequest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, String> vars = new HashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final Cancellation cancellation = new Cancellation();
    private ApiVersion version = ApiVersion.parse("1.47");
    private Filters filters = Filters.empty();
    private byte[] body = new byte[0];

    public FakeRequest var(String name, String value) {
        vars.put(name, value);
        return this;
    }

    public FakeRequest param(String name, String value) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public FakeRequest header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public FakeRequest version(String v) {
        version = ApiVersion.parse(v);
        return this;
    }

    public FakeRequest filters(Filters f) {
        filters = f;
        return this;
    }

    public FakeRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public FakeRequest body(byte[] bytes) {
        body = bytes;
        return this;
    }

    @Override
    public HttpServletRequest servlet() {
        throw new UnsupportedOperationException("handlers use the ApiRequest helpers");
    }

    @Override
    public ApiVersion version() {
        return version;
    }

    @Override
    public ServerInfo server() {
        return new ServerInfo("0.1.0", ApiVersion.parse("1.47"), ApiVersion.parse("1.24"));
    }

    @Override
    public Peer peer() {
        return Peer.unknown(Peer.Transport.UNIX);
    }

    @Override
    public String var(String name) {
        String v = vars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no variable '" + name + "'");
        }
        return v;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public long integer(String name, long fallback) {
        Optional<String> v = query(name).filter(s -> !s.isBlank());
        try {
            return v.map(s -> Long.parseLong(s.trim())).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new InvalidParameterError("strconv.ParseInt: parsing \"" + v.get() + "\": invalid syntax", e);
        }
    }

    @Override
    public Filters filters() {
        return filters;
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** As the server's: null for no body, a client error for malformed JSON. */
    @Override
    public <T> T json(Class<T> type) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterError("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream body() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }
}
