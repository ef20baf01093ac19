package wharf.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import wharf.runtime.api.RuntimeFailure;

/** Resolves a container's user ({@code user[:group]}, names or numbers) against its rootfs. */
final class Users {

    record Resolved(int uid, int gid, List<Integer> additionalGids) {
    }

    private Users() {
    }

    static Resolved resolve(String user, Path rootfs) {
        String spec = user == null || user.isEmpty() ? "0" : user;
        int colon = spec.indexOf(':');
        String userPart = colon < 0 ? spec : spec.substring(0, colon);
        String groupPart = colon < 0 ? null : spec.substring(colon + 1);
        Optional<String[]> passwd = isNumber(userPart)
                ? find(rootfs.resolve("etc/passwd"), 2, userPart)
                : find(rootfs.resolve("etc/passwd"), 0, userPart);
        if (!isNumber(userPart) && passwd.isEmpty()) {
            throw new RuntimeFailure("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        int uid = isNumber(userPart) ? Integer.parseInt(userPart) : Integer.parseInt(passwd.get()[2]);
        int gid;
        if (groupPart != null) {
            gid = isNumber(groupPart) ? Integer.parseInt(groupPart) : Integer.parseInt(
                    find(rootfs.resolve("etc/group"), 0, groupPart).orElseThrow(() -> new RuntimeFailure(
                            "unable to find group " + groupPart + ": no matching entries in group file"))[2]);
        } else {
            gid = passwd.map(fields -> Integer.parseInt(fields[3])).orElse(0);
        }
        String name = passwd.map(fields -> fields[0]).orElse(null);
        return new Resolved(uid, gid, name == null ? List.of() : supplementaryGroups(rootfs, name, gid));
    }

    private static List<Integer> supplementaryGroups(Path rootfs, String name, int primary) {
        List<Integer> gids = new ArrayList<>();
        for (String[] group : entries(rootfs.resolve("etc/group"))) {
            if (group.length >= 4 && isNumber(group[2]) && List.of(group[3].split(",")).contains(name)) {
                int gid = Integer.parseInt(group[2]);
                if (gid != primary && !gids.contains(gid)) {
                    gids.add(gid);
                }
            }
        }
        return gids;
    }

    private static Optional<String[]> find(Path file, int field, String value) {
        return entries(file).stream()
                .filter(fields -> fields.length >= 4 && fields[field].equals(value) && isNumber(fields[2]))
                .findFirst();
    }

    private static List<String[]> entries(Path file) {
        List<String[]> entries = new ArrayList<>();
        try {
            // a symlink pointing out of the rootfs is not followed to the host's file
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return entries;
            }
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.split(":", -1));
                }
            }
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
