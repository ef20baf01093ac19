package wharf.engine.api.image;

/**
 * The {@code tag} job's input, {@code POST /images/{name}/tag?repo=…&tag=…}.
 *
 * @param source the image to tag, as {@link ImageName} accepts it
 * @param repo   the new repository, possibly with its tag ({@code imp:1}, as {@code docker tag} sends)
 * @param tag    the tag; empty or null keeps the one in {@code repo}, else {@code latest}
 */
public record TagImage(String source, String repo, String tag) {
}
