package wharf.engine.api.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"Error":null,"StatusCode":0}} as dockerd writes it. */
public record WaitResult(@JsonProperty("Error") @JsonInclude(JsonInclude.Include.ALWAYS) Error error,
        @JsonProperty("StatusCode") long statusCode) {

    public static WaitResult of(long statusCode) {
        return new WaitResult(null, statusCode);
    }

    /** Why waiting failed. */
    public record Error(@JsonProperty("Message") String message) {
    }
}
