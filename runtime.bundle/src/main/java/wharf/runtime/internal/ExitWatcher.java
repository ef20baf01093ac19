package wharf.runtime.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import wharf.runtime.api.RuntimeFailure;

/**
 * Waits for conmon's exit files without polling each one: a single {@link WatchService} (inotify
 * on Linux) watches the exit dirs being awaited, and one thread completes the waiters of a dir
 * when something lands in it. conmon writes an exit file whole (it renames it into place), so its
 * appearance with content is the exit. A slow safety check of every awaited file covers a lost
 * or overflowed event and a dir that did not exist yet, or was replaced, when it was registered.
 * A file no one waits for, and no one has waited for since the last safety check, is dropped
 * then: a caller waiting in short windows does not re-add the watch each time.
 */
final class ExitWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);
    static final Duration SAFETY_POLL = Duration.ofSeconds(1);

    private final WatchService watcher;
    private final Thread thread;
    /** Guarded by itself: the awaited files by their dir. */
    private final Map<Path, WatchedDir> dirs = new HashMap<>();
    private volatile boolean closed;

    ExitWatcher() {
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new RuntimeFailure("cannot watch for container exits: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "wharf-exit-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until {@code exitFile} exists with content.
     *
     * @return false if it did not appear within the timeout
     * @throws RuntimeFailure if interrupted or closed
     */
    boolean await(Path exitFile, Duration timeout) {
        Awaited awaited = register(exitFile);
        try {
            // it may have appeared before the watch was in place
            if (hasExited(exitFile)) {
                return true;
            }
            awaited.exited.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while waiting for a container", e);
        } catch (ExecutionException e) {
            throw new RuntimeFailure("stopped waiting for " + exitFile + ": " + e.getCause().getMessage(), e);
        } finally {
            synchronized (dirs) {
                awaited.waiters--;
            }
        }
    }

    private Awaited register(Path exitFile) {
        if (closed) {
            throw new RuntimeFailure("the exit watcher is closed");
        }
        Path dir = exitFile.toAbsolutePath().getParent();
        synchronized (dirs) {
            WatchedDir watched = dirs.computeIfAbsent(dir, d -> new WatchedDir());
            if (watched.key == null || !watched.key.isValid()) {
                watched.key = watch(dir);
            }
            Awaited awaited = watched.files.computeIfAbsent(exitFile.toAbsolutePath(), f -> new Awaited());
            awaited.waiters++;
            awaited.wanted = true;
            return awaited;
        }
    }

    /** The dir's watch key; null while the dir does not exist (the safety check tries again). */
    private WatchKey watch(Path dir) {
        try {
            return dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.debug("Cannot watch {}: {}", dir, e.getMessage());
            return null;
        }
    }

    private void run() {
        long nextCheck = System.nanoTime() + SAFETY_POLL.toNanos();
        while (!closed) {
            try {
                WatchKey key = watcher.poll(SAFETY_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    // the events themselves do not matter: every awaited file of the dir is looked at
                    key.pollEvents();
                    key.reset();
                    check((Path) key.watchable(), false);
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    safetyCheck();
                    nextCheck = System.nanoTime() + SAFETY_POLL.toNanos();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("The exit watcher met an error and goes on: {}", e.toString());
            }
        }
    }

    /** Completes the waiters of one dir whose file is there. */
    private void check(Path dir, boolean forget) {
        List<Awaited> done = new ArrayList<>();
        synchronized (dirs) {
            WatchedDir watched = dirs.get(dir);
            if (watched == null) {
                return;
            }
            for (Iterator<Map.Entry<Path, Awaited>> it = watched.files.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Path, Awaited> entry = it.next();
                Awaited awaited = entry.getValue();
                if (hasExited(entry.getKey())) {
                    done.add(awaited);
                    it.remove();
                } else if (forget && awaited.waiters == 0 && !awaited.wanted) {
                    it.remove();
                } else if (forget) {
                    awaited.wanted = awaited.waiters > 0;
                }
            }
            if (watched.files.isEmpty()) {
                dirs.remove(dir);
                if (watched.key != null) {
                    watched.key.cancel();
                }
            } else if (watched.key == null || !watched.key.isValid()) {
                watched.key = watch(dir);
            }
        }
        done.forEach(awaited -> awaited.exited.complete(null));
    }

    /** Every awaited file once, and the watches of dirs that came or were replaced since. */
    private void safetyCheck() {
        List<Path> watchedDirs;
        synchronized (dirs) {
            watchedDirs = new ArrayList<>(dirs.keySet());
        }
        watchedDirs.forEach(dir -> check(dir, true));
    }

    private static boolean hasExited(Path exitFile) {
        try {
            return Files.size(exitFile) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the thread; waiters get a {@link RuntimeFailure}. */
    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Cannot close the exit watcher: {}", e.getMessage());
        }
        thread.interrupt();
        synchronized (dirs) {
            RuntimeFailure gone = new RuntimeFailure("the exit watcher is closed");
            dirs.values().forEach(d -> d.files.values().forEach(a -> a.exited.completeExceptionally(gone)));
            dirs.clear();
        }
    }

    /** Number of files awaited now, for tests. */
    int awaitedFiles() {
        synchronized (dirs) {
            return dirs.values().stream().mapToInt(d -> d.files.size()).sum();
        }
    }

    private static final class WatchedDir {
        WatchKey key;
        final Map<Path, Awaited> files = new HashMap<>();
    }

    /** One exit file's waiters share its future. */
    private static final class Awaited {
        final CompletableFuture<Void> exited = new CompletableFuture<>();
        /** Threads in {@link ExitWatcher#await} on it now. */
        int waiters;
        /** Someone waited since the last safety check. */
        boolean wanted;
    }
}
