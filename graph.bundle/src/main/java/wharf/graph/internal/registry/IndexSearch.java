package wharf.graph.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import wharf.engine.api.Cancellation;
import wharf.engine.api.CancelledError;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.SearchResult;
import wharf.engine.api.image.SearchResults;

/**
 * {@code GET /images/search}: the v1 search API of Docker Hub's index ({@code
 * https://index.docker.io/v1/search?q=…&n=…}), or of the registry the term names
 * ({@code 127.0.0.1:5000/bb}), with dockerd's filters applied to what it returns.
 */
final class IndexSearch {
    static final int DEFAULT_LIMIT = 25;
    private static final int MAX_RESPONSE = 8 * 1024 * 1024;
    private static final Set<String> FILTERS = Set.of("is-automated", "is-official", "stars");

    private final HttpClient http;
    private final Endpoints endpoints;
    private final String userAgent;
    private final Duration timeout;

    IndexSearch(HttpClient http, Endpoints endpoints, String userAgent, Duration timeout) {
        this.http = http;
        this.endpoints = endpoints;
        this.userAgent = userAgent;
        this.timeout = timeout;
    }

    SearchResults search(String term, int limit, Filters filters, Credentials credentials, Cancellation cancellation) {
        int n = limit == 0 ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > 100) {
            throw new InvalidParameterError("Limit " + limit + " is outside the range of [1, 100]");
        }
        filters.validate(FILTERS);
        Boolean automated = bool(filters, "is-automated");
        Boolean official = bool(filters, "is-official");
        int stars = stars(filters);

        String[] split = split(term);
        String remote = Endpoints.isHub(split[0]) && split[1].startsWith("library/")
                ? split[1].substring("library/".length()) : split[1];
        URI uri = URI.create(endpoints.index(split[0]) + "/v1/search?q="
                + URLEncoder.encode(remote, StandardCharsets.UTF_8) + "&n=" + n);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent).GET();
        if (credentials.hasBasic()) {
            request.header("Authorization", credentials.basicHeader());
        }
        JsonNode doc = fetch(request.build(), cancellation);

        List<SearchResult> results = new ArrayList<>();
        for (JsonNode r : doc.path("results")) {
            SearchResult result = new SearchResult(r.path("star_count").asInt(), r.path("is_official").asBoolean(),
                    r.path("name").asText(""), r.path("is_automated").asBoolean(), r.path("description").asText(""));
            if ((automated == null || automated == result.automated())
                    && (official == null || official == result.official())
                    && result.starCount() >= stars) {
                results.add(result);
            }
        }
        return new SearchResults(results);
    }

    private JsonNode fetch(HttpRequest request, Cancellation cancellation) {
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try (var onCancel = cancellation.onCancel(() -> future.cancel(true))) {
            response = future.get();
        } catch (CancellationException e) {
            throw new CancelledError("the caller went away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledError("interrupted", e);
        } catch (ExecutionException e) {
            throw new SystemError(GoErrors.urlError("GET", request.uri(), GoErrors.transport(request.uri(), e.getCause())),
                    e.getCause());
        }
        if (response.statusCode() != 200) {
            RegistrySession.drain(response);
            throw new SystemError("Unexpected status code " + response.statusCode());
        }
        try {
            return Manifests.JSON.readTree(Bounded.readAll(response.body(), MAX_RESPONSE, "search response"));
        } catch (IOException e) {
            throw new SystemError("error decoding search results: " + e.getMessage(), e);
        }
    }

    /** dockerd's {@code splitReposSearchTerm}: the index a term names, and what to look for there. */
    static String[] split(String term) {
        String[] parts = term.split("/", 2);
        if (parts.length == 1 || (!parts[0].contains(".") && !parts[0].contains(":") && !parts[0].equals("localhost"))) {
            return new String[] {Endpoints.HUB_DOMAIN, term};
        }
        return parts;
    }

    private static Boolean bool(Filters filters, String key) {
        Boolean value = null;
        for (String v : filters.get(key)) {
            if (!v.equals("true") && !v.equals("false") && !v.equals("1") && !v.equals("0")) {
                throw new InvalidParameterError("Invalid filter '" + key + "=" + v + "'");
            }
            value = v.equals("true") || v.equals("1");
        }
        return value;
    }

    private static int stars(Filters filters) {
        int min = 0;
        for (String v : filters.get("stars")) {
            try {
                min = Math.max(min, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new InvalidParameterError("Invalid filter 'stars=" + v + "'");
            }
        }
        return min;
    }
}
