package wharf.engine.api.image;

import java.util.List;

/**
 * The {@code image_save} job's input, {@code GET /images/{name}/get} and
 * {@code GET /images/get?names=…}. The job writes a docker-archive tar to its stdout; it resolves
 * every name before it writes the first byte, so a missing image is a clean
 * {@link wharf.engine.api.NotFoundError} when the route opens its response lazily.
 *
 * @param names references or IDs; a reference keeps its tag in the archive, an ID saves the
 *              image untagged
 */
public record SaveImages(List<String> names) {
    public SaveImages {
        names = List.copyOf(names);
    }
}
