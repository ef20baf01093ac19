package wharf.runtime.api;

import java.util.Objects;

/**
 * The seccomp filter a container's processes run under.
 *
 * @param mode which filter
 * @param profile for {@link Mode#CUSTOM}, the profile as docker's {@code --security-opt seccomp=<file>}
 *        reads it (docker's profile format, or an OCI {@code linux.seccomp} object); empty otherwise
 */
public record Seccomp(Mode mode, String profile) {
    /** Wharf's default profile, as dockerd applies its own to every container that is not privileged. */
    public static final Seccomp DEFAULT = new Seccomp(Mode.DEFAULT, "");
    /** No filter ({@code seccomp=unconfined}). */
    public static final Seccomp UNCONFINED = new Seccomp(Mode.UNCONFINED, "");

    public enum Mode {
        DEFAULT, UNCONFINED, CUSTOM
    }

    public Seccomp {
        Objects.requireNonNull(mode, "mode");
        profile = profile == null ? "" : profile;
        if (mode == Mode.CUSTOM && profile.isBlank()) {
            throw new IllegalArgumentException("a custom seccomp profile needs its JSON");
        }
    }

    /** A profile of the caller's own, in docker's format. */
    public static Seccomp custom(String profile) {
        return new Seccomp(Mode.CUSTOM, profile);
    }
}
