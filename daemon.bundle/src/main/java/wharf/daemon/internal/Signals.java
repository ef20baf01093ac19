package wharf.daemon.internal;

import java.util.Locale;
import java.util.Map;

import wharf.engine.api.InvalidParameterError;

/** Signal names and numbers as moby's {@code signal.ParseSignal} reads them (Linux numbering). */
final class Signals {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    private static final Map<String, Integer> LINUX = Map.ofEntries(Map.entry("ABRT", 6), Map.entry("ALRM", 14),
            Map.entry("BUS", 7), Map.entry("CHLD", 17), Map.entry("CLD", 17), Map.entry("CONT", 18),
            Map.entry("FPE", 8), Map.entry("HUP", 1), Map.entry("ILL", 4), Map.entry("INT", 2), Map.entry("IO", 29),
            Map.entry("IOT", 6), Map.entry("KILL", 9), Map.entry("PIPE", 13), Map.entry("POLL", 29),
            Map.entry("PROF", 27), Map.entry("PWR", 30), Map.entry("QUIT", 3), Map.entry("SEGV", 11),
            Map.entry("STKFLT", 16), Map.entry("STOP", 19), Map.entry("SYS", 31), Map.entry("TERM", 15),
            Map.entry("TRAP", 5), Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22),
            Map.entry("URG", 23), Map.entry("USR1", 10), Map.entry("USR2", 12), Map.entry("VTALRM", 26),
            Map.entry("WINCH", 28), Map.entry("XCPU", 24), Map.entry("XFSZ", 25));
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private Signals() {
    }

    /** {@code KILL}, {@code SIGKILL}, {@code 9}, {@code RTMIN+3}; anything else fails with {@code Invalid signal: X}. */
    static int parse(String text) {
        try {
            int number = Integer.parseInt(text);
            if (number > 0 && number <= SIGRTMAX) {
                return number;
            }
        } catch (NumberFormatException e) {
            String name = text.toUpperCase(Locale.ROOT);
            name = name.startsWith("SIG") ? name.substring(3) : name;
            Integer number = LINUX.get(name);
            if (number != null) {
                return number;
            }
            Integer realtime = realtime(name);
            if (realtime != null) {
                return realtime;
            }
        }
        throw new InvalidParameterError("Invalid signal: " + text);
    }

    /** {@code RTMIN}, {@code RTMIN+n}, {@code RTMAX-n}, as Go's signal table names them. */
    private static Integer realtime(String name) {
        try {
            if (name.equals("RTMIN")) {
                return SIGRTMIN;
            } else if (name.equals("RTMAX")) {
                return SIGRTMAX;
            } else if (name.startsWith("RTMIN+")) {
                int n = SIGRTMIN + Integer.parseInt(name.substring(6));
                return n <= SIGRTMAX ? n : null;
            } else if (name.startsWith("RTMAX-")) {
                int n = SIGRTMAX - Integer.parseInt(name.substring(6));
                return n >= SIGRTMIN ? n : null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
