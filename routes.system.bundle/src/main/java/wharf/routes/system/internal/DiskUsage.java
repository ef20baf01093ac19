package wharf.routes.system.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import wharf.engine.api.Engine;
import wharf.engine.api.Filters;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerSummary;
import wharf.engine.api.container.ListContainers;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.ImageSummary;
import wharf.engine.api.image.ListImages;

/**
 * {@code GET /system/df} as dockerd 20.10 answers it: the layers' bytes, the top-level images
 * with their shared size and how many containers use each, every container with its sizes, no
 * volumes and no build cache (this daemon has neither). A part whose backend bundle is not
 * running is empty.
 */
record DiskUsage(
        @JsonProperty("LayersSize") long layersSize,
        @JsonProperty("Images") List<ImageSummary> images,
        @JsonProperty("Containers") List<ContainerSummary> containers,
        @JsonProperty("Volumes") List<Object> volumes,
        @JsonProperty("BuildCache") List<Object> buildCache,
        @JsonProperty("BuilderSize") long builderSize) {

    /**
     * Gathers the parts through their jobs.
     *
     * @param virtualSize whether the API version still has the images' {@code VirtualSize} (below 1.44)
     */
    static DiskUsage gather(Engine engine, boolean virtualSize) {
        List<ContainerSummary> containers = engine.handles(ContainerJobs.CONTAINERS)
                ? engine.run(ContainerJobs.CONTAINERS, new ListContainers(true, 0, true, Filters.empty())).containers()
                : List.of();
        Map<String, Long> uses = new HashMap<>();
        containers.forEach(c -> uses.merge(c.imageId(), 1L, Long::sum));
        List<ImageSummary> images = engine.handles(ImageJobs.IMAGES)
                ? engine.run(ImageJobs.IMAGES, new ListImages(false, false, Filters.empty(), true)).images().stream()
                        .map(i -> withContainers(i, uses.getOrDefault(i.id(), 0L), virtualSize)).toList()
                : List.of();
        long layers = engine.handles(ImageJobs.LAYERS_SIZE) ? engine.run(ImageJobs.LAYERS_SIZE, null) : 0;
        return new DiskUsage(layers, images, containers, List.of(), null, 0);
    }

    private static ImageSummary withContainers(ImageSummary i, long containers, boolean virtualSize) {
        return new ImageSummary(containers, i.created(), i.id(), i.labels(), i.parentId(), i.repoDigests(),
                i.repoTags(), i.sharedSize(), i.size(), virtualSize ? Long.valueOf(i.size()) : i.virtualSize());
    }
}
