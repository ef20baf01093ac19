package wharf.graph.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wharf.engine.api.CancelledError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;
import wharf.engine.api.image.Progress;

/**
 * Blob downloads shared between pulls, as dockerd's transfer manager shares them: a blob that
 * one pull is fetching is not fetched again by another pull into the same store; the second
 * pull watches the first one's download and sees its progress. At most {@code limit} downloads
 * run at once, daemon-wide (dockerd's {@code max-concurrent-downloads}); the others report
 * {@code Waiting}. A download stops when the last pull watching it goes away.
 */
final class Downloads {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);
    private static final int BUFFER = 64 * 1024;

    /** Fetches a blob's bytes from a registry; bound to the session of the pull that started it. */
    @FunctionalInterface
    interface Source {
        InputStream open(Descriptor blob) throws IOException;
    }

    /** A pull's view of a download: its progress sink and the id it shows the layer under. */
    record Watcher(Progress progress, String id) {
    }

    private record Key(BlobStore store, String digest) {
    }

    private final Map<Key, Download> inflight = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ExecutorService executor;

    Downloads(int limit, ExecutorService executor) {
        this.slots = new Semaphore(limit, true);
        this.executor = executor;
    }

    /**
     * Joins the download of a blob into {@code store}, starting it if no pull is fetching it,
     * or finds it already stored. The watcher gets the download's progress from now on.
     */
    Download join(BlobStore store, Descriptor blob, Source source, Watcher watcher) {
        Key key = new Key(store, blob.digest());
        while (true) {
            Download d = inflight.computeIfAbsent(key, k -> start(k, blob, source));
            if (d.alreadyStored()) {
                // nothing to share: the next pull checks the store afresh
                inflight.remove(key, d);
            }
            if (d.attach(watcher)) {
                return d;
            }
            // it was stopping for want of watchers: start afresh
            inflight.remove(key, d);
        }
    }

    private Download start(Key key, Descriptor blob, Source source) {
        Download d = new Download(key, blob);
        if (key.store().has(blob.digest())) {
            // checked under the map's lock for this key, so a download that just finished and
            // left the map is seen here rather than started again
            d.alreadyStored = true;
            d.done.complete(null);
            return d;
        }
        d.task = executor.submit(() -> d.run(source));
        return d;
    }

    /** One blob download and the pulls watching it. */
    final class Download {
        private final Key key;
        private final Descriptor blob;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final List<Watcher> watchers = new ArrayList<>();
        private volatile Future<?> task;
        private volatile InputStream body;
        private volatile boolean alreadyStored;
        private boolean stopping;
        /** The last event, replayed to a pull that joins late. */
        private String lastStatus;
        private long lastCurrent = -1;

        Download(Key key, Descriptor blob) {
            this.key = key;
            this.blob = blob;
        }

        /** Completes when the blob is stored; fails with the download's error. */
        CompletableFuture<Void> done() {
            return done;
        }

        /** True when the blob was found stored and nothing was downloaded. */
        boolean alreadyStored() {
            return alreadyStored;
        }

        boolean attach(Watcher w) {
            String status;
            long current;
            synchronized (this) {
                if (stopping) {
                    return false;
                }
                watchers.add(w);
                status = lastStatus;
                current = lastCurrent;
            }
            if (status != null) {
                deliver(w, status, current);
            }
            return true;
        }

        /**
         * Stops watching. The last watcher leaving a download that has not finished stops it, as
         * nobody wants the blob any more.
         */
        void detach(Watcher w) {
            boolean stop;
            synchronized (this) {
                watchers.remove(w);
                stop = watchers.isEmpty() && !done.isDone();
                stopping |= stop;
            }
            if (stop) {
                inflight.remove(key, this);
                Future<?> t = task;
                if (t != null) {
                    t.cancel(true);
                }
                closeQuietly(body);
                done.completeExceptionally(new CancelledError("download of " + blob.digest() + " stopped"));
            }
        }

        private void run(Source source) {
            try {
                if (!slots.tryAcquire()) {
                    status("Waiting", -1);
                    slots.acquire();
                }
                try {
                    fetch(source);
                } finally {
                    slots.release();
                }
                inflight.remove(key, this);
                done.complete(null);
            } catch (InterruptedException e) {
                inflight.remove(key, this);
                done.completeExceptionally(new CancelledError("download of " + blob.digest() + " stopped", e));
            } catch (Throwable t) {
                inflight.remove(key, this);
                done.completeExceptionally(t);
            }
        }

        private void fetch(Source source) {
            if (stopping) {
                throw stopped(null);
            }
            long size = blob.size();
            try (InputStream in = source.open(blob);
                    BlobWriter writer = key.store().create(blob.digest(), size)) {
                body = in;
                ProgressReader counted = new ProgressReader(in, size, n -> status("Downloading", n));
                byte[] buffer = new byte[BUFFER];
                long written = 0;
                for (int n; (n = counted.read(buffer)) >= 0; ) {
                    written += n;
                    if (size >= 0 && written > size) {
                        // a registry sending more than the manifest says is not to be believed
                        throw verification();
                    }
                    writer.write(buffer, 0, n);
                }
                status("Verifying Checksum", -1);
                try {
                    writer.commit();
                } catch (DigestMismatchException e) {
                    throw verification();
                }
            } catch (IOException e) {
                throw stopping ? stopped(e) : new SystemError(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw stopping ? stopped(e) : e;
            }
            status("Download complete", -1);
        }

        private CancelledError stopped(Throwable cause) {
            return new CancelledError("download of " + blob.digest() + " stopped", cause);
        }

        private JobError verification() {
            return new SystemError("filesystem layer verification failed for digest " + blob.digest());
        }

        private void status(String status, long current) {
            List<Watcher> now;
            synchronized (this) {
                lastStatus = status;
                lastCurrent = current;
                now = List.copyOf(watchers);
            }
            now.forEach(w -> deliver(w, status, current));
        }

        /**
         * One watcher's client may be gone (its write throws): that pull fails on its own
         * thread; the download goes on for the others.
         */
        private void deliver(Watcher w, String status, long current) {
            try {
                if (current >= 0) {
                    w.progress().progress(w.id(), status, current, blob.size());
                } else {
                    w.progress().status(w.id(), status);
                }
            } catch (RuntimeException e) {
                LOG.debug("progress for {} not delivered: {}", w.id(), e.toString());
            }
        }

        private void closeQuietly(InputStream in) {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.debug("closing the download of {}: {}", blob.digest(), e.toString());
                }
            }
        }
    }
}
