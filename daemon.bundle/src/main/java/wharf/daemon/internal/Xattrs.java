package wharf.daemon.internal;

import java.io.IOException;
import java.nio.file.Path;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Extended attributes of a path itself (never of a symlink's target), in any namespace: the JDK
 * reaches only {@code user.*}, and overlayfs marks opaque directories with {@code trusted.*}.
 */
final class Xattrs {
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    private Xattrs() {
    }

    /** The libc call used, with C types as they are on LP64 Linux. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;
    }

    /** The attribute's value, or null when the file does not have it (or its filesystem has no xattrs). */
    static byte[] get(Path path, String name) throws IOException {
        try {
            long size = LibC.INSTANCE.lgetxattr(path.toString(), name, null, 0);
            byte[] value = new byte[(int) size];
            long read = LibC.INSTANCE.lgetxattr(path.toString(), name, value, value.length);
            return read == size ? value : java.util.Arrays.copyOf(value, (int) read);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA || e.getErrorCode() == ENOTSUP) {
                return null;
            }
            throw new IOException("getxattr " + name + " " + path + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IOException("getxattr " + name + " " + path + ": libc is not available (" + e + ")", e);
        }
    }
}
