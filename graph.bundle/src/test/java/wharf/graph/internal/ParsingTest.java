package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.image.ContainerConfig;

/** Dockerfile changes and path globs, as dockerd reads them. */
class ParsingTest {
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
