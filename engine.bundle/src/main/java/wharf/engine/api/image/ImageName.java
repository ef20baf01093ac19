package wharf.engine.api.image;

import java.util.Objects;

/**
 * An image as a client names it: a reference ({@code busybox}, {@code busybox:1.36},
 * {@code busybox@sha256:…}), a full ID ({@code sha256:…} or 64 hex digits) or an unambiguous ID
 * prefix. The input of {@code image_inspect} and {@code image_history}.
 */
public record ImageName(String name) {
    public ImageName {
        Objects.requireNonNull(name, "name");
    }
}
