package wharf.daemon.internal;

import java.util.Locale;

import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.JobError;
import wharf.engine.api.SystemError;

/**
 * A start the runtime refused, classified as moby's {@code translateContainerdStartErr}: a
 * missing command is 400 with exit code 127, one that cannot be run 400 with 126, a file
 * mounted on a dir (or back) 400, anything else 500 with exit code 128.
 */
record StartFailure(String message, int exitCode, JobError error) {

    static StartFailure of(String command, String runtimeMessage) {
        String text = runtimeMessage == null ? "unknown error" : runtimeMessage;
        String message = text.startsWith("OCI runtime") ? text : "OCI runtime create failed: " + text;
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains(command.toLowerCase(Locale.ROOT))
                && (lower.contains("executable file not found") || lower.contains("no such file or directory"))) {
            return new StartFailure(message, 127, new InvalidParameterError(message));
        }
        if (lower.contains("permission denied")) {
            return new StartFailure(message, 126, new InvalidParameterError(message));
        }
        if (lower.contains("not a directory")) {
            String hint = message + ": Are you trying to mount a directory onto a file (or vice-versa)? "
                    + "Check if the specified host path exists and is the expected type";
            return new StartFailure(hint, 128, new InvalidParameterError(hint));
        }
        return new StartFailure(message, 128, new SystemError(message));
    }
}
