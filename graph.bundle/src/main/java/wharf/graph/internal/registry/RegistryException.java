package wharf.graph.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnauthorizedError;

/**
 * A registry answered with an error status. Holds the errors of its JSON body ({@code
 * {"errors":[{"code","message","detail"}]}}) and prints them as distribution's Go client does
 * ({@code manifest unknown: manifest unknown}), since dockerd's messages are built from that
 * text. Not a {@link JobError}: the caller knows what was asked and turns it into one
 * ({@link #toJobError()} when nothing more specific applies).
 */
final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** distribution's registered error codes and the message each has when the body gives none. */
    private static final Map<String, String> DEFAULT_MESSAGES = Map.ofEntries(
            Map.entry("UNKNOWN", "unknown error"),
            Map.entry("UNSUPPORTED", "The operation is unsupported."),
            Map.entry("UNAUTHORIZED", "authentication required"),
            Map.entry("DENIED", "requested access to the resource is denied"),
            Map.entry("UNAVAILABLE", "service unavailable"),
            Map.entry("TOOMANYREQUESTS", "too many requests"),
            Map.entry("DIGEST_INVALID", "provided digest did not match uploaded content"),
            Map.entry("SIZE_INVALID", "provided length did not match content length"),
            Map.entry("NAME_INVALID", "invalid repository name"),
            Map.entry("TAG_INVALID", "manifest tag did not match URI"),
            Map.entry("NAME_UNKNOWN", "repository name not known to registry"),
            Map.entry("MANIFEST_UNKNOWN", "manifest unknown"),
            Map.entry("MANIFEST_INVALID", "manifest invalid"),
            Map.entry("MANIFEST_UNVERIFIED", "manifest failed signature verification"),
            Map.entry("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"),
            Map.entry("BLOB_UNKNOWN", "blob unknown to registry"),
            Map.entry("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry"),
            Map.entry("BLOB_UPLOAD_INVALID", "blob upload invalid"),
            Map.entry("PAGINATION_NUMBER_INVALID", "invalid number of results requested"),
            Map.entry("RANGE_INVALID", "invalid content range"));

    /** Go's {@code http.StatusText} for the statuses registries answer with. */
    private static final Map<Integer, String> STATUS_TEXT = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(413, "Request Entity Too Large"), Map.entry(416, "Requested Range Not Satisfiable"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    /** One entry of the body's {@code errors}; {@code code} is a registered code or UNKNOWN. */
    record Entry(String code, String message) {
        @Override
        public String toString() {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }

    private final int status;
    private final List<Entry> entries;

    private RegistryException(int status, List<Entry> entries, String message) {
        super(message);
        this.status = status;
        this.entries = List.copyOf(entries);
    }

    int status() {
        return status;
    }

    List<Entry> entries() {
        return entries;
    }

    /** True when the registry gave this error code. */
    boolean has(String code) {
        return entries.stream().anyMatch(e -> e.code().equals(code));
    }

    /** The first error's code, or empty when the body had none. */
    String firstCode() {
        return entries.isEmpty() ? "" : entries.get(0).code();
    }

    /** Authentication failures as such, refusals as forbidden, anything else a system error. */
    JobError toJobError() {
        if (status == 401 || has("UNAUTHORIZED")) {
            return new UnauthorizedError(getMessage(), this);
        }
        if (has("DENIED")) {
            return new ForbiddenError(getMessage(), this);
        }
        return new SystemError(getMessage(), this);
    }

    static String statusText(int status) {
        return STATUS_TEXT.getOrDefault(status, "");
    }

    /**
     * Reads an error answer as distribution's {@code HandleErrorResponse}: an OAuth error in a
     * bearer challenge, a legacy {@code {"details": …}} body, the {@code errors} list; a 4xx body
     * that is none of these is reported as unparsable (a 401 as plain "unauthorized"), a 5xx as
     * an unexpected status.
     */
    static RegistryException of(int status, List<Challenge> challenges, byte[] body) {
        if (status < 400 || status >= 500) {
            return new RegistryException(status, List.of(),
                    "received unexpected HTTP status: " + status + " " + statusText(status));
        }
        List<Entry> entries = new ArrayList<>();
        for (Challenge c : challenges) {
            if (c.isBearer()) {
                String code = switch (c.parameter("error")) {
                    case "invalid_token" -> "UNAUTHORIZED";
                    case "insufficient_scope" -> "DENIED";
                    default -> null;
                };
                if (code != null) {
                    String description = c.parameter("error_description");
                    entries.add(new Entry(code, description.isEmpty() ? DEFAULT_MESSAGES.get(code) : description));
                }
            }
        }
        JsonNode doc = parse(body);
        if (doc != null && doc.path("details").isTextual() && !doc.path("details").asText().isEmpty()) {
            String code = switch (status) {
                case 401 -> "UNAUTHORIZED";
                case 429 -> "TOOMANYREQUESTS";
                default -> "UNKNOWN";
            };
            entries.add(new Entry(code, doc.path("details").asText()));
        } else if (doc != null && doc.path("errors").isArray() && !doc.path("errors").isEmpty()) {
            for (JsonNode e : doc.path("errors")) {
                String code = e.path("code").asText("");
                if (!DEFAULT_MESSAGES.containsKey(code)) {
                    code = "UNKNOWN";
                }
                String message = e.path("message").asText("");
                entries.add(new Entry(code, message.isEmpty() ? DEFAULT_MESSAGES.get(code) : message));
            }
        } else if (entries.isEmpty()) {
            if (status == 401) {
                entries.add(new Entry("UNAUTHORIZED", DEFAULT_MESSAGES.get("UNAUTHORIZED")));
            } else {
                String reason = doc == null ? "unexpected end of JSON input" : "no error details found in HTTP response body";
                return new RegistryException(status, List.of(), "error parsing HTTP " + status + " response body: "
                        + reason + ": " + quote(new String(body, StandardCharsets.UTF_8)));
            }
        }
        return new RegistryException(status, entries, format(entries));
    }

    /** errcode's {@code Errors.Error()}: one error alone, several as a list. */
    private static String format(List<Entry> entries) {
        if (entries.size() == 1) {
            return entries.get(0).toString();
        }
        StringBuilder sb = new StringBuilder("errors:\n");
        entries.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Manifests.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Go's {@code strconv.Quote} for printable text. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "\"";
    }
}
