package wharf.routes.containers.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import wharf.engine.api.Engine;
import wharf.engine.api.JobIO;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerPath;
import wharf.engine.api.container.ExtractArchive;
import wharf.engine.api.container.PathStat;
import wharf.server.api.ApiRequest;
import wharf.server.api.ApiResponse;

/**
 * docker cp's routes (moby's {@code postContainersCopy}, {@code headContainersArchive},
 * {@code getContainersArchive}, {@code putContainersArchive}): the path's stat goes in
 * {@code X-Docker-Container-Path-Stat} before the tar, so a missing path is a plain 404.
 */
final class ArchiveRoutes {
    static final String PATH_STAT_HEADER = "X-Docker-Container-Path-Stat";

    private final Engine engine;

    ArchiveRoutes(Engine engine) {
        this.engine = engine;
    }

    /** The seed's body: {@code {"Resource": "/etc/passwd"}}. */
    record CopyBody(@JsonProperty("Resource") String resource) {
    }

    void head(ApiRequest req, ApiResponse resp) throws IOException {
        PathStat stat = engine.run(ContainerJobs.ARCHIVE_STAT, path(req));
        resp.servlet().setHeader(PATH_STAT_HEADER, encode(stat));
        resp.status(200);
    }

    void get(ApiRequest req, ApiResponse resp) throws IOException {
        ContainerPath path = path(req);
        PathStat stat = engine.run(ContainerJobs.ARCHIVE_STAT, path);
        resp.servlet().setHeader(PATH_STAT_HEADER, encode(stat));
        OutputStream out = resp.stream("application/x-tar");
        engine.run(ContainerJobs.ARCHIVE, path, io(req, out));
    }

    void put(ApiRequest req, ApiResponse resp) {
        ExtractArchive request = new ExtractArchive(req.var("name"), req.query("path", ""),
                req.bool("noOverwriteDirNonDir"), req.bool("copyUIDGID"));
        engine.run(ContainerJobs.EXTRACT_TO_DIR, request,
                JobIO.of(req.body(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                        req.cancellation()));
        // dockerd answers 200 with an empty body
        resp.status(200);
    }

    void copy(ApiRequest req, ApiResponse resp) throws IOException {
        CopyBody body = req.json(CopyBody.class);
        String resource = body == null || body.resource() == null ? "" : body.resource();
        // checked by the job before the first byte, so errors are still plain statuses
        DeferredTar out = new DeferredTar(resp);
        engine.run(ContainerJobs.COPY, new ContainerPath(req.var("name"), resource), io(req, out));
        out.open();
    }

    private static ContainerPath path(ApiRequest req) {
        return new ContainerPath(req.var("name"), req.query("path", ""));
    }

    private static JobIO io(ApiRequest req, OutputStream out) {
        return JobIO.of(java.io.InputStream.nullInputStream(), out, OutputStream.nullOutputStream(),
                req.cancellation());
    }

    static String encode(PathStat stat) throws IOException {
        return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(stat));
    }

    /** The tar answer, sent (200, {@code application/x-tar}) only with its first byte. */
    private static final class DeferredTar extends OutputStream {
        private final ApiResponse response;
        private OutputStream out;

        DeferredTar(ApiResponse response) {
            this.response = response;
        }

        OutputStream open() throws IOException {
            if (out == null) {
                out = response.stream("application/x-tar");
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            open().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                open().write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }
    }
}
