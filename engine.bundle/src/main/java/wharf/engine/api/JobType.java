package wharf.engine.api;

import java.util.Objects;

/**
 * A named and typed job: the contract between the route that runs it and the backend that
 * handles it. Declared once as a constant in an exported API package, for example
 * {@code JobType<ServeApi, Listening> SERVE_API = JobType.of("serveapi", ServeApi.class, Listening.class)}.
 * Two job types are the same job when their names are equal; the engine refuses a handler or
 * an input whose types do not match the declaration.
 *
 * @param <I> the input record
 * @param <O> the output; {@link Void} for jobs that only stream or only act
 */
public final class JobType<I, O> {
    private final String name;
    private final Class<I> input;
    private final Class<O> output;

    private JobType(String name, Class<I> input, Class<O> output) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a job needs a name");
        }
        this.name = name;
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    public static <I, O> JobType<I, O> of(String name, Class<I> input, Class<O> output) {
        return new JobType<>(name, input, output);
    }

    public String name() {
        return name;
    }

    public Class<I> input() {
        return input;
    }

    public Class<O> output() {
        return output;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobType<?, ?> other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + "(" + input.getSimpleName() + ") -> " + output.getSimpleName();
    }
}
