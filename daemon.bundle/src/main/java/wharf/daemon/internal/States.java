package wharf.daemon.internal;

import java.time.Duration;
import java.time.Instant;

import wharf.common.GoTime;
import wharf.engine.api.container.ContainerInspect.State;

/** The transitions of a container's state, as moby's {@code container.State} setters make them. */
final class States {
    private States() {
    }

    static State created() {
        return new State("created", false, false, false, false, false, 0, 0, "", GoTime.ZERO, GoTime.ZERO);
    }

    /** moby's {@code SetRunning}: the error and exit code clear, the last finish time stays. */
    static State running(State s, long pid, Instant now) {
        return new State("running", true, false, false, false, false, pid, 0, "", GoTime.format(now), s.finishedAt());
    }

    /** A run a restarted daemon finds going on: its start time stays. */
    static State stillRunning(State s, long pid) {
        return new State("running", true, false, false, false, false, pid, 0, "", s.startedAt(), s.finishedAt());
    }

    static State exited(State s, int exitCode, Instant finished) {
        return new State("exited", false, false, false, false, false, 0, exitCode, s.error(), s.startedAt(),
                GoTime.format(finished));
    }

    /** Between an exit and the restart its policy asks for; moby counts it as running. */
    static State restarting(State s, int exitCode, Instant finished) {
        return new State("restarting", true, false, true, false, false, 0, exitCode, s.error(), s.startedAt(),
                GoTime.format(finished));
    }

    static State paused(State s, boolean paused) {
        return new State(paused ? "paused" : "running", true, paused, false, false, false, s.pid(), s.exitCode(),
                s.error(), s.startedAt(), s.finishedAt());
    }

    /** A start that failed: the status stays, the error and exit code are recorded. */
    static State failed(State s, String error, int exitCode) {
        return new State(s.status(), s.running(), s.paused(), s.restarting(), false, s.dead(), s.pid(), exitCode,
                error, s.startedAt(), s.finishedAt());
    }

    static State removing(State s) {
        return new State("removing", false, false, false, s.oomKilled(), false, 0, s.exitCode(), s.error(),
                s.startedAt(), s.finishedAt());
    }

    /** moby's {@code State.String()}: what {@code docker ps} shows under STATUS. */
    static String describe(State s, Instant now) {
        Instant started = GoTime.parse(s.startedAt());
        Instant finished = GoTime.parse(s.finishedAt());
        switch (s.status()) {
            case "paused":
                return "Up " + since(started, now) + " (Paused)";
            case "restarting":
                return "Restarting (" + s.exitCode() + ") " + since(finished, now) + " ago";
            case "running":
                return "Up " + since(started, now);
            case "removing":
                return "Removal In Progress";
            case "dead":
                return "Dead";
            default:
                if (started == null) {
                    return "Created";
                }
                if (finished == null) {
                    return "";
                }
                return "Exited (" + s.exitCode() + ") " + since(finished, now) + " ago";
        }
    }

    private static String since(Instant t, Instant now) {
        return GoTime.human(t == null ? Duration.ZERO : Duration.between(t, now));
    }
}
