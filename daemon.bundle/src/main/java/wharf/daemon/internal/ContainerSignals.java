package wharf.daemon.internal;

import java.util.Map;

import wharf.engine.api.SystemError;
import wharf.runtime.api.ContainerRuntime;
import wharf.runtime.api.ContainerState;
import wharf.runtime.api.RuntimeFailure;

/** Signals to a container's main process, as the stop, kill and rm jobs send them. */
final class ContainerSignals {
    private final ContainerStore store;
    private final ContainerRuntime runtime;
    private final ContainerEvents events;

    ContainerSignals(ContainerStore store, ContainerRuntime runtime, ContainerEvents events) {
        this.store = store;
        this.runtime = runtime;
        this.events = events;
    }

    static int stopSignal(ContainerRecord r) {
        String s = r.config().stopSignal();
        return s == null || s.isEmpty() ? Signals.SIGTERM : Signals.parse(s);
    }

    /**
     * Sends a signal as moby's {@code killWithSignal}: marks the container stopped by the user,
     * ends its restart policy for the stop signal and SIGKILL (and thaws it so that the signal
     * lands), and says {@code kill}. The caller holds the lock.
     */
    void signalLocked(Container c, int sig) {
        ContainerRecord r = c.record();
        boolean ends = sig == Signals.SIGKILL || sig == stopSignal(r);
        if (ends) {
            c.cancelPendingRestart();
        }
        c.update(r.withManuallyStopped(true));
        store.save(c);
        try {
            runtime.kill(c.id, sig);
        } catch (RuntimeFailure e) {
            if (runtime.state(c.id).map(s -> s.status() != ContainerState.Status.STOPPED).orElse(false)) {
                throw new SystemError("Cannot kill container " + c.id + ": " + e.getMessage(), e);
            }
        }
        events.publish(c.record(), "kill", Map.of("signal", Integer.toString(sig)));
        if (ends && r.status().equals("paused")) {
            runtime.resume(c.id);
            c.update(c.record().withState(States.paused(c.record().state(), false)));
            store.save(c);
        }
    }
}
