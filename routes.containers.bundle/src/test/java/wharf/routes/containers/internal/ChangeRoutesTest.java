package wharf.routes.containers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.Filters;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.container.ContainerPruneReport;
import wharf.engine.api.container.PruneContainers;
import wharf.engine.api.container.RenameContainer;
import wharf.engine.api.container.UpdateContainer;
import wharf.engine.api.container.UpdatedContainer;
import wharf.server.api.Method;
import wharf.testing.routes.FakeEngine;
import wharf.testing.routes.FakeRequest;
import wharf.testing.routes.FakeResponse;
import wharf.testing.routes.Routes;

/** Rename, update and container prune against a fake engine: what each handler asks for and answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChangeRoutesTest {
    private final FakeEngine engine = new FakeEngine();
    private final ContainerRoutes routes = new ContainerRoutes(engine);
    private final FakeResponse resp = new FakeResponse();

    private void call(Method method, String template, FakeRequest req) throws Exception {
        Routes.find(routes, method, template).handler().handle(req, resp);
    }

    @Test
    void renameTakesTheNewNameFromTheQueryAndAnswers204() throws Exception {
        engine.on(ContainerJobs.RENAME, job -> null);
        call(Method.POST, "/containers/{name:.*}/rename", new FakeRequest().var("name", "r1").param("name", "r1new"));
        assertEquals(new RenameContainer("r1", "r1new"), engine.input(ContainerJobs.RENAME));
        assertEquals(204, resp.status());
    }

    @Test
    void updateReadsTheResourcesAndTheRestartPolicyAndAnswersNullWarnings() throws Exception {
        engine.on(ContainerJobs.UPDATE, job -> new UpdatedContainer(null));
        call(Method.POST, "/containers/{name:.*}/update", new FakeRequest().var("name", "c1").body("""
                {"CpuShares":512,"Memory":67108864,"MemorySwap":-1,"BlkioWeightDevice":[],"PidsLimit":null,
                 "RestartPolicy":{"Name":"","MaximumRetryCount":0}}
                """));
        UpdateContainer input = engine.input(ContainerJobs.UPDATE);
        assertEquals("c1", input.name());
        assertEquals(512, input.resources().cpuShares());
        assertEquals(64L << 20, input.resources().memory());
        assertEquals(-1, input.resources().memorySwap());
        assertNull(input.resources().pidsLimit());
        assertEquals("", input.resources().restartPolicy().name(), "an empty policy name stays empty: keep the policy");
        assertEquals(200, resp.status());
        assertTrue(resp.json().has("Warnings") && resp.json().get("Warnings").isNull());
    }

    @Test
    void pruneHandsTheFiltersOnAndWritesNullForNothingDeleted() throws Exception {
        engine.on(ContainerJobs.CONTAINER_PRUNE, job -> new ContainerPruneReport(null, 0));
        Filters until = Filters.of(Map.of("until", Set.of("1h")));
        call(Method.POST, "/containers/prune", new FakeRequest().filters(until));
        assertEquals(new PruneContainers(until), engine.input(ContainerJobs.CONTAINER_PRUNE));
        assertTrue(resp.json().get("ContainersDeleted").isNull());
        assertEquals(0, resp.json().get("SpaceReclaimed").asLong());
        assertEquals(List.of("ContainersDeleted", "SpaceReclaimed"), fieldNames(resp));
    }

    private static List<String> fieldNames(FakeResponse resp) {
        List<String> names = new java.util.ArrayList<>();
        resp.json().fieldNames().forEachRemaining(names::add);
        return names;
    }
}
