package wharf.routes.images.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;
import wharf.engine.api.Engine;
import wharf.engine.api.JobIO;
import wharf.engine.api.JobType;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.Progress;
import wharf.engine.api.image.SaveImages;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;
import wharf.server.api.ProgressStream;

/**
 * Runs the image jobs whose answer is a stream, the way moby's image routes do: validate, run,
 * and send the 200 only with the job's first output, so that what fails early (a manifest the
 * registry does not know, a missing image to save, a bad archive) is still a plain error status;
 * once the stream has begun, a failure ends it with an in-band error message instead.
 */
final class JobStreams {
    /** Tar writers emit 512-byte blocks; a chunk per block would be slow. */
    private static final int ARCHIVE_BUFFER = 64 * 1024;

    private final Engine engine;

    JobStreams(Engine engine) {
        this.engine = engine;
    }

    /**
     * A job that reports to a {@link Progress} sink: pull, push, import, load.
     *
     * @param input the job's input, given the sink it reports to
     * @param stdin the request body when the job reads it, else null
     */
    <I> void progress(ApiRequest req, ApiResponse resp, JobType<I, ?> type, Function<Progress, I> input,
            InputStream stdin) throws IOException {
        DeferredStream out = new DeferredStream(resp, "application/json");
        ProgressSink sink = new ProgressSink(new ProgressStream(out));
        try {
            engine.run(type, input.apply(sink), io(req, stdin, OutputStream.nullOutputStream()));
        } catch (RuntimeException e) {
            if (!out.opened() || req.cancellation().isCancelled()) {
                throw e;
            }
            sink.error(message(e));
            return;
        }
        // a job that reported nothing still answers 200
        out.open();
    }

    /** {@code image_save}: the tar as {@code application/x-tar}, from the job's first byte on. */
    void archive(ApiRequest req, ApiResponse resp, SaveImages input) throws IOException {
        DeferredStream out = new DeferredStream(resp, "application/x-tar");
        BufferedOutputStream buffered = new BufferedOutputStream(out, ARCHIVE_BUFFER);
        try {
            engine.run(ImageJobs.IMAGE_SAVE, input, io(req, null, buffered));
        } catch (RuntimeException e) {
            if (!out.opened() || req.cancellation().isCancelled()) {
                throw e;
            }
            // as dockerd: the error message follows the partial tar, which the client then rejects
            buffered.flush();
            new ProgressStream(out).error(message(e));
            return;
        }
        buffered.flush();
        out.open();
    }

    private static JobIO io(ApiRequest req, InputStream stdin, OutputStream stdout) {
        return JobIO.of(stdin == null ? InputStream.nullInputStream() : stdin, stdout, OutputStream.nullOutputStream(),
                req.cancellation());
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
