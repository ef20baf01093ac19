package wharf.engine.api.container;

/**
 * A path in a container: {@code GET}/{@code HEAD /containers/{name}/archive?path=} and the seed's
 * {@code POST /containers/{name}/copy} with {@code {"Resource": path}}. The path is taken as
 * absolute inside the container's root filesystem; a trailing {@code /} or {@code /.} keeps
 * {@code docker cp}'s meaning (the directory itself, or its contents).
 */
public record ContainerPath(String name, String path) {
}
