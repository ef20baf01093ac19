package wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.launcher.DockerCli.Result;

/**
 * Commit, rename, update, container prune, system df and the image-in-use conflict end to end:
 * bin/wharf driven by the docker CLI, on a busybox image imported from Debian's busybox-static.
 * One daemon serves the class; every test names its containers and images after itself and
 * removes them.
 *
 * <p>With {@code -Dwharf.e2e.socket=/path/docker.sock} the same tests run against a daemon already
 * listening there (dockerd 20.10), to check that each assertion is what dockerd does; the cgroup
 * assertion then reads dockerd's cgroup path.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChangesE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "changes-e2e:1";

    private static E2eDaemon daemon;
    private static Path tmp;
    private static Path socket;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        daemon = E2eDaemon.startOrExternal("changes");
        daemon.importBusybox(IMAGE);
        tmp = daemon.tmp();
        socket = daemon.socket();
        docker = daemon.docker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void commitMakesAnImageWithTheContainersChangesAndTheConfigChanges() throws Exception {
        String image = "commit-e2e:1";
        try {
            docker.ok("run", "--name", "commit-src", IMAGE, "sh", "-c", "echo committed > /committed.txt; rm /notexec");
            String container = id("commit-src");
            String imageId = docker.ok("commit", "--change", "ENV X=1", "-m", "a message", "-a", "me", "commit-src",
                    image);
            assertTrue(imageId.matches("sha256:[0-9a-f]{64}"), imageId);

            Result run = docker.run("run", "--rm", image, "sh", "-c",
                    "cat /committed.txt; test -e /notexec && echo present || echo gone; echo X=$X");
            assertEquals(0, run.exit(), run.output());
            assertEquals("committed\ngone\nX=1\n", run.output(), "the file is there, the deleted one is not");

            // API 1.41, dockerd 20.10's: later versions leave out Container and ContainerConfig
            JsonNode inspect = JSON.readTree(curl("/v1.41/images/" + image + "/json"));
            assertEquals(imageId, inspect.get("Id").asText());
            assertTrue(inspect.get("Config").get("Env").toString().contains("\"X=1\""), inspect.toString());
            assertEquals(container, inspect.get("Container").asText());
            assertEquals("me", inspect.get("Author").asText());
            assertEquals("[\"sh\",\"-c\",\"echo committed > /committed.txt; rm /notexec\"]",
                    inspect.get("ContainerConfig").get("Cmd").toString());
            String history = docker.ok("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Comment}}", image);
            assertEquals("sh -c echo committed > /committed.txt; rm /notexec|a message", history.lines().findFirst()
                    .orElseThrow());
        } finally {
            docker.run("rm", "-f", "commit-src");
            docker.run("rmi", image);
        }
    }

    @Test
    void dockerJavaCommitsWithAConfigInTheBody() throws Exception {
        DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket).build();
        String image = "commit-java-e2e";
        try (ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(cfg.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(30)).build();
                DockerClient client = DockerClientImpl.getInstance(cfg, http)) {
            docker.ok("run", "--name", "commit-java", IMAGE, "sh", "-c", "echo java > /java.txt");
            String imageId = client.commitCmd("commit-java").withRepository(image).withTag("1").withEnv("Y=2")
                    .withAuthor("java").exec();
            assertTrue(imageId.startsWith("sha256:"), imageId);
            // the body's config is filled in from the container's: the Cmd stays, the Env is the body's
            JsonNode config = imageInspect(image + ":1").get("Config");
            assertEquals("[\"sh\",\"-c\",\"echo java > /java.txt\"]", config.get("Cmd").toString());
            assertEquals("java\nY=2", docker.ok("run", "--rm", image + ":1", "sh", "-c", "cat /java.txt; echo Y=$Y"));
        } finally {
            docker.run("rm", "-f", "commit-java");
            docker.run("rmi", image + ":1");
        }
    }

    @Test
    void commitOfARunningContainerLeavesItRunning() throws Exception {
        String image = "commit-running-e2e:1";
        try {
            docker.ok("run", "-d", "--name", "commit-live", IMAGE, "sh", "-c", "echo live > /live.txt; sleep 100");
            awaitFile("commit-live", "/live.txt");
            docker.ok("commit", "commit-live", image);
            assertEquals("running", docker.ok("inspect", "-f", "{{.State.Status}}", "commit-live"),
                    "paused for the commit, unpaused after");
            assertEquals("live", docker.ok("run", "--rm", image, "cat", "/live.txt"));
        } finally {
            docker.run("rm", "-f", "commit-live");
            docker.run("rmi", image);
        }
    }

    @Test
    void renameAndTheNameConflict() throws Exception {
        try {
            String id = docker.ok("run", "-d", "--name", "ren-a", IMAGE, "sleep", "100");
            docker.ok("create", "--name", "ren-b", IMAGE, "true");
            docker.ok("rename", "ren-a", "ren-a2");
            assertEquals("/ren-a2", docker.ok("inspect", "-f", "{{.Name}}", id));
            assertNotEquals(0, docker.run("inspect", "ren-a").exit(), "the old name is free");

            Result taken = docker.run("rename", "ren-a2", "ren-b");
            assertEquals(1, taken.exit(), taken.output());
            assertTrue(taken.output().contains("Error response from daemon: Error when allocating new name: Conflict. "
                    + "The container name \"/ren-b\" is already in use by container"), taken.output());
            Result same = docker.run("rename", "ren-b", "ren-b");
            assertTrue(same.output().contains("Renaming a container with the same name as its current name"),
                    same.output());
        } finally {
            docker.run("rm", "-f", "ren-a", "ren-a2", "ren-b");
        }
    }

    @Test
    void updateOfAMemoryLimitReachesTheCgroupAndInspect() throws Exception {
        try {
            String id = docker.ok("run", "-d", "--name", "upd", IMAGE, "sleep", "100");
            docker.ok("update", "-m", "64m", "--memory-swap", "128m", "--restart", "on-failure:3", "upd");
            JsonNode host = inspect("upd").get("HostConfig");
            assertEquals(64L << 20, host.get("Memory").asLong());
            assertEquals(128L << 20, host.get("MemorySwap").asLong());
            assertEquals("on-failure", host.get("RestartPolicy").get("Name").asText());
            assertEquals(3, host.get("RestartPolicy").get("MaximumRetryCount").asInt());
            Path limit = Path.of("/sys/fs/cgroup/memory", daemon.external() ? "docker" : "wharf", id,
                    "memory.limit_in_bytes");
            assertEquals(Long.toString(64L << 20), Files.readString(limit).trim());
        } finally {
            docker.run("rm", "-f", "upd");
        }
    }

    @Test
    void pruneRemovesExitedContainersAndKeepsRunningOnes() throws Exception {
        try {
            String running = docker.ok("run", "-d", "--name", "prune-run", IMAGE, "sleep", "100");
            docker.ok("run", "--name", "prune-exit", IMAGE, "true");
            String exited = id("prune-exit");
            String out = docker.ok("container", "prune", "-f");
            assertTrue(out.contains(exited), out);
            assertTrue(!out.contains(running), out);
            assertNotEquals(0, docker.run("inspect", "prune-exit").exit(), "the exited container is gone");
            assertEquals("running", docker.ok("inspect", "-f", "{{.State.Status}}", "prune-run"));
        } finally {
            docker.run("rm", "-f", "prune-run", "prune-exit");
        }
    }

    @Test
    void systemDfListsTheImageAndTheContainerAndInfoCountsThem() throws Exception {
        try {
            String running = docker.ok("run", "-d", "--name", "df-run", IMAGE, "sleep", "100");
            docker.ok("create", "--name", "df-created", IMAGE, "true");
            String imageId = imageInspect(IMAGE).get("Id").asText();

            JsonNode df = JSON.readTree(curl("/v1.41/system/df"));
            assertTrue(df.get("LayersSize").asLong() > 0, df::toString);
            JsonNode image = find(df.get("Images"), "Id", imageId);
            assertEquals(2, image.get("Containers").asInt(), image::toString);
            assertTrue(image.get("Size").asLong() > 0, image::toString);
            JsonNode container = find(df.get("Containers"), "Id", running);
            assertTrue(container.get("SizeRootFs").asLong() >= image.get("Size").asLong(), container::toString);
            assertEquals("[]", df.get("Volumes").toString());

            Result cli = docker.run("system", "df");
            assertEquals(0, cli.exit(), cli.output());
            assertTrue(cli.output().startsWith("TYPE"), cli.output());

            JsonNode info = JSON.readTree(curl("/v1.41/info"));
            int all = docker.ok("ps", "-aq").lines().toList().size();
            int up = docker.ok("ps", "-q").lines().toList().size();
            assertEquals(all, info.get("Containers").asInt());
            assertEquals(up, info.get("ContainersRunning").asInt() + info.get("ContainersPaused").asInt());
            assertEquals(all - up, info.get("ContainersStopped").asInt());
        } finally {
            docker.run("rm", "-f", "df-run", "df-created");
        }
    }

    @Test
    void anImageAContainerUsesCannotBeRemoved() throws Exception {
        String image = "rmi-e2e:1";
        try {
            docker.ok("run", "--name", "rmi-src", IMAGE, "touch", "/mark");
            String imageId = docker.ok("commit", "rmi-src", image);
            String shortImage = imageId.substring("sha256:".length(), "sha256:".length() + 12);
            String user = docker.ok("create", "--name", "rmi-user", image, "sleep", "100");
            String shortUser = user.substring(0, 12);

            Result byId = docker.run("rmi", imageId);
            assertEquals(1, byId.exit(), byId.output());
            assertEquals("Error response from daemon: conflict: unable to delete " + shortImage + " (must be forced) - "
                    + "image is being used by stopped container " + shortUser, byId.output().trim());
            Result byName = docker.run("rmi", image);
            assertEquals("Error response from daemon: conflict: unable to remove repository reference \"" + image
                    + "\" (must force) - container " + shortUser + " is using its referenced image " + shortImage,
                    byName.output().trim());

            docker.ok("start", "rmi-user");
            Result running = docker.run("rmi", "-f", imageId);
            assertEquals("Error response from daemon: conflict: unable to delete " + shortImage + " (cannot be forced) "
                    + "- image is being used by running container " + shortUser, running.output().trim());

            docker.ok("rm", "-f", "rmi-user");
            assertTrue(docker.ok("rmi", image).contains("Deleted: " + imageId), "once the container is gone, it goes");
        } finally {
            docker.run("rm", "-f", "rmi-src", "rmi-user");
            docker.run("rmi", image);
        }
    }

    private static String id(String name) throws IOException, InterruptedException {
        return docker.ok("inspect", "-f", "{{.Id}}", name);
    }

    private static JsonNode inspect(String name) throws IOException, InterruptedException {
        return JSON.readTree(docker.ok("inspect", name)).get(0);
    }

    private static JsonNode imageInspect(String name) throws IOException, InterruptedException {
        return JSON.readTree(docker.ok("image", "inspect", name)).get(0);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static void awaitFile(String container, String path) throws Exception {
        E2e.await(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> docker.run("exec", container, "test", "-e", path).exit() == 0,
                () -> path + " never appeared in " + container);
    }

    /** A GET over the daemon's socket; its body. */
    private static String curl(String path) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sf", "-m", "30", "--unix-socket", socket.toString(),
                "http://localhost" + path));
        Result r = DockerCli.run(new ProcessBuilder(command));
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }
}
