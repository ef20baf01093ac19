package wharf.engine.api.image;

/**
 * The {@code pull} job's input, {@code POST /images/create?fromImage=…}.
 *
 * @param fromImage the repository, possibly with a tag or digest ({@code busybox},
 *                  {@code 127.0.0.1:5000/bb:1})
 * @param tag       the tag or digest to pull; empty keeps the one in {@code fromImage}
 *                  ({@code latest} when it has none)
 * @param platform  {@code os[/arch[/variant]]}; empty for the daemon's own
 * @param auth      credentials from {@code X-Registry-Auth}; {@link AuthConfig#ANONYMOUS} when none
 * @param progress  where the job reports, with dockerd's status strings
 */
public record PullImage(String fromImage, String tag, String platform, AuthConfig auth, Progress progress) {
    public PullImage {
        auth = auth == null ? AuthConfig.ANONYMOUS : auth;
        progress = progress == null ? Progress.NONE : progress;
    }
}
