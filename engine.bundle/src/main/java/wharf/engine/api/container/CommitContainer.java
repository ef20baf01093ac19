package wharf.engine.api.container;

import java.util.List;

import wharf.engine.api.image.ContainerConfig;

/**
 * The {@code commit} job's input, {@code POST /commit}.
 *
 * @param container the container, by ID, ID prefix or name
 * @param repo      the repository to tag the new image in; empty for none
 * @param tag       the tag within it; empty for {@code latest}
 * @param comment   the history entry's comment
 * @param author    the image's author
 * @param changes   Dockerfile instructions applied to the image's config ({@code ENV X=1}, {@code CMD …})
 * @param pause     freeze a running container while its layer is read
 * @param config    the config to start from instead of the container's; null for the container's
 */
public record CommitContainer(String container, String repo, String tag, String comment, String author,
        List<String> changes, boolean pause, ContainerConfig config) {
    public CommitContainer {
        repo = repo == null ? "" : repo;
        tag = tag == null ? "" : tag;
        comment = comment == null ? "" : comment;
        author = author == null ? "" : author;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
