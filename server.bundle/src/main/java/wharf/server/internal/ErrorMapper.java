package wharf.server.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.JobError;
import wharf.server.api.ApiVersion;

/**
 * The one place where failures become answers: a typed error's kind picks dockerd's status, the
 * message goes out as {@code {"message": …}} (plain text below API 1.24, as dockerd did).
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** Errors became JSON in API 1.24. */
    static final ApiVersion JSON_ERRORS = new ApiVersion(1, 24);

    private ErrorMapper() {
    }

    static int status(JobError.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID_PARAMETER -> 400;
            case NOT_MODIFIED -> 304;
            case FORBIDDEN -> 403;
            case UNAUTHORIZED -> 401;
            case UNAVAILABLE -> 503;
            case CANCELLED -> 499;
            case SYSTEM -> 500;
        };
    }

    /** Answers the failure, or logs it when the answer can no longer be written. */
    static void handle(HttpServletRequest req, HttpServletResponse resp, ApiVersion version, Throwable failure) {
        if (clientGone(failure)) {
            LOG.info("{} {}: the client went away ({})", req.getMethod(), req.getRequestURI(), failure.getMessage());
            return;
        }
        int status = failure instanceof JobError e ? status(e.kind()) : 500;
        String message = message(failure);
        if (status >= 500) {
            LOG.error("Handler for {} {} returned error: {}", req.getMethod(), req.getRequestURI(), message, failure);
        } else {
            LOG.debug("{} {} -> {}: {}", req.getMethod(), req.getRequestURI(), status, message);
        }
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        try {
            if (status == 304) {
                resp.setStatus(304);
                return;
            }
            write(resp, status, message, version);
        } catch (IOException e) {
            LOG.info("{} {}: could not send the error ({})", req.getMethod(), req.getRequestURI(), e.getMessage());
        }
    }

    /** Writes an error body in the form the API version expects. */
    static void write(HttpServletResponse resp, int status, String message, ApiVersion version) throws IOException {
        resp.setStatus(status);
        byte[] body;
        if (version != null && version.isBefore(JSON_ERRORS)) {
            resp.setContentType("text/plain; charset=utf-8");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            resp.setContentType("application/json");
            body = (Json.MAPPER.writeValueAsString(Map.of("message", message)) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static String message(Throwable failure) {
        String m = failure.getMessage();
        return m == null || m.isBlank() ? failure.getClass().getSimpleName() : m;
    }

    /** A broken connection, or a job that ended because its caller left. */
    static boolean clientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EofException || c instanceof JobError e && e.kind() == JobError.Kind.CANCELLED) {
                return true;
            }
            if (c instanceof IOException && c.getMessage() != null
                    && (c.getMessage().contains("Broken pipe") || c.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
