package wharf.engine.api.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code aux} a push ends with: {@code {"Tag":"1","Digest":"sha256:…","Size":527}}. */
public record PushResult(@JsonProperty("Tag") String tag, @JsonProperty("Digest") String digest,
        @JsonProperty("Size") long size) {
}
