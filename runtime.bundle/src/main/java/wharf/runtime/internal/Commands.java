package wharf.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import wharf.runtime.api.RuntimeFailure;

/** Runs the helper programs (runc, mount, cp) to completion, bounded in time. */
final class Commands {

    /** What a finished program left: its exit code and its output, stdout then stderr. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, Duration timeout) {
        Path out = null;
        try {
            // a file, not a pipe: a program that leaves children behind (conmon) must not hold us up
            out = Files.createTempFile("wharf-runtime", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RuntimeFailure(command.get(0) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new RuntimeFailure("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while running " + command.get(0), e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    /** Runs a program and fails with its own message when it fails. */
    static String check(List<String> command, Duration timeout) {
        Result result = run(command, timeout);
        if (!result.ok()) {
            throw new RuntimeFailure(result.output().isEmpty()
                    ? command.get(0) + " failed with exit code " + result.exitCode()
                    : result.output());
        }
        return result.output();
    }
}
