package wharf.daemon.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import wharf.engine.api.Cancellation;
import wharf.engine.api.Job;
import wharf.engine.api.JobHandler;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ContainerStats;
import wharf.engine.api.container.ContainerStream;
import wharf.engine.api.container.StatsContainer;
import wharf.runtime.api.ContainerRuntime;

/**
 * The {@code stats} job: {@code GET /containers/{name}/stats}, sampled from the container's cgroup
 * through the runtime once a second, as dockerd's stats collector does. Streaming, each line
 * carries the sample before it as {@code precpu_stats}; without streaming the answer waits for a
 * second sample (so CPU percentages can be computed) unless {@code one-shot} asks for the first
 * at once. A container that does not run (or stops meanwhile) gets dockerd's zeroed sample.
 */
@Component(service = JobHandler.class, property = JobHandler.JOB + "=stats")
public final class StatsJob implements JobHandler<StatsContainer, ContainerStream> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INTERVAL_MILLIS = 1000;

    private final Containers containers;
    private final ContainerRuntime runtime;

    @Activate
    public StatsJob(@Reference Containers containers, @Reference ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    @Override
    public ContainerStream handle(Job<StatsContainer> job) {
        StatsContainer input = job.input();
        ContainerView view = containers.get(input.name());
        return new ContainerStream() {
            @Override
            public boolean tty() {
                return false;
            }

            @Override
            public void run(InputStream stdin, OutputStream stdout, OutputStream stderr, Cancellation cancellation)
                    throws IOException {
                try {
                    if (input.stream()) {
                        stream(view, stdout, cancellation);
                    } else {
                        once(view, input.oneShot(), stdout, cancellation);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private void stream(ContainerView view, OutputStream out, Cancellation cancellation)
            throws IOException, InterruptedException {
        StatsSample previous = null;
        do {
            StatsSample sample;
            try {
                sample = sample(view.id()).orElse(null);
            } catch (NotFoundError removed) {
                // as dockerd's collector: the stream of a removed container ends
                return;
            }
            write(out, sample, previous, view);
            previous = sample;
        } while (!cancellation.await(INTERVAL_MILLIS, TimeUnit.MILLISECONDS));
    }

    private void once(ContainerView view, boolean oneShot, OutputStream out, Cancellation cancellation)
            throws IOException, InterruptedException {
        Optional<StatsSample> first = sample(view.id());
        if (first.isEmpty() || oneShot) {
            write(out, first.orElse(null), null, view);
            return;
        }
        if (cancellation.await(INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
        }
        Optional<StatsSample> second = sample(view.id());
        write(out, second.orElse(null), second.isPresent() ? first.get() : null, view);
    }

    /** A reading, or empty when the container does not run now. */
    private Optional<StatsSample> sample(String id) {
        if (!containers.get(id).running()) {
            return Optional.empty();
        }
        Instant read = Instant.now();
        return runtime.usage(id).map(usage -> new StatsSample(read, usage));
    }

    private static void write(OutputStream out, StatsSample sample, StatsSample previous, ContainerView view)
            throws IOException {
        ContainerStats stats = sample == null ? ContainerStats.stopped("/" + view.name(), view.id())
                : sample.toStats(previous, view.name(), view.id());
        byte[] json = JSON.writeValueAsBytes(stats);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        // one write: each goes out as a chunk of its own, and clients read a whole object per chunk
        out.write(line);
        out.flush();
    }
}
