package wharf.engine.api.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The {@code image_commit} job's input: what a container gives its new image.
 *
 * @param layer           the container's writable layer on the host: an overlayfs upper dir, whose
 *                        whiteouts (0/0 character devices, {@code trusted.overlay.opaque} dirs) are
 *                        deletions; read, never changed
 * @param excluded        absolute paths in the container that are the runtime's, not the
 *                        container's (mount points, bind-mounted files): left out of the layer with
 *                        what is under them
 * @param parentImageId   the container's image ({@code sha256:…})
 * @param containerId     the container's full ID, the config's {@code container}
 * @param containerConfig the container's config: the new config's base and its {@code container_config}
 * @param config          a config to start from instead of the container's, or null
 * @param author          the image's and history entry's author
 * @param comment         the history entry's comment
 * @param changes         Dockerfile instructions applied to the config
 * @param repo            the repository to tag the image in; empty for none
 * @param tag             the tag; empty for {@code latest}
 */
public record CommitImage(Path layer, Set<String> excluded, String parentImageId, String containerId, ContainerConfig containerConfig,
        ContainerConfig config, String author, String comment, List<String> changes, String repo, String tag) {
    public CommitImage {
        excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
        author = author == null ? "" : author;
        comment = comment == null ? "" : comment;
        changes = changes == null ? List.of() : List.copyOf(changes);
        repo = repo == null ? "" : repo;
        tag = tag == null ? "" : tag;
    }
}
