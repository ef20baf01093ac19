package wharf.engine.api.image;

import java.nio.file.Path;
import java.util.List;

/**
 * What a container needs of its image: the image's ID ({@code sha256:…}), the config its
 * container starts from, and the unpacked layer dirs, lowest first, to stack as its rootfs.
 */
public record ImageRootfs(String id, ContainerConfig config, List<Path> layers) {
    public ImageRootfs {
        layers = List.copyOf(layers);
    }
}
