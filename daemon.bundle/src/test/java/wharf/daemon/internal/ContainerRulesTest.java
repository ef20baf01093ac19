package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import wharf.common.GoTime;
import wharf.engine.api.Filters;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.SystemError;
import wharf.engine.api.container.ContainerInspect;
import wharf.engine.api.container.ContainerSummary;
import wharf.engine.api.container.HostConfig;
import wharf.engine.api.container.ListContainers;
import wharf.engine.api.image.ContainerConfig;
import wharf.runtime.api.Seccomp;

/** Names, IDs, signals, status texts, config merging, host config checks and list filters. */
@Timeout(10)
class ContainerRulesTest {

    @Test
    void idsAre64HexWithAShortFormThatIsNotANumber() {
        for (int i = 0; i < 200; i++) {
            String id = Ids.generate();
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            assertFalse(id.substring(0, 12).matches("[0-9]+"), id);
        }
    }

    @Test
    void namesFollowDockerdsRule() {
        assertEquals("web.1_a-b", Names.validate("/web.1_a-b"));
        assertEquals("ab", Names.validate("ab"));
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> Names.validate("bad/name"));
        assertEquals("Invalid container name (bad/name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.getMessage());
        assertThrows(InvalidParameterError.class, () -> Names.validate("a"));
        assertThrows(InvalidParameterError.class, () -> Names.validate("_ab"));
        for (int i = 0; i < 50; i++) {
            String generated = Names.generate(i % 3);
            assertTrue(generated.matches("[a-z]+_[a-z]+[0-9]?"), generated);
            assertEquals(generated, Names.validate(generated));
        }
    }

    @Test
    void signalsByNameNumberAndPrefix() {
        assertEquals(9, Signals.parse("KILL"));
        assertEquals(9, Signals.parse("SIGKILL"));
        assertEquals(10, Signals.parse("usr1"));
        assertEquals(15, Signals.parse("15"));
        assertEquals(37, Signals.parse("RTMIN+3"));
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> Signals.parse("FOO"));
        assertEquals("Invalid signal: FOO", e.getMessage());
        assertThrows(InvalidParameterError.class, () -> Signals.parse("0"));
        assertThrows(InvalidParameterError.class, () -> Signals.parse("65"));
    }

    @Test
    void statusTextsAsDockerPsShowsThem() {
        Instant now = Instant.parse("2026-11-27T14:00:00Z");
        ContainerInspect.State created = States.created();
        assertEquals("Created", States.describe(created, now));
        ContainerInspect.State running = States.running(created, 42, now.minusSeconds(3));
        assertEquals("Up 3 seconds", States.describe(running, now));
        assertEquals("Up 3 seconds (Paused)", States.describe(States.paused(running, true), now));
        ContainerInspect.State exited = States.exited(running, 0, now.minusSeconds(120));
        assertEquals("Exited (0) 2 minutes ago", States.describe(exited, now));
        assertEquals("Restarting (1) Less than a second ago",
                States.describe(States.restarting(running, 1, now), now));
        assertEquals("Created", States.describe(States.failed(created, "OCI runtime create failed: x", 127), now));
    }

    @Test
    void startFailuresAsDockerdClassifiesThem() {
        StartFailure missing = StartFailure.of("nope",
                "exec: \"nope\": executable file not found in $PATH");
        assertEquals(127, missing.exitCode());
        assertTrue(missing.error() instanceof InvalidParameterError);
        assertEquals("OCI runtime create failed: exec: \"nope\": executable file not found in $PATH", missing.message());
        assertEquals(126, StartFailure.of("/etc", "exec /etc: permission denied").exitCode());
        StartFailure other = StartFailure.of("sh", "cgroup trouble");
        assertEquals(128, other.exitCode());
        assertEquals(wharf.engine.api.JobError.Kind.SYSTEM, other.error().kind());
    }

    @Test
    void restartPolicyAsMobysRestartManager() {
        RestartManager onFailure = new RestartManager(new HostConfig.RestartPolicy("on-failure", 2), 0);
        assertNull(onFailure.shouldRestart(0, false, Duration.ZERO));
        assertEquals(Duration.ofMillis(200), onFailure.shouldRestart(1, false, Duration.ZERO));
        assertEquals(Duration.ofMillis(400), onFailure.shouldRestart(1, false, Duration.ZERO));
        assertNull(onFailure.shouldRestart(1, false, Duration.ZERO));
        RestartManager always = new RestartManager(new HostConfig.RestartPolicy("always", 0), 0);
        assertEquals(Duration.ofMillis(100), always.shouldRestart(0, true, Duration.ZERO));
        assertEquals(Duration.ofMillis(200), always.shouldRestart(0, true, Duration.ZERO));
        assertEquals(Duration.ofMillis(100), always.shouldRestart(0, true, Duration.ofSeconds(10)));
        always.cancel();
        assertNull(always.shouldRestart(0, false, Duration.ZERO));
        RestartManager unlessStopped = new RestartManager(new HostConfig.RestartPolicy("unless-stopped", 0), 0);
        assertNull(unlessStopped.shouldRestart(0, true, Duration.ZERO));
        assertEquals(Duration.ofMillis(200), unlessStopped.shouldRestart(0, false, Duration.ZERO));
        assertNull(new RestartManager(HostConfig.RestartPolicy.NO, 0).shouldRestart(1, false, Duration.ZERO));
    }

    private static ContainerConfig config(List<String> env, List<String> cmd, List<String> entrypoint,
            Map<String, String> labels, String workingDir) {
        return new ContainerConfig(null, null, null, false, false, false, null, false, false, false, env, cmd, null,
                false, "img", null, workingDir, entrypoint, false, null, null, labels, null, null, null);
    }

    @Test
    void mergeTakesTheImagesConfigWhereTheRequestSaysNothing() {
        ContainerConfig image = config(List.of("PATH=/bin", "A=image"), List.of("sh"), List.of("/init"),
                Map.of("x", "1", "y", "1"), "/srv");
        ContainerConfig merged = ContainerSetup.merge(config(List.of("A=user", "B=2"), null, null, Map.of("y", "2"),
                null), image);
        assertEquals(List.of("A=user", "B=2", "PATH=/bin"), merged.env());
        assertEquals(List.of("/init"), merged.entrypoint());
        assertEquals(List.of("sh"), merged.cmd());
        assertEquals(Map.of("x", "1", "y", "2"), merged.labels());
        assertEquals("/srv", merged.workingDir());
        assertEquals(List.of("/init", "sh"), ContainerSetup.command(merged));

        ContainerConfig ownEntrypoint = ContainerSetup.merge(config(null, null, List.of("echo"), null, null), image);
        assertNull(ownEntrypoint.cmd(), "an Entrypoint given resets the image's Cmd");
        assertEquals(List.of("echo"), ContainerSetup.command(ownEntrypoint));

        ContainerConfig nothing = config(null, null, null, null, null);
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> ContainerSetup.command(ContainerSetup.merge(nothing, nothing)));
        assertEquals("No command specified", e.getMessage());
    }

    @Test
    void processEnvironmentAsDockerdBuildsIt() {
        ContainerConfig c = ContainerSetup.withHostname(new ContainerConfig(null, null, null, false, false, false,
                null, true, false, false, List.of("PATH=/custom", "X=1"), List.of("sh"), null, false, "img", null, null,
                null, false, null, null, null, null, null, null), "abc123");
        assertEquals(List.of("PATH=/custom", "HOSTNAME=abc123", "TERM=xterm", "X=1"), ContainerSetup.processEnv(c));
    }

    private static HostConfig host(String restart, int retries, boolean autoRemove, String network, long memory,
            long nanoCpus, long cpuQuota) {
        return new HostConfig(null, null, null, network, null, new HostConfig.RestartPolicy(restart, retries),
                autoRemove, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, null,
                false, false, false, null, null, null, null, 0, null, null, 0, memory, nanoCpus, null, 0, cpuQuota, null,
                null, null, 0, 0, null, null, null, null, null, null, null, null);
    }

    @Test
    void hostConfigChecks() {
        assertEquals("invalid restart policy 'bogus'", assertThrows(InvalidParameterError.class,
                () -> ContainerSetup.validate(host("bogus", 0, false, null, 0, 0, 0))).getMessage());
        assertEquals("can't create 'AutoRemove' container with restart policy", assertThrows(InvalidParameterError.class,
                () -> ContainerSetup.validate(host("always", 0, true, null, 0, 0, 0))).getMessage());
        assertEquals("network mynet not found", assertThrows(NotFoundError.class,
                () -> ContainerSetup.validate(host("no", 0, false, "mynet", 0, 0, 0))).getMessage());
        assertThrows(InvalidParameterError.class, () -> ContainerSetup.validate(host("no", 0, false, null, -1, 0, 0)));
        assertThrows(InvalidParameterError.class,
                () -> ContainerSetup.validate(host("no", 0, false, null, 0, 500_000_000, 50_000)));
        ContainerSetup.validate(host("on-failure", 3, false, "host", 64L << 20, 500_000_000, 0));

        HostConfig complete = ContainerSetup.complete(host("no", 0, false, null, 64L << 20, 500_000_000, 0));
        assertEquals(128L << 20, complete.memorySwap());
        assertEquals(ContainerSetup.DEFAULT_SHM_SIZE, complete.shmSize());
        assertEquals(50_000, ContainerSetup.resources(complete).cpuQuota());
        assertEquals(100_000, ContainerSetup.resources(complete).cpuPeriod());
    }

    @Test
    void mountsFromBindsMountsAndTmpfs() {
        HostConfig hc = new HostConfig(List.of("/tmp:/data:ro"), null, null, null, null, null, false, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, 0, null, false, false, false,
                null, Map.of("/run", "size=1m,exec"), null, null, 0, null, null, 0, 0, 0, null, 0, 0, null, null, null,
                0, 0, null, null, null, null, List.of(new HostConfig.Mount("tmpfs", null, "/scratch", false, null)),
                null, null, null);
        ContainerSetup.Mounts mounts = ContainerSetup.mounts(hc, Path.of("/c"));
        assertEquals(List.of("/data", "/scratch", "/run", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"),
                mounts.specs().stream().map(m -> m.destination()).toList());
        assertEquals(List.of("rbind", "rprivate", "ro"), mounts.specs().get(0).options());
        assertEquals(List.of("nosuid", "nodev", "size=1m", "exec"), mounts.specs().get(2).options());
        assertEquals("/c/hosts", mounts.specs().get(4).source());
        assertEquals(2, mounts.points().size());
        assertFalse(mounts.points().get(0).rw());

        HostConfig named = new HostConfig(List.of("vol:/data"), null, null, null, null, null, false, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, 0, null, false, false, false,
                null, null, null, null, 0, null, null, 0, 0, 0, null, 0, 0, null, null, null, 0, 0, null, null, null,
                null, null, null, null, null);
        assertThrows(InvalidParameterError.class, () -> ContainerSetup.mounts(named, Path.of("/c")));
    }

    private static ContainerRecord record(String id, String name, String status, int exitCode, Instant created,
            Map<String, String> labels) {
        ContainerInspect.State state = switch (status) {
            case "running" -> States.running(States.created(), 1, created);
            case "exited" -> States.exited(States.running(States.created(), 1, created), exitCode, created.plusSeconds(1));
            default -> States.created();
        };
        ContainerConfig config = new ContainerConfig(null, null, null, false, false, false, null, false, false, false,
                null, List.of("sh"), null, false, "busybox", null, null, null, false, null, null, labels, null, null,
                null);
        return new ContainerRecord(id, GoTime.format(created), "sh", List.of("-c", "echo a b"), config,
                HostConfig.empty(), "sha256:" + "ab".repeat(32), "/" + name, state, 0, !status.equals("created"),
                false, "/log", "", "", "", List.of(), List.of());
    }

    private static List<String> names(List<ContainerSummary> list) {
        return list.stream().map(s -> s.names().get(0)).toList();
    }

    @Test
    void listFiltersAndOrder() {
        Instant t = Instant.parse("2026-11-27T14:00:00Z");
        List<ContainerRecord> records = List.of(
                record("a".repeat(64), "web", "running", 0, t, Map.of("tier", "front")),
                record("b".repeat(64), "db", "exited", 3, t.plusSeconds(10), Map.of("tier", "back")),
                record("c".repeat(64), "new", "created", 0, t.plusSeconds(20), null));
        java.util.function.Function<String, ContainerRecord> lookup = name -> records.stream()
                .filter(r -> r.bareName().equals(name)).findFirst().orElseThrow();
        java.util.function.Function<ContainerRecord, Path> dirs = r -> Path.of("/nonexistent");
        assertEquals(List.of("/web"), names(ContainerViews.list(records,
                new ListContainers(false, 0, false, Filters.empty()), lookup, dirs)));
        assertEquals(List.of("/new", "/db", "/web"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.empty()), lookup, dirs)));
        assertEquals(List.of("/new", "/db"), names(ContainerViews.list(records,
                new ListContainers(false, 2, false, Filters.empty()), lookup, dirs)));
        assertEquals(List.of("/db"), names(ContainerViews.list(records,
                new ListContainers(false, 0, false, Filters.of(Map.of("status", List.of("exited")))), lookup, dirs)));
        assertEquals(List.of("/db"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("exited", List.of("3")))), lookup, dirs)));
        assertEquals(List.of("/web"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("label", List.of("tier=front")))), lookup, dirs)));
        assertEquals(List.of("/db"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("name", List.of("^/d")))), lookup, dirs)));
        assertEquals(List.of("/new"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("id", List.of("ccc")))), lookup, dirs)));
        assertEquals(List.of("/web"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("before", List.of("db")))), lookup, dirs)));
        assertEquals(List.of("/new"), names(ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("since", List.of("db")))), lookup, dirs)));
        assertEquals(3, ContainerViews.list(records, new ListContainers(true, 0, false,
                Filters.of(Map.of("ancestor", List.of("busybox:latest")))), lookup, dirs).size());
        assertEquals("Invalid filter 'bogus'", assertThrows(InvalidParameterError.class, () -> ContainerViews.list(
                records, new ListContainers(true, 0, false, Filters.of(Map.of("bogus", List.of("x")))), lookup, dirs))
                .getMessage());
        assertThrows(InvalidParameterError.class, () -> ContainerViews.list(records,
                new ListContainers(true, 0, false, Filters.of(Map.of("status", List.of("sleepy")))), lookup, dirs));

        ContainerSummary web = ContainerViews.list(records, new ListContainers(false, 0, false, Filters.empty()),
                lookup, dirs).get(0);
        assertEquals("sh -c 'echo a b'", web.command());
        assertEquals("running", web.state());
        assertTrue(web.status().startsWith("Up "), web.status());
    }

    @Test
    void securityOptionsAsDockerdReadsThem() {
        ContainerSetup.SecurityOptions none = ContainerSetup.SecurityOptions.parse(null);
        assertEquals(new ContainerSetup.SecurityOptions(Seccomp.DEFAULT, false), none);
        assertEquals(new ContainerSetup.SecurityOptions(Seccomp.UNCONFINED, true),
                ContainerSetup.SecurityOptions.parse(List.of("seccomp=unconfined", "no-new-privileges")));
        assertEquals(new ContainerSetup.SecurityOptions(Seccomp.UNCONFINED, false), ContainerSetup.SecurityOptions
                .parse(List.of("seccomp:unconfined", "no-new-privileges:true", "no-new-privileges=False")));
        String profile = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"a:b=c\"]}]}";
        assertEquals(new ContainerSetup.SecurityOptions(Seccomp.custom(profile), true), ContainerSetup.SecurityOptions
                .parse(List.of("seccomp=" + profile, "apparmor=docker-default", "label=disable", "no-new-privileges=1")));
        assertEquals("invalid --security-opt 1: \"foo\"", assertThrows(SystemError.class,
                () -> ContainerSetup.SecurityOptions.parse(List.of("foo"))).getMessage());
        assertEquals("invalid --security-opt 2: \"foo=bar\"", assertThrows(SystemError.class,
                () -> ContainerSetup.SecurityOptions.parse(List.of("foo=bar"))).getMessage());
        assertEquals("invalid --security-opt 2: \"no-new-privileges=yes\"", assertThrows(SystemError.class,
                () -> ContainerSetup.SecurityOptions.parse(List.of("no-new-privileges=yes"))).getMessage());
    }
}
