package wharf.daemon.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * Reads a k8s-file log as {@code docker logs} and attach need it: from an offset or the last
 * {@code tail} records, within a time window, and optionally following the file as conmon appends
 * to it. It polls rather than using a WatchService: inotify misses nothing either, but a poll of
 * a file's size every few milliseconds costs less than a watch thread per stream and also works
 * for a file that does not exist yet.
 */
final class LogFollower {
    private static final long POLL_MILLIS = 15;
    private static final int CHUNK = 64 * 1024;

    /** Where the records go. */
    interface Sink {
        /** One record inside the window; an IOException (the client went away) ends the copy. */
        void accept(K8sLogRecord record) throws IOException;

        /** The copy caught up with the file and is about to wait or stop: the moment to flush. */
        void caughtUp() throws IOException;
    }

    /**
     * Which records to copy.
     *
     * @param tail only the last this many records present when the copy begins; negative for all
     * @param sinceNanos only records at or after this Unix time; 0 for no bound
     * @param untilNanos only records at or before this Unix time, which also ends a follow; 0 for no bound
     */
    record Window(int tail, long sinceNanos, long untilNanos) {
        static final Window ALL = new Window(-1, 0, 0);
    }

    private final Path file;
    private final Window window;
    private byte[] data = new byte[CHUNK];
    private int length;

    LogFollower(Path file, Window window) {
        this.file = file;
        this.window = window;
    }

    /**
     * Where the next record will start: just after the file's last complete record (0 when the
     * file does not exist). An attach takes it as the point from which output is live.
     */
    static long end(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return completeEnd(channel, channel.size(), 0);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /**
     * Copies records from {@code offset} (moved to the next record start if it falls inside one).
     *
     * @param end null to stop at the file's current end; otherwise follow the file until this
     *        completes, then read what was written up to then and stop
     * @param stopped polled between reads; true ends the copy at once (client gone, detach)
     */
    void copy(long offset, Sink sink, CompletionStage<?> end, BooleanSupplier stopped) throws IOException {
        FileChannel channel = null;
        long position = -1;
        try {
            while (!stopped.getAsBoolean()) {
                boolean ended = end == null || end.toCompletableFuture().isDone() || pastUntil();
                if (channel == null) {
                    channel = open();
                }
                if (channel != null) {
                    if (position < 0) {
                        position = start(channel, offset);
                    }
                    long size = channel.size();
                    if (size < position) {
                        // conmon truncated the file (log rotation): what is there now is new.
                        position = 0;
                        length = 0;
                    }
                    position = readTo(channel, position, size, sink);
                    if (position < 0) {
                        sink.caughtUp();
                        return;
                    }
                }
                sink.caughtUp();
                if (ended || !pause()) {
                    return;
                }
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private FileChannel open() throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private boolean pastUntil() {
        return window.untilNanos() != 0 && System.currentTimeMillis() * 1_000_000L > window.untilNanos();
    }

    /** The first position to read: the offset on a record boundary, or later for a tail. */
    private long start(FileChannel channel, long offset) throws IOException {
        long size = channel.size();
        long from = Math.min(offset, size);
        if (from > 0 && byteAt(channel, from - 1) != '\n') {
            from = nextLineStart(channel, from, size);
        }
        if (window.tail() < 0) {
            return from;
        }
        return tailStart(channel, completeEnd(channel, size, from), window.tail(), from);
    }

    /** Reads {@code [position, size)}; returns the next position, or -1 once past {@code until}. */
    private long readTo(FileChannel channel, long position, long size, Sink sink) throws IOException {
        while (position < size) {
            if (data.length - length < CHUNK) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + CHUNK));
            }
            int n = channel.read(ByteBuffer.wrap(data, length, CHUNK), position);
            if (n <= 0) {
                break;
            }
            position += n;
            length += n;
            if (!deliverLines(sink)) {
                return -1;
            }
        }
        return position;
    }

    /** Hands on every complete line held; false once a record is past {@code until}. */
    private boolean deliverLines(Sink sink) throws IOException {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] != '\n') {
                continue;
            }
            Optional<K8sLogRecord> record = K8sLog.parse(data, lineStart, i);
            lineStart = i + 1;
            if (record.isEmpty()) {
                continue;
            }
            long time = record.get().timeNanos();
            if (window.untilNanos() != 0 && time > window.untilNanos()) {
                return false;
            }
            if (time >= window.sinceNanos()) {
                sink.accept(record.get());
            }
        }
        System.arraycopy(data, lineStart, data, 0, length - lineStart);
        length -= lineStart;
        return true;
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) <= 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    private static long nextLineStart(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        for (long at = from; at < size; at += buffer.limit()) {
            buffer.clear();
            if (channel.read(buffer, at) <= 0) {
                break;
            }
            buffer.flip();
            for (int i = 0; i < buffer.limit(); i++) {
                if (buffer.get(i) == '\n') {
                    return at + i + 1;
                }
            }
        }
        return size;
    }

    /** The position just after the last newline in {@code [floor, size)}, else {@code floor}. */
    private static long completeEnd(FileChannel channel, long size, long floor) throws IOException {
        long newline = lastNewline(channel, size, floor, 1);
        return newline < 0 ? floor : newline + 1;
    }

    /** Where the last {@code count} records before {@code end} begin, not before {@code floor}. */
    private static long tailStart(FileChannel channel, long end, int count, long floor) throws IOException {
        if (count == 0) {
            return end;
        }
        // end - 1 is the newline closing the last record; the count+1-th newline before end
        // closes the record just in front of the tail.
        long newline = lastNewline(channel, end - 1, floor, count);
        return newline < 0 ? floor : newline + 1;
    }

    /** The position of the {@code nth} newline counting back from {@code before}, or -1. */
    private static long lastNewline(FileChannel channel, long before, long floor, int nth) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int seen = 0;
        long blockEnd = before;
        while (blockEnd > floor) {
            long blockStart = Math.max(floor, blockEnd - CHUNK);
            buffer.clear().limit((int) (blockEnd - blockStart));
            int filled = readFully(channel, buffer, blockStart);
            for (int i = filled - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n' && ++seen == nth) {
                    return blockStart + i;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }
}
