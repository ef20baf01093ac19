package wharf.graph.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import wharf.graph.internal.registry.PullTarget;
import wharf.graph.internal.registry.RegistryClient;

/**
 * The daemon's one registry client, and the image store as its pull target, for the pull, push,
 * auth and search jobs. There is one client per daemon because it holds what pulls share: the
 * HTTP connections, bearer tokens, and the downloads in flight; it closes with this component.
 * <p>
 * Registries named in {@value #INSECURE_REGISTRIES} (the launcher's {@code --insecure-registry},
 * comma-separated {@code host[:port]} names and CIDR blocks) are reached over plain HTTP, as is
 * 127.0.0.0/8 always, as in dockerd.
 */
@Component(service = Registries.class)
public final class Registries {
    /** Framework property the launcher sets from {@code --insecure-registry} and daemon.json. */
    static final String INSECURE_REGISTRIES = "wharf.insecure.registries";
    /** dockerd's {@code max-concurrent-downloads} and {@code max-concurrent-uploads}. */
    private static final int DOWNLOADS = 3;
    private static final int UPLOADS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RegistryClient client;
    private final PullTarget target;

    @Activate
    public Registries(BundleContext context, @Reference ImageStore store) {
        this(store, insecureRegistries(context.getProperty(INSECURE_REGISTRIES)),
                "wharf/" + context.getBundle().getVersion());
    }

    Registries(ImageStore store, List<String> insecureRegistries, String userAgent) {
        this.client = new RegistryClient(
                new RegistryClient.Config(insecureRegistries, DOWNLOADS, UPLOADS, TIMEOUT, userAgent));
        this.target = new StorePullTarget(store);
    }

    @Deactivate
    void close() {
        client.close();
    }

    RegistryClient client() {
        return client;
    }

    PullTarget target() {
        return target;
    }

    /** The property's comma-separated entries; none when it is unset. */
    static List<String> insecureRegistries(String property) {
        if (property == null) {
            return List.of();
        }
        return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
