package wharf.engine.api.image;

import java.util.List;

/**
 * The {@code import} job's input, {@code POST /images/create?fromSrc=…}: a root filesystem tar
 * becomes a one-layer image. The job reports {@code sha256:<id>} as a
 * {@link Progress#message(String, String) message} when done (dockerd's
 * {@code {"status":"sha256:…"}}) and returns the ID.
 *
 * @param source   {@code -} for the job's stdin, else an http(s) URL to download
 * @param repo     the repository to tag, possibly with its tag ({@code imp:1}); empty for none
 * @param tag      the tag; empty keeps the one in {@code repo}
 * @param message  the history comment
 * @param changes  Dockerfile instructions applied to the config: {@code CMD ["x"]}, {@code ENV A=b},
 *                 {@code ENTRYPOINT}, {@code WORKDIR}, {@code USER}, {@code LABEL}, {@code EXPOSE},
 *                 {@code VOLUME}, {@code STOPSIGNAL}, {@code ONBUILD}
 * @param platform {@code os[/arch[/variant]]}; empty for the daemon's own
 * @param progress where the job reports
 */
public record ImportImage(String source, String repo, String tag, String message, List<String> changes,
        String platform, Progress progress) {
    public ImportImage {
        changes = changes == null ? List.of() : List.copyOf(changes);
        progress = progress == null ? Progress.NONE : progress;
    }
}
