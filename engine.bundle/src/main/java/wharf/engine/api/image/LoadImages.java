package wharf.engine.api.image;

/**
 * The {@code load} job's input, {@code POST /images/load}. The archive (a docker-archive with
 * {@code manifest.json}, or an OCI layout with {@code index.json}) is the job's stdin.
 *
 * @param quiet    report no per-layer progress; the {@code Loaded image: …} lines still come
 * @param progress where the job reports
 */
public record LoadImages(boolean quiet, Progress progress) {
    public LoadImages {
        progress = progress == null ? Progress.NONE : progress;
    }
}
