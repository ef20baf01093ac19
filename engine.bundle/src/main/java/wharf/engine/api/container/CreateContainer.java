package wharf.engine.api.container;

import wharf.engine.api.image.ContainerConfig;

/**
 * {@code POST /containers/create}: the body's {@code Config} fields and its {@code HostConfig}.
 *
 * @param name the {@code name} parameter; empty for a generated one
 * @param config what the container runs; {@code Image} names the image
 * @param hostConfig how it runs on this host; never null
 */
public record CreateContainer(String name, ContainerConfig config, HostConfig hostConfig) {
}
