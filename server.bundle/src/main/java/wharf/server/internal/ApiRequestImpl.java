package wharf.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

final class ApiRequestImpl implements ApiRequest {
    private final HttpServletRequest servlet;
    private final ApiVersion version;
    private final Map<String, String> variables;
    private final ServerInfo server;
    private final Cancellation cancellation;
    private Map<String, List<String>> query;
    private Filters filters;

    ApiRequestImpl(HttpServletRequest servlet, ApiVersion version, Map<String, String> variables, ServerInfo server,
            Cancellation cancellation) {
        this.servlet = servlet;
        this.version = version;
        this.variables = variables;
        this.server = server;
        this.cancellation = cancellation;
    }

    @Override
    public HttpServletRequest servlet() {
        return servlet;
    }

    @Override
    public ApiVersion version() {
        return version;
    }

    @Override
    public ServerInfo server() {
        return server;
    }

    @Override
    public Peer peer() {
        return Peers.of(servlet);
    }

    @Override
    public String var(String name) {
        String v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no variable '" + name + "'");
        }
        return v;
    }

    private Map<String, List<String>> queryMap() {
        if (query == null) {
            query = QueryString.parse(servlet.getQueryString());
        }
        return query;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> v = queryMap().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        return queryMap().getOrDefault(name, List.of());
    }

    @Override
    public long integer(String name, long fallback) {
        Optional<String> v = query(name).filter(s -> !s.isBlank());
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterError("strconv.ParseInt: parsing \"" + v.get() + "\": invalid syntax", e);
        }
    }

    @Override
    public Filters filters() {
        if (filters == null) {
            filters = FilterParser.parse(query("filters").orElse(null));
        }
        return filters;
    }

    @Override
    public String header(String name) {
        return servlet.getHeader(name);
    }

    @Override
    public <T> T json(Class<T> type) {
        long length = servlet.getContentLengthLong();
        if (length == 0) {
            return null;
        }
        String contentType = servlet.getContentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new InvalidParameterError("Content-Type specified (" + (contentType == null ? "" : contentType)
                    + ") must be 'application/json'");
        }
        if (length > DEFAULT_JSON_LIMIT) {
            throw new InvalidParameterError("request body is too large: " + length + " bytes, at most "
                    + DEFAULT_JSON_LIMIT);
        }
        try (InputStream in = new LimitedInputStream(servlet.getInputStream(), DEFAULT_JSON_LIMIT)) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return null;
            }
            return Json.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterError("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream body() {
        try {
            return servlet.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Stops reading past the limit with a client error instead of filling memory. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long remaining;
        private final long limit;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, remaining + 1));
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw new InvalidParameterError("request body is too large: more than " + limit + " bytes");
                }
            }
            return n;
        }
    }
}
