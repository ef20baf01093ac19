package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import wharf.launcher.DockerCli.Result;

/**
 * The image the container tests run: Debian's busybox-static with a link for every applet, an
 * empty /tmp and a file that is not executable ({@code /notexec}), as a tar for {@code docker import}.
 */
final class BusyboxImage {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    /** Builds the rootfs under {@code dir} and returns its tar beside it. */
    static Path tar(Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("notexec"), "not a program\n");
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        Result applets = DockerCli.run(new ProcessBuilder(BUSYBOX.toString(), "--list"));
        assertEquals(0, applets.exit(), applets.output());
        for (String applet : applets.output().lines().filter(a -> !a.equals("busybox")).toList()) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolveSibling(dir.getFileName() + ".tar");
        Result tarred = DockerCli.run(new ProcessBuilder("tar", "--numeric-owner", "--owner=0", "--group=0",
                "-C", dir.toString(), "-cf", tar.toString(), "bin", "tmp", "notexec"));
        assertEquals(0, tarred.exit(), tarred.output());
        return tar;
    }

    /** Imports the image under {@code name} with {@code CMD ["sh"]}. */
    static void importAs(DockerCli docker, Path dir, String name) throws IOException, InterruptedException {
        docker.ok("import", "--change", "CMD [\"sh\"]", tar(dir).toString(), name);
    }
}
