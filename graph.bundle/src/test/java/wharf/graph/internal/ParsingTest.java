package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.ContainerConfig;

/** Go's time formats, Dockerfile changes and path globs, as dockerd reads them. */
class ParsingTest {
    @Test
    void goDurations() {
        assertEquals(Duration.ofMinutes(90), GoTime.parseDuration("1h30m"));
        assertEquals(Duration.ofMillis(1500), GoTime.parseDuration("1.5s"));
        assertEquals(Duration.ofNanos(300), GoTime.parseDuration("300ns"));
        assertEquals(Duration.ofHours(-2), GoTime.parseDuration("-2h"));
        assertNull(GoTime.parseDuration("10"));
        assertNull(GoTime.parseDuration("1d"));
    }

    @Test
    void filterTimestamps() {
        Instant now = Instant.parse("2024-06-01T12:00:00Z");
        assertEquals(Instant.parse("2024-06-01T11:00:00Z"), GoTime.timestamp("1h", now));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), GoTime.timestamp("2024-01-02T03:04:05Z", now));
        assertEquals(Instant.parse("2024-01-02T01:04:00Z"), GoTime.timestamp("2024-01-02T03:04+02:00", now));
        assertEquals(Instant.ofEpochSecond(1700000000, 500_000_000), GoTime.timestamp("1700000000.5", now));
        assertEquals("failed to parse value as time or duration: \"soon\"",
                assertThrows(InvalidParameterError.class, () -> GoTime.timestamp("soon", now)).getMessage());
    }

    @Test
    void rfc3339NanoAsGoWritesIt() {
        assertEquals("2024-01-02T03:04:05Z", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:05.000Z")));
        assertEquals("2024-01-02T03:04:00.12Z", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:00.120Z")));
        assertEquals("2024-01-02T03:04:05+02:00", GoTime.rfc3339Nano(OffsetDateTime.parse("2024-01-02T03:04:05+02:00")));
        assertEquals("0001-01-01T00:00:00Z", GoTime.rfc3339Nano(GoTime.parse(null)));
    }

    @Test
    void changesInBothFormsAndTheirErrors() {
        ContainerConfig c = Changes.apply(ContainerConfig.empty(), List.of("CMD echo hi", "ENTRYPOINT [\"/bin/sh\", \"-c\"]",
                "ENV A=1 B=\"two words\"", "ENV LEGACY some value", "ENV A=3", "EXPOSE 8000-8001/udp 80", "WORKDIR /a",
                "WORKDIR b", "USER nobody", "VOLUME [\"/data\"]", "STOPSIGNAL SIGINT", "ONBUILD run make",
                "LABEL \"x y\"=z", "HEALTHCHECK --interval=5s --retries=2 CMD true"));
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), c.cmd());
        assertEquals(List.of("/bin/sh", "-c"), c.entrypoint());
        assertEquals(List.of("B=two words", "LEGACY=some value", "A=3"), c.env());
        assertEquals(List.of("8000/udp", "8001/udp", "80/tcp"), List.copyOf(c.exposedPorts().keySet()));
        assertEquals("/a/b", c.workingDir());
        assertEquals("nobody", c.user());
        assertEquals(Map.of("/data", Map.of()), c.volumes());
        assertEquals("SIGINT", c.stopSignal());
        assertEquals(List.of("RUN make"), c.onBuild());
        assertEquals(Map.of("x y", "z"), c.labels());
        assertEquals(List.of("CMD-SHELL", "true"), c.healthcheck().test());
        assertEquals(5_000_000_000L, c.healthcheck().interval());
        assertEquals(2, c.healthcheck().retries());

        assertEquals("from is not a valid change command", assertThrows(InvalidParameterError.class,
                () -> Changes.apply(ContainerConfig.empty(), List.of("FROM x"))).getMessage());
        assertThrows(InvalidParameterError.class, () -> Changes.apply(ContainerConfig.empty(), List.of("EXPOSE 80/icmp")));
        assertThrows(InvalidParameterError.class, () -> Changes.apply(ContainerConfig.empty(), List.of("LABEL novalue")));
    }

    @Test
    void globsMatchWithinASegment() {
        assertTrue(Glob.matches("busy*", "busybox"));
        assertTrue(Glob.matches("bb:?", "bb:1"));
        assertTrue(Glob.matches("[a-c]b", "bb"));
        assertFalse(Glob.matches("*", "user/app"));
        assertTrue(Glob.matches("*/app", "user/app"));
        assertThrows(InvalidParameterError.class, () -> Glob.matches("[ab", "a"));
    }
}
