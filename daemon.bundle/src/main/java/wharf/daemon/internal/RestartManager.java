package wharf.daemon.internal;

import java.time.Duration;

import wharf.engine.api.container.HostConfig.RestartPolicy;

/**
 * moby's {@code restartmanager}: whether an exit leads to a restart under the container's policy,
 * and after how long (100 ms, doubling per quick exit up to a minute; back to 100 ms after a run
 * of 10 s or more). Cancelled by an explicit stop or kill; a new one comes with each start the
 * user asks for. Guarded by the container's lock.
 */
final class RestartManager {
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration STABLE_RUN = Duration.ofSeconds(10);

    private final RestartPolicy policy;
    private int restartCount;
    private Duration delay = Duration.ZERO;
    private boolean cancelled;

    RestartManager(RestartPolicy policy, int restartCount) {
        this.policy = policy;
        this.restartCount = restartCount;
    }

    /** The delay before the restart, or null when the exit ends the container's runs. */
    Duration shouldRestart(int exitCode, boolean manuallyStopped, Duration ranFor) {
        if (policy.name().equals("no") || cancelled) {
            return null;
        }
        if (ranFor.compareTo(STABLE_RUN) >= 0) {
            delay = Duration.ZERO;
        }
        delay = delay.isZero() ? FIRST_DELAY : delay.multipliedBy(2);
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        boolean restart = switch (policy.name()) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            case "on-failure" -> exitCode != 0
                    && (policy.maximumRetryCount() == 0 || restartCount < policy.maximumRetryCount());
            default -> false;
        };
        if (!restart) {
            return null;
        }
        restartCount++;
        return delay;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
