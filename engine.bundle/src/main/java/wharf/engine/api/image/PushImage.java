package wharf.engine.api.image;

/**
 * The {@code push} job's input, {@code POST /images/{name}/push?tag=…}. The job ends by
 * reporting a {@link PushResult} as {@link Progress#aux(Object) aux} for each tag pushed.
 *
 * @param name     the repository ({@code 127.0.0.1:5000/bb}), possibly with a tag
 * @param tag      the tag to push; empty pushes the one in {@code name}, or every tag of the repository
 * @param auth     credentials from {@code X-Registry-Auth}
 * @param progress where the job reports
 */
public record PushImage(String name, String tag, AuthConfig auth, Progress progress) {
    public PushImage {
        auth = auth == null ? AuthConfig.ANONYMOUS : auth;
        progress = progress == null ? Progress.NONE : progress;
    }
}
