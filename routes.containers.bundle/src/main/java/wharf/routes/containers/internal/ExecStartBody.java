package wharf.routes.containers.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /exec/{id}/start}: {@code {"Detach":false,"Tty":false}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ExecStartBody(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty) {
}
