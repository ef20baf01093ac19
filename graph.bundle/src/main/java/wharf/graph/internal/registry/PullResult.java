package wharf.graph.internal.registry;

/**
 * What a pull ended with.
 *
 * @param digest  the digest the reference resolved to, as {@code Digest:} reported it
 * @param imageId the config's digest, the image's ID
 * @param updated true when the reference moved ({@code Downloaded newer image})
 */
public record PullResult(String digest, String imageId, boolean updated) {
}
