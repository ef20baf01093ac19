package wharf.server.api;

/**
 * One route's handler, moby's {@code APIFunc}: parse what it needs, run a job, write the result.
 * It throws typed errors ({@link wharf.engine.api.JobError}) and never writes an error body; the
 * server's one mapper does, unless the response is already committed (a stream), in which case
 * the handler reports in-band.
 */
@FunctionalInterface
public interface Handler {
    void handle(ApiRequest request, ApiResponse response) throws Exception;
}
