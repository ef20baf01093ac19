package wharf.runtime.internal;

import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls the JDK lacks: SOCK_SEQPACKET unix sockets, O_PATH and non-blocking FIFO opens. */
final class Posix {
    static final int AF_UNIX = 1;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SHUT_WR = 1;
    static final int O_WRONLY = 01;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int EINTR = 4;
    /** sizeof(struct sockaddr_un): a short family and a 108-byte path. */
    private static final int SOCKADDR_UN_SIZE = 110;
    static final int SUN_PATH_MAX = 108;

    static final LibC C = Native.load("c", LibC.class);

    private Posix() {
    }

    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int connect(int fd, byte[] address, int length) throws LastErrorException;

        long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        int shutdown(int fd, int how) throws LastErrorException;

        int open(String path, int flags) throws LastErrorException;

        long write(int fd, byte[] buffer, long length) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    /** A struct sockaddr_un for {@code path}, which must fit in sun_path with its NUL. */
    static byte[] sockaddrUn(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("socket path too long: " + path);
        }
        byte[] address = new byte[SOCKADDR_UN_SIZE];
        java.nio.ByteBuffer.wrap(address).order(java.nio.ByteOrder.nativeOrder()).putShort((short) AF_UNIX);
        System.arraycopy(bytes, 0, address, 2, bytes.length);
        return address;
    }

    static void closeQuietly(int fd) {
        try {
            C.close(fd);
        } catch (LastErrorException e) {
            // closing is best effort: the descriptor is gone either way
        }
    }
}
