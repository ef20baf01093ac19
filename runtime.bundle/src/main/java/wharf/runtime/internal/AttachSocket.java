package wharf.runtime.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.LastErrorException;

import wharf.runtime.api.RuntimeFailure;

/**
 * A writer on conmon's attach socket: a SOCK_SEQPACKET unix socket whose inbound packets conmon
 * copies verbatim to the process's stdin. conmon also writes every chunk of the process's output
 * to each attached socket (a stream byte, then the data) with a blocking write, so a reader thread
 * drains and drops it: the output is read from the log file instead.
 */
final class AttachSocket extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(AttachSocket.class);
    /** conmon reads at most CONN_SOCK_BUF_SIZE - 1 (32 KiB - 1) bytes a packet. */
    private static final int MAX_PACKET = 32 * 1024 - 1;
    private static final int DRAIN_BUFFER = 32 * 1024 + 2;

    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The writer and the drain thread: the last to finish closes the descriptor, so neither uses a reused one. */
    private final AtomicInteger users = new AtomicInteger(2);

    private AttachSocket(int fd, String name) {
        this.fd = fd;
        Thread drain = new Thread(this::drain, "conmon-attach-drain " + name);
        drain.setDaemon(true);
        drain.start();
    }

    /** Connects to the attach socket at {@code socket}, through /proc/self/fd if its path is too long. */
    static AttachSocket connect(Path socket, String name) {
        int fd;
        try {
            fd = Posix.C.socket(Posix.AF_UNIX, Posix.SOCK_SEQPACKET | Posix.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new RuntimeFailure("cannot create a socket for " + name + "'s stdin: errno " + e.getErrorCode(), e);
        }
        int dirFd = -1;
        try {
            String path = socket.toString();
            if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= Posix.SUN_PATH_MAX) {
                // sun_path holds 108 bytes: name the socket relative to an open handle on its dir, as conmon binds it
                dirFd = Posix.C.open(socket.getParent().toString(), Posix.O_PATH | Posix.O_CLOEXEC);
                path = "/proc/self/fd/" + dirFd + "/" + socket.getFileName();
            }
            byte[] address = Posix.sockaddrUn(path);
            Posix.C.connect(fd, address, address.length);
            return new AttachSocket(fd, name);
        } catch (LastErrorException e) {
            Posix.closeQuietly(fd);
            throw new RuntimeFailure("cannot attach to " + name + "'s stdin (errno " + e.getErrorCode()
                    + "): it does not run or its stdin is not open", e);
        } finally {
            if (dirFd >= 0) {
                Posix.closeQuietly(dirFd);
            }
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed.get()) {
            throw new IOException("stdin is closed");
        }
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int chunk = Math.min(MAX_PACKET, end - position);
            byte[] packet = Arrays.copyOfRange(bytes, position, position + chunk);
            try {
                position += (int) Posix.C.send(fd, packet, chunk, Posix.MSG_NOSIGNAL);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Posix.EINTR) {
                    throw new IOException("cannot write to the process's stdin: errno " + e.getErrorCode(), e);
                }
            }
        }
    }

    /**
     * Ends the stream: conmon sees EOF (and closes the process's stdin unless told to leave it
     * open). The socket stays open, drained, until conmon closes it: conmon 2.1.6 frees a socket
     * it can no longer write to and then, reading its EOF, uses the freed memory, so the process's
     * stdin would not be closed (conn_sock.c terminate_remote_sock after remote_sock_shutdown).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown(Posix.SHUT_WR);
            release();
        }
    }

    private void shutdown(int how) {
        try {
            Posix.C.shutdown(fd, how);
        } catch (LastErrorException e) {
            LOG.debug("shutdown of an attach socket failed: errno {}", e.getErrorCode());
        }
    }

    private void drain() {
        byte[] buffer = new byte[DRAIN_BUFFER];
        try {
            while (true) {
                try {
                    if (Posix.C.recv(fd, buffer, buffer.length, 0) <= 0) {
                        return;
                    }
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != Posix.EINTR) {
                        return;
                    }
                }
            }
        } finally {
            release();
        }
    }

    private void release() {
        if (users.decrementAndGet() == 0) {
            Posix.closeQuietly(fd);
        }
    }
}
