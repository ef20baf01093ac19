package wharf.engine.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.CancelledError;
import wharf.engine.api.Engine;
import wharf.engine.api.JobError;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobInfo;
import wharf.engine.api.JobInterceptor;
import wharf.engine.api.JobType;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnavailableError;
import wharf.engine.api.event.EventBus;

/**
 * The engine: handlers from {@link #register} and from the {@link JobHandler} whiteboard,
 * interceptors from the {@link JobInterceptor} whiteboard, jobs run on the caller's thread.
 * Immediate, so that programmatic registrations and the job table do not vanish when the
 * last user of the service lets go of it for a moment.
 */
@Component(service = Engine.class, immediate = true)
public final class EngineImpl implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(EngineImpl.class);

    private final EventBus events;
    private final HandlerTable handlers = new HandlerTable();
    private final Interceptors interceptors = new Interceptors();
    private final AtomicLong registrations = new AtomicLong();

    @Activate
    public EngineImpl(@Reference(name = "events") EventBus events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public <I, O> Registration register(JobType<I, O> type, JobHandler<I, O> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        Rank rank = Rank.registered(registrations.incrementAndGet());
        Handler entry = new Handler(type.name(), rank, handler, type, Origin.of(handler));
        reportServers(handlers.replace(rank, List.of(entry)));
        LOG.debug("registered the {}", entry);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                reportServers(handlers.replace(rank, List.of()));
                LOG.debug("withdrew the {}", entry);
            }
        };
    }

    @Reference(service = JobHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + JobHandler.JOB + "=*)", updated = "updatedHandler")
    void bindHandler(JobHandler<?, ?> handler, Map<String, Object> properties) {
        offer(handler, properties);
    }

    /** The job name or the ranking may change while the service stays registered. */
    void updatedHandler(JobHandler<?, ?> handler, Map<String, Object> properties) {
        offer(handler, properties);
    }

    void unbindHandler(JobHandler<?, ?> handler, Map<String, Object> properties) {
        reportServers(handlers.replace(Rank.ofService(properties), List.of()));
    }

    @Reference(service = JobInterceptor.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedInterceptor")
    void bindInterceptor(JobInterceptor interceptor, Map<String, Object> properties) {
        interceptors.put(Rank.ofService(properties), interceptor);
        LOG.debug("job interceptor from {} added", Origin.of(interceptor));
    }

    void updatedInterceptor(JobInterceptor interceptor, Map<String, Object> properties) {
        interceptors.put(Rank.ofService(properties), interceptor);
    }

    void unbindInterceptor(JobInterceptor interceptor, Map<String, Object> properties) {
        interceptors.remove(Rank.ofService(properties));
        LOG.debug("job interceptor from {} removed", Origin.of(interceptor));
    }

    @Override
    public <I, O> O run(JobType<I, O> type, I input, JobIO io) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(io, "io");
        if (input != null && !type.input().isInstance(input)) {
            throw new IllegalArgumentException("job '" + type.name() + "' takes " + type.input().getName()
                    + ", not " + input.getClass().getName());
        }
        Handler handler = handlers.serving(type.name());
        if (handler == null) {
            throw new UnavailableError("no handler for job '" + type.name() + "' is installed");
        }
        if (!handler.agreesWith(type)) {
            throw new SystemError("job '" + type.name() + "' was run as " + type + " but its " + handler
                    + " was registered as " + handler.declared());
        }
        if (io.cancellation().isCancelled()) {
            throw new CancelledError("job '" + type.name() + "' was cancelled before it started");
        }
        long started = System.nanoTime();
        try {
            O output = checkedOutput(type, new JobChain<>(interceptors.inOrder(), handlerOf(handler),
                    new RunningJob<>(type, input, io)).proceed());
            LOG.debug("job '{}' done in {} ms", type.name(), millisSince(started));
            return output;
        } catch (JobError e) {
            LOG.debug("job '{}' failed after {} ms: {}: {}", type.name(), millisSince(started), e.kind(), e.getMessage());
            throw e;
        } catch (Exception | LinkageError e) {
            // A LinkageError here is a plugin's fault (its bundle went away under it), not the VM's.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("job '{}' failed after {} ms", type.name(), millisSince(started), e);
            throw new SystemError(messageOf(e), e);
        }
    }

    @Override
    public boolean handles(JobType<?, ?> type) {
        return handlers.serving(type.name()) != null;
    }

    @Override
    public Set<String> jobs() {
        return Collections.unmodifiableSet(new TreeSet<>(handlers.jobs()));
    }

    @Override
    public List<JobInfo> handlers() {
        return new TreeSet<>(handlers.jobs()).stream()
                .map(job -> JobDescription.of(job, handlers.handlers(job)))
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public EventBus events() {
        return events;
    }

    private void offer(JobHandler<?, ?> handler, Map<String, Object> properties) {
        Rank rank = Rank.ofService(properties);
        String origin = Origin.of(handler) + ", service " + rank.order();
        Set<String> jobs = jobNames(properties.get(JobHandler.JOB));
        if (jobs.isEmpty()) {
            LOG.warn("job handler from {} ignored: its {} property names no job", origin, JobHandler.JOB);
        }
        List<Handler> fresh = jobs.stream().map(job -> new Handler(job, rank, handler, null, origin)).toList();
        reportServers(handlers.replace(rank, fresh));
    }

    /** {@code wharf.job} is one name, or several when one handler serves a family of jobs. */
    private static Set<String> jobNames(Object property) {
        Collection<?> values;
        if (property instanceof String name) {
            values = List.of(name);
        } else if (property instanceof String[] names) {
            values = List.of(names);
        } else if (property instanceof Collection<?> names) {
            values = names;
        } else {
            values = List.of();
        }
        Set<String> jobs = new LinkedHashSet<>();
        for (Object value : values) {
            if (value instanceof String name && !name.isBlank()) {
                jobs.add(name.strip());
            }
        }
        return jobs;
    }

    /** A job whose handler changed is worth a line; one where a handler shadows others, at info. */
    private void reportServers(Set<String> jobs) {
        for (String job : jobs) {
            List<Handler> offered = handlers.handlers(job);
            if (offered.isEmpty()) {
                LOG.debug("job '{}' has no handler now", job);
            } else if (offered.size() > 1) {
                LOG.info("job '{}' is served by the {}, ahead of {} other handler(s)", job, offered.get(0),
                        offered.size() - 1);
            } else {
                LOG.debug("job '{}' is served by the {}", job, offered.get(0));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <I> JobHandler<I, ?> handlerOf(Handler handler) {
        return (JobHandler<I, ?>) handler.handler();
    }

    private static <O> O checkedOutput(JobType<?, O> type, Object output) {
        if (output != null && !type.output().isInstance(output)) {
            throw new SystemError("job '" + type.name() + "' returned " + output.getClass().getName()
                    + " where " + type.output().getName() + " was declared");
        }
        return type.output().cast(output);
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    private static double millisSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 10_000.0) / 100.0;
    }
}
