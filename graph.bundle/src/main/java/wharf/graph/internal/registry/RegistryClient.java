package wharf.graph.internal.registry;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import wharf.engine.api.Cancellation;
import wharf.engine.api.Filters;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.PushResult;
import wharf.engine.api.image.Reference;
import wharf.engine.api.image.SearchResults;

/**
 * The Registry HTTP API v2 (OCI distribution) client behind the {@code pull}, {@code push},
 * {@code auth} and {@code search} jobs. One instance serves the daemon: it holds the HTTP
 * client, the bearer tokens, and the downloads in flight that concurrent pulls share; close it
 * when the store goes.
 * <p>
 * Every operation reports with dockerd's words through the job's {@link Progress}, throws
 * {@link wharf.engine.api.JobError}s with dockerd's messages ({@code NotFoundError} for a
 * missing manifest, {@code UnauthorizedError} for refused credentials, {@code SystemError} for
 * an unreachable registry), and stops when the job's {@link Cancellation} fires.
 */
public final class RegistryClient implements AutoCloseable {

    /**
     * @param insecureRegistries     {@code --insecure-registry}: {@code host[:port]} names and CIDR
     *                               blocks reached over plain HTTP, besides loopback
     * @param maxConcurrentDownloads dockerd's {@code max-concurrent-downloads} (3)
     * @param maxConcurrentUploads   dockerd's {@code max-concurrent-uploads} (5)
     * @param timeout                for connecting and for each response's headers
     * @param userAgent              sent with every request
     */
    public record Config(List<String> insecureRegistries, int maxConcurrentDownloads, int maxConcurrentUploads,
            Duration timeout, String userAgent) {
        public Config {
            insecureRegistries = List.copyOf(insecureRegistries);
            if (maxConcurrentDownloads < 1 || maxConcurrentUploads < 1) {
                throw new IllegalArgumentException("concurrency limits must be at least 1");
            }
        }

        /** dockerd's defaults, with these insecure registries. */
        public static Config defaults(List<String> insecureRegistries) {
            return new Config(insecureRegistries, 3, 5, Duration.ofSeconds(30), "wharf");
        }
    }

    private static final List<String> PULL = List.of("pull");
    private static final List<String> PUSH = List.of("pull", "push");

    private final Config config;
    private final HttpClient http;
    private final Endpoints endpoints;
    private final BearerTokens tokens;
    private final ExecutorService executor;
    private final Puller puller;
    private final Pusher pusher;
    private final IndexSearch search;

    public RegistryClient(Config config) {
        this(config, Clock.systemUTC());
    }

    RegistryClient(Config config, Clock clock) {
        this.config = config;
        this.endpoints = new Endpoints(config.insecureRegistries());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                // redirects are followed by RegistrySession, which drops credentials across origins
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.tokens = new BearerTokens(http, clock, config.userAgent(), config.timeout());
        this.executor = Executors.newCachedThreadPool(threads());
        this.puller = new Puller(new Downloads(config.maxConcurrentDownloads(), executor));
        this.pusher = new Pusher(config.maxConcurrentUploads(), executor);
        this.search = new IndexSearch(http, endpoints, config.userAgent(), config.timeout());
    }

    /**
     * Pulls an image into the target.
     *
     * @param reference what to pull; {@code latest} when it names neither tag nor digest
     * @param platform  the platform asked for, or null for this host's
     */
    public PullResult pull(Reference reference, Platform platform, AuthConfig auth, PullTarget target,
            Progress progress, Cancellation cancellation) {
        RegistrySession session = open(reference, PULL, auth, cancellation);
        return puller.pull(reference, platform, session, target, serialized(progress), cancellation);
    }

    /**
     * Pushes images, one tag each, to the reference's repository.
     *
     * @param repository where to push; its tag, if any, is ignored (the content names the tags)
     */
    public List<PushResult> push(Reference repository, List<PushContent> images, AuthConfig auth, BlobStore blobs,
            Progress progress, Cancellation cancellation) {
        Progress out = serialized(progress);
        // dockerd names the repository before it first reaches for the registry
        announcePush(repository, out);
        RegistrySession session = open(repository, PUSH, auth, cancellation);
        return pusher.push(images, session, blobs, out, cancellation);
    }

    /**
     * dockerd's first words of a push, {@code The push refers to repository [<name>]}: also for a
     * push that ends before it reaches the registry, because nothing local matches.
     */
    public static void announcePush(Reference repository, Progress progress) {
        progress.message(null, "The push refers to repository [" + repository.name() + "]");
    }

    /** Checks credentials against the registry they name ({@code serveraddress}; Docker Hub when empty). */
    public AuthResult login(AuthConfig auth, Cancellation cancellation) {
        String domain = serverDomain(auth.serverAddress());
        RegistrySession session = new RegistrySession(http, tokens, config.userAgent(), config.timeout(),
                endpoints.registry(domain), null, List.of(), Credentials.of(auth));
        return Login.check(session, tokens, cancellation);
    }

    /**
     * Searches Docker Hub, or the registry the term starts with.
     *
     * @param limit 1 to 100, or 0 for dockerd's 25
     */
    public SearchResults search(String term, int limit, Filters filters, AuthConfig auth, Cancellation cancellation) {
        return search.search(term, limit, filters == null ? Filters.empty() : filters, Credentials.of(auth),
                cancellation);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private RegistrySession open(Reference reference, List<String> actions, AuthConfig auth, Cancellation cancellation) {
        RegistrySession session = session(reference, actions, auth);
        session.ping(cancellation);
        return session;
    }

    /** A session for the reference's registry and repository, not yet pinged. */
    RegistrySession session(Reference reference, List<String> actions, AuthConfig auth) {
        return new RegistrySession(http, tokens, config.userAgent(), config.timeout(),
                endpoints.registry(reference.domain()), reference.path(), actions, Credentials.of(auth));
    }

    /**
     * The registry a login names, as dockerd's {@code ConvertToHostname}: the host of a URL
     * ({@code https://index.docker.io/v1/} is Docker Hub), or the name as given.
     */
    static String serverDomain(String serverAddress) {
        String s = serverAddress == null ? "" : serverAddress.trim();
        s = s.replaceFirst("^(?i)https?://", "");
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        return s.isEmpty() ? Endpoints.HUB_DOMAIN : s.toLowerCase(Locale.ROOT);
    }

    /** Layers report from download threads; a job's sink sees one message at a time. */
    private static Progress serialized(Progress progress) {
        Object lock = new Object();
        return new Progress() {
            @Override
            public void message(String id, String text) {
                synchronized (lock) {
                    progress.message(id, text);
                }
            }

            @Override
            public void status(String id, String status) {
                synchronized (lock) {
                    progress.status(id, status);
                }
            }

            @Override
            public void progress(String id, String status, long current, long total) {
                synchronized (lock) {
                    progress.progress(id, status, current, total);
                }
            }

            @Override
            public void stream(String text) {
                synchronized (lock) {
                    progress.stream(text);
                }
            }

            @Override
            public void aux(Object aux) {
                synchronized (lock) {
                    progress.aux(aux);
                }
            }
        };
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "wharf-registry-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
