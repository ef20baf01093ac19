package wharf.routes.containers.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerPath;
import wharf.engine.api.container.ExtractArchive;
import wharf.engine.api.container.PathStat;
import wharf.server.api.ApiVersion;
import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.testing.routes.FakeEngine;
import wharf.testing.routes.FakeRequest;
import wharf.testing.routes.FakeResponse;
import wharf.testing.routes.Routes;

@Timeout(10)
class ArchiveRoutesTest {
    private static final PathStat PASSWD = new PathStat("passwd", 30, 0644, "2026-11-27T17:51:22Z", "");

    private final FakeEngine engine = new FakeEngine();
    private final ContainerRoutes routes = new ContainerRoutes(engine);
    private final FakeResponse resp = new FakeResponse();

    private Route route(Method method, String template) {
        return Routes.find(routes, method, template);
    }

    @Test
    void headSendsTheStatAsBase64Json() throws Exception {
        engine.on(ContainerJobs.ARCHIVE_STAT, job -> PASSWD);
        route(Method.HEAD, "/containers/{name:.*}/archive").handler()
                .handle(new FakeRequest().var("name", "c1").param("path", "/etc/passwd"), resp);
        assertEquals(200, resp.status());
        assertEquals("{\"name\":\"passwd\",\"size\":30,\"mode\":420,\"mtime\":\"2026-11-27T17:51:22Z\",\"linkTarget\":\"\"}",
                new String(Base64.getDecoder().decode(resp.header("X-Docker-Container-Path-Stat")),
                        StandardCharsets.UTF_8));
        assertEquals(new ContainerPath("c1", "/etc/passwd"), engine.inputs().get(0));
    }

    @Test
    void getStreamsTheTarAfterTheStat() throws Exception {
        engine.on(ContainerJobs.ARCHIVE_STAT, job -> PASSWD);
        engine.on(ContainerJobs.ARCHIVE, job -> {
            job.io().stdout().write("tar".getBytes(StandardCharsets.UTF_8));
            return PASSWD;
        });
        route(Method.GET, "/containers/{name:.*}/archive").handler()
                .handle(new FakeRequest().var("name", "c1").param("path", "/etc/passwd"), resp);
        assertEquals("application/x-tar", resp.contentType());
        assertArrayEquals("tar".getBytes(StandardCharsets.UTF_8), resp.bytes());
        assertTrue(resp.header("X-Docker-Container-Path-Stat") != null);
    }

    @Test
    void aMissingPathIsAPlainErrorBeforeAnyAnswer() {
        engine.on(ContainerJobs.ARCHIVE_STAT, job -> {
            throw new NotFoundError("Could not find the file /nonexist in container c1");
        });
        assertThrows(NotFoundError.class, () -> route(Method.GET, "/containers/{name:.*}/archive").handler()
                .handle(new FakeRequest().var("name", "c1").param("path", "/nonexist"), resp));
        assertFalse(resp.committed());
    }

    @Test
    void putHandsTheBodyAndOptionsToTheJob() throws Exception {
        engine.on(ContainerJobs.EXTRACT_TO_DIR, job -> {
            assertArrayEquals("body".getBytes(StandardCharsets.UTF_8), job.io().stdin().readAllBytes());
            return null;
        });
        route(Method.PUT, "/containers/{name:.*}/archive").handler().handle(new FakeRequest().var("name", "c1")
                .param("path", "/tmp").param("noOverwriteDirNonDir", "true").param("copyUIDGID", "1")
                .body("body"), resp);
        assertEquals(200, resp.status());
        assertEquals(new ExtractArchive("c1", "/tmp", true, true), engine.inputs().get(0));
    }

    @Test
    void copyIsOnlyBelowApi124() {
        Route copy = route(Method.POST, "/containers/{name:.*}/copy");
        assertTrue(copy.availableAt(ApiVersion.parse("1.23")));
        assertFalse(copy.availableAt(ApiVersion.parse("1.24")));
    }
}
