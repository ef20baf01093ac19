package wharf.engine.api;

import java.util.List;

/**
 * A job that has a handler now, as {@link Engine#handlers()} describes it: who serves it and whom
 * that handler shadows.
 *
 * @param job        the job's name
 * @param inputType  the input's class name where a handler declares it (registered with a
 *                   {@link JobType}, or a whiteboard class implementing {@code JobHandler<I, O>}
 *                   with concrete types), else null
 * @param outputType the output's class name, likewise
 * @param serving    the handler that runs the job
 * @param shadowed   the job's other handlers, in the order they would take over
 */
public record JobInfo(String job, String inputType, String outputType, Provider serving, List<Provider> shadowed) {

    public JobInfo {
        shadowed = shadowed == null ? List.of() : List.copyOf(shadowed);
    }

    /**
     * Where a handler comes from.
     *
     * @param bundle        the symbolic name of the bundle whose class handles the job; null outside a framework
     * @param bundleVersion that bundle's version; null outside a framework
     * @param ranking       its service ranking; 0 for a handler passed to {@link Engine#register}
     * @param whiteboard    true for a {@link JobHandler} service, false for a registration
     */
    public record Provider(String bundle, String bundleVersion, int ranking, boolean whiteboard) {
    }
}
