package wharf.testing.routes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import wharf.engine.api.Engine;
import wharf.engine.api.JobError;
import wharf.engine.api.JobHandler;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobInfo;
import wharf.engine.api.JobType;
import wharf.engine.api.SystemError;
import wharf.engine.api.UnavailableError;
import wharf.engine.api.event.EventBus;
import wharf.testing.engine.Jobs;

/**
 * An engine for handler tests: runs the handlers a test registers on the caller's thread and
 * records every input, so a test can check what a route asked for and answer with canned output.
 */
public final class FakeEngine implements Engine {
    private final Map<String, JobHandler<?, ?>> handlers = new HashMap<>();
    private final List<Object> inputs = new ArrayList<>();

    /** Answers the job with the handler. */
    public <I, O> FakeEngine on(JobType<I, O> type, JobHandler<I, O> handler) {
        handlers.put(type.name(), handler);
        return this;
    }

    /** The inputs of every job run so far, in order. */
    public List<Object> inputs() {
        return inputs;
    }

    /** The one input the job was run with. */
    public <I> I input(JobType<I, ?> type) {
        List<I> matching = inputs.stream().filter(type.input()::isInstance).map(type.input()::cast).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type.name() + " job, got " + matching);
        }
        return matching.get(0);
    }

    @Override
    public <I, O> Registration register(JobType<I, O> type, JobHandler<I, O> handler) {
        on(type, handler);
        return () -> handlers.remove(type.name());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> O run(JobType<I, O> type, I input, JobIO io) {
        JobHandler<I, O> handler = (JobHandler<I, O>) handlers.get(type.name());
        if (handler == null) {
            throw new UnavailableError("no handler for " + type.name());
        }
        inputs.add(input);
        try {
            return handler.handle(Jobs.of(type, input, io));
        } catch (JobError e) {
            throw e;
        } catch (Exception e) {
            throw new SystemError(e.getMessage(), e);
        }
    }

    @Override
    public boolean handles(JobType<?, ?> type) {
        return handlers.containsKey(type.name());
    }

    @Override
    public Set<String> jobs() {
        return Set.copyOf(handlers.keySet());
    }

    @Override
    public List<JobInfo> handlers() {
        return handlers.keySet().stream().sorted()
                .map(name -> new JobInfo(name, null, null, new JobInfo.Provider(null, null, 0, false), List.of()))
                .toList();
    }

    @Override
    public EventBus events() {
        throw new UnsupportedOperationException("route tests use no events");
    }
}
