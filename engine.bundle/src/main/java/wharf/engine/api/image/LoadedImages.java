package wharf.engine.api.image;

import java.util.List;

/**
 * What {@code load} added: the familiar references it tagged ({@code busybox:latest}) and the
 * IDs of images it loaded without a tag. The job also streamed one {@code Loaded image: …} or
 * {@code Loaded image ID: …} line for each.
 */
public record LoadedImages(List<String> references, List<String> ids) {
    public LoadedImages {
        references = List.copyOf(references);
        ids = List.copyOf(ids);
    }
}
