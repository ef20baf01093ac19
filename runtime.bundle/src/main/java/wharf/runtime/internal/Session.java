package wharf.runtime.internal;

import java.nio.file.Path;

/**
 * The files of one conmon-run process: a container's main process or one of its execs. conmon
 * puts its attach socket and control FIFOs in {@code bundle} (-b); the rest sits in {@code dir}.
 *
 * @param bundle conmon's bundle dir: the OCI bundle for the main process, the exec's own dir for an exec
 * @param dir pid files, exit dir, socket dir and the runtime's log
 */
record Session(Path bundle, Path dir) {

    Path pidFile() {
        return dir.resolve("pidfile");
    }

    Path conmonPidFile() {
        return dir.resolve("conmon.pid");
    }

    /** conmon links {@code <socketDir>/<cuuid>} to the bundle so the socket's path stays short. */
    Path socketDir() {
        return dir.resolve("sockets");
    }

    /** runc's --log: one JSON object a line. */
    Path runtimeLog() {
        return dir.resolve("runtime.log");
    }

    Path exitDir() {
        return dir.resolve("exits");
    }

    /** conmon names its exit file after the container's ID, also for an exec. */
    Path exitFile(String containerId) {
        return exitDir().resolve(containerId);
    }

    /** Present when the process was started with an open stdin (conmon's -i). */
    Path stdinMarker() {
        return dir.resolve("stdin-open");
    }

    Path attachSocket() {
        return bundle.resolve("attach");
    }

    /** conmon's control FIFO: lines {@code <type> <height> <width>}, type 1 a resize. */
    Path controlFifo() {
        return bundle.resolve("ctl");
    }
}
