package wharf.daemon.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerTop;

/**
 * What moby's {@code daemon/top_unix.go} does with {@code ps}: checks the arguments, and keeps of
 * ps's table the rows of the container's pids (and the thread rows, PID {@code -}, that follow one
 * of them), with the titles from the header; a last column with spaces (the command) is one value.
 */
final class PsTable {
    /** An output field renamed to {@code PID} other than pid's own would fool the PID column search. */
    private static final Pattern RENAMED_PID = Pattern.compile("\\s+([^\\s]*)=\\s*(PID[^\\s]*)");
    private static final Pattern ASCII_SPACE = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");

    private PsTable() {
    }

    /** The arguments for ps ({@code -ef} when none), split at single spaces as moby does. */
    static List<String> arguments(String psArgs) {
        String args = psArgs.isEmpty() ? "-ef" : psArgs;
        Matcher m = RENAMED_PID.matcher(args);
        while (m.find()) {
            if (!m.group(1).equals("pid")) {
                throw new SystemError("specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
            }
        }
        return Arrays.asList(args.split(" ", -1));
    }

    /** moby's {@code psPidsArg}: {@code -q} with the pids, so ps lists just them where it can. */
    static String pidsArgument(List<Integer> pids) {
        StringBuilder arg = new StringBuilder("-q");
        for (int i = 0; i < pids.size(); i++) {
            arg.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return arg.toString();
    }

    /** The container's rows of ps's output. */
    static ContainerTop parse(String output, Set<Integer> pids) {
        String[] lines = output.split("\n", -1);
        List<String> titles = fields(lines[0]);
        int pidIndex = titles.indexOf("PID");
        if (pidIndex < 0) {
            throw new SystemError("Couldn't find PID field in ps output");
        }
        List<List<String>> processes = new ArrayList<>();
        boolean previousIncluded = false;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            List<String> fields = fields(lines[i]);
            if (fields.size() <= pidIndex) {
                continue;
            }
            String pid = fields.get(pidIndex);
            if (pid.equals("-")) {
                if (previousIncluded) {
                    processes.add(row(fields, titles.size()));
                }
                continue;
            }
            int p;
            try {
                p = Integer.parseInt(pid);
            } catch (NumberFormatException e) {
                throw new SystemError("Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid
                        + "\": invalid syntax", e);
            }
            previousIncluded = pids.contains(p);
            if (previousIncluded) {
                processes.add(row(fields, titles.size()));
            }
        }
        return new ContainerTop(processes, titles);
    }

    /** As many values as titles: the fields past the last title are joined into the last value. */
    private static List<String> row(List<String> fields, int titles) {
        if (fields.size() <= titles) {
            return fields;
        }
        List<String> row = new ArrayList<>(fields.subList(0, titles - 1));
        row.add(String.join(" ", fields.subList(titles - 1, fields.size())));
        return row;
    }

    /** Go's {@code strings.Fields} restricted to ASCII space (moby's fieldsASCII). */
    private static List<String> fields(String line) {
        String trimmed = ASCII_SPACE.matcher(line).replaceAll(" ").trim();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" "));
    }
}
