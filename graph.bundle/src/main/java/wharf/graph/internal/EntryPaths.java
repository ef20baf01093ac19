package wharf.graph.internal;

import java.util.ArrayList;
import java.util.List;
import wharf.engine.api.InvalidParameterError;

/**
 * The path rules for tar entries in a layer. Entry names must be relative and may not contain
 * {@code ..} at all; link targets follow dockerd's checks, lexically: a symlink's target, taken
 * from the symlink's directory (an absolute target from the layer's root, as it resolves inside
 * a container), and a hard link's target, taken from the layer's root, must not climb out.
 */
final class EntryPaths {
    private EntryPaths() {
    }

    /**
     * The components of an entry name, without empty and {@code .} parts; empty for the root.
     *
     * @throws InvalidParameterError for an absolute name or one with {@code ..}
     */
    static List<String> components(String name) {
        if (name.startsWith("/")) {
            throw new InvalidParameterError("invalid tar entry \"" + name + "\": absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidParameterError("invalid tar entry \"" + name.replace('\0', '?') + "\": NUL in the name");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidParameterError("invalid tar entry \"" + name + "\": a path may not contain \"..\"");
            }
            parts.add(part);
        }
        return parts;
    }

    /** True when the symlink in the given directory, pointing at target, stays inside the layer. */
    static boolean symlinkStaysInside(List<String> directory, String target) {
        return clean(new ArrayList<>(directory), target) != null;
    }

    /** The hard link target's components from the layer root, or null when it climbs out. */
    static List<String> hardlinkTarget(String target) {
        return clean(new ArrayList<>(), target);
    }

    /** Appends the path's components to base, resolving {@code .} and {@code ..}; null on escape. */
    private static List<String> clean(List<String> base, String path) {
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (base.isEmpty()) {
                    return null;
                }
                base.remove(base.size() - 1);
            } else {
                base.add(part);
            }
        }
        return base;
    }
}
