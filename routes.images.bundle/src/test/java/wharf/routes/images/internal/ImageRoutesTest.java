package wharf.routes.images.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wharf.engine.api.Filters;
import wharf.engine.api.ForbiddenError;
import wharf.engine.api.InvalidParameterError;
import wharf.engine.api.NotFoundError;
import wharf.engine.api.container.CommitContainer;
import wharf.engine.api.container.ContainerJobs;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.DeleteImage;
import wharf.engine.api.image.DeleteItem;
import wharf.engine.api.image.DeleteItems;
import wharf.engine.api.image.HistoryItem;
import wharf.engine.api.image.ImageHistory;
import wharf.engine.api.image.ImageInspect;
import wharf.engine.api.image.ImageJobs;
import wharf.engine.api.image.ImageName;
import wharf.engine.api.image.ImageSummaries;
import wharf.engine.api.image.ImageSummary;
import wharf.engine.api.image.ImportImage;
import wharf.engine.api.image.ListImages;
import wharf.engine.api.image.LoadedImages;
import wharf.engine.api.image.PruneReport;
import wharf.engine.api.image.PullImage;
import wharf.engine.api.image.PushImage;
import wharf.engine.api.image.PushResult;
import wharf.engine.api.image.SaveImages;
import wharf.engine.api.image.SearchImages;
import wharf.engine.api.image.SearchResult;
import wharf.engine.api.image.SearchResults;
import wharf.engine.api.image.TagImage;
import wharf.server.api.Method;
import wharf.server.api.Route;
import wharf.testing.routes.FakeEngine;
import wharf.testing.routes.FakeRequest;
import wharf.testing.routes.FakeResponse;
import wharf.testing.routes.Routes;

/** The image routes against a fake engine: what each handler asks for and what it answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ImageRoutesTest {
    private static final String ID = "sha256:" + "ab".repeat(32);

    private final FakeEngine engine = new FakeEngine();
    private final ImageRoutes routes = new ImageRoutes(engine);
    private final FakeResponse resp = new FakeResponse();

    private void call(Method method, String template, FakeRequest req) throws Exception {
        Routes.find(routes, method, template).handler().handle(req, resp);
    }

    @Test
    void routesAreListedOnceSortedByVerb() {
        List<String> table = routes.routes().stream().map(Route::toString).toList();
        assertEquals(List.of(
                "GET /images/json", "GET /images/search", "GET /images/get", "GET /images/{name:.*}/get",
                "GET /images/{name:.*}/history", "GET /images/{name:.*}/json",
                "POST /commit", "POST /images/create", "POST /images/load", "POST /images/{name:.*}/push",
                "POST /images/{name:.*}/tag", "POST /images/prune",
                "DELETE /images/{name:.*}"), table);
    }

    @Test
    void commitRunsTheContainerJobWithTheQueryAndAnswers201WithTheId() throws Exception {
        String id = "sha256:" + "c0".repeat(32);
        engine.on(ContainerJobs.COMMIT, job -> id);
        call(Method.POST, "/commit", new FakeRequest().param("container", "c1").param("repo", "docker.io/library/committed")
                .param("tag", "1").param("comment", "msg").param("author", "").param("changes", "ENV X=1")
                .param("changes", "CMD [\"sh\"]"));

        CommitContainer input = engine.input(ContainerJobs.COMMIT);
        assertEquals(new CommitContainer("c1", "docker.io/library/committed", "1", "msg", "", List.of("ENV X=1",
                "CMD [\"sh\"]"), true, null), input, "pause by default, no body: the container's own config");
        assertEquals(201, resp.status());
        assertEquals(id, resp.json().get("Id").asText());

        assertThrows(InvalidParameterError.class, () -> call(Method.POST, "/commit",
                new FakeRequest().param("container", "c1").param("repo", "Bad Name")));
    }

    @Test
    void listPassesTheFlagsAndFiltersAndAnswersTheArray() throws Exception {
        engine.on(ImageJobs.IMAGES, job -> new ImageSummaries(List.of(summary(List.of("bb:1")))));
        Filters filters = Filters.of(Map.of("dangling", List.of("false")));
        call(Method.GET, "/images/json", new FakeRequest().param("all", "1").param("shared-size", "1").filters(filters));

        ListImages input = engine.input(ImageJobs.IMAGES);
        assertTrue(input.all());
        assertTrue(input.sharedSize());
        assertSame(filters, input.filters());
        JsonNode body = resp.json();
        assertEquals(200, resp.status());
        assertEquals(ID, body.get(0).get("Id").asText());
        assertEquals("bb:1", body.get(0).get("RepoTags").get(0).asText());
        assertFalse(body.get(0).has("VirtualSize"), "API 1.44 dropped VirtualSize");
    }

    @Test
    void listShowsNoneTagsAndVirtualSizeToOlderClients() throws Exception {
        engine.on(ImageJobs.IMAGES, job -> new ImageSummaries(List.of(summary(List.of()))));
        call(Method.GET, "/images/json", new FakeRequest().version("1.41").param("shared-size", "1"));

        assertFalse(engine.input(ImageJobs.IMAGES).sharedSize(), "shared-size came with API 1.42");
        JsonNode image = resp.json().get(0);
        assertEquals("<none>:<none>", image.get("RepoTags").get(0).asText());
        assertEquals("<none>@<none>", image.get("RepoDigests").get(0).asText());
        assertEquals(1234, image.get("VirtualSize").asLong());
    }

    @Test
    void api124sFilterParameterIsAReferenceFilter() throws Exception {
        engine.on(ImageJobs.IMAGES, job -> new ImageSummaries(List.of()));
        call(Method.GET, "/images/json", new FakeRequest().version("1.24").param("filter", "bb*"));
        assertEquals(Set.of("bb*"), engine.input(ImageJobs.IMAGES).filters().get("reference"));
        assertEquals("[]", resp.text().trim());
    }

    @Test
    void inspectDropsFieldsLaterApisRemoved() throws Exception {
        engine.on(ImageJobs.IMAGE_INSPECT, job -> inspectOf(job.input().name()));
        call(Method.GET, "/images/{name:.*}/json", new FakeRequest().var("name", "bb:1"));
        assertEquals("bb:1", engine.input(ImageJobs.IMAGE_INSPECT).name());
        JsonNode current = resp.json();
        assertEquals(ID, current.get("Id").asText());
        assertFalse(current.has("ContainerConfig"), "API 1.45 dropped ContainerConfig");
        assertFalse(current.has("VirtualSize"), "API 1.44 dropped VirtualSize");

        FakeResponse old = new FakeResponse();
        routes.routes().stream().filter(r -> r.template().equals("/images/{name:.*}/json")).findFirst().orElseThrow()
                .handler().handle(new FakeRequest().version("1.41").var("name", "bb:1"), old);
        assertTrue(old.json().has("ContainerConfig"));
        assertEquals(1234, old.json().get("VirtualSize").asLong());
    }

    @Test
    void inspectOfAMissingImageIsTheJobsNotFound() {
        engine.on(ImageJobs.IMAGE_INSPECT, job -> {
            throw new NotFoundError("No such image: nope:1");
        });
        NotFoundError e = assertThrows(NotFoundError.class,
                () -> call(Method.GET, "/images/{name:.*}/json", new FakeRequest().var("name", "nope:1")));
        assertEquals("No such image: nope:1", e.getMessage());
        assertFalse(resp.committed());
    }

    @Test
    void historyAnswersTheArray() throws Exception {
        engine.on(ImageJobs.IMAGE_HISTORY, job -> new ImageHistory(
                List.of(new HistoryItem("Imported from -", 1700000000, "", ID, 1234, List.of("bb:1")))));
        call(Method.GET, "/images/{name:.*}/history", new FakeRequest().var("name", "127.0.0.1:5000/bb:1"));
        assertEquals(new ImageName("127.0.0.1:5000/bb:1"), engine.input(ImageJobs.IMAGE_HISTORY));
        assertEquals("Imported from -", resp.json().get(0).get("Comment").asText());
    }

    @Test
    void tagAnswers201WithoutABody() throws Exception {
        engine.on(ImageJobs.TAG, job -> null);
        call(Method.POST, "/images/{name:.*}/tag",
                new FakeRequest().var("name", "bb:1").param("repo", "127.0.0.1:5000/bb").param("tag", "2"));
        assertEquals(new TagImage("bb:1", "127.0.0.1:5000/bb", "2"), engine.input(ImageJobs.TAG));
        assertEquals(201, resp.status());
        assertEquals(0, resp.bytes().length);
    }

    @Test
    void deletePassesForceAndNopruneAndAnswersWhatWentAway() throws Exception {
        engine.on(ImageJobs.IMAGE_DELETE,
                job -> new DeleteItems(List.of(DeleteItem.untagged("bb:1"), DeleteItem.deleted(ID))));
        call(Method.DELETE, "/images/{name:.*}", new FakeRequest().var("name", "bb:1").param("force", "1")
                .param("noprune", "true"));
        assertEquals(new DeleteImage("bb:1", true, true), engine.input(ImageJobs.IMAGE_DELETE));
        assertEquals("[{\"Untagged\":\"bb:1\"},{\"Deleted\":\"" + ID + "\"}]", resp.text().trim());
    }

    @Test
    void deleteOfABlankNameIsRefused() {
        InvalidParameterError e = assertThrows(InvalidParameterError.class,
                () -> call(Method.DELETE, "/images/{name:.*}", new FakeRequest().var("name", " ")));
        assertEquals("image name cannot be blank", e.getMessage());
        assertTrue(engine.inputs().isEmpty());
    }

    @Test
    void pruneAnswersNullWhenNothingWasDeleted() throws Exception {
        engine.on(ImageJobs.IMAGE_PRUNE, job -> new PruneReport(null, 0));
        Filters filters = Filters.of(Map.of("dangling", List.of("true")));
        call(Method.POST, "/images/prune", new FakeRequest().filters(filters));
        assertSame(filters, engine.input(ImageJobs.IMAGE_PRUNE).filters());
        assertEquals("{\"ImagesDeleted\":null,\"SpaceReclaimed\":0}", resp.text().trim());
    }

    @Test
    void pullStreamsTheJobsProgressWithBars() throws Exception {
        engine.on(ImageJobs.PULL, job -> {
            PullImage in = job.input();
            in.progress().message("1", "Pulling from bb");
            in.progress().status("2fd31cde5c54", "Pulling fs layer");
            in.progress().progress("2fd31cde5c54", "Downloading", 32768, 1366290);
            in.progress().message(null, "Status: Downloaded newer image for 127.0.0.1:5000/bb:1");
            return null;
        });
        String auth = Base64.getUrlEncoder().encodeToString(
                "{\"username\":\"user\",\"password\":\"pass\",\"serveraddress\":\"127.0.0.1:5000\"}"
                        .getBytes(StandardCharsets.UTF_8));
        call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "127.0.0.1:5000/bb")
                .param("tag", "1").header("X-Registry-Auth", auth));

        PullImage input = engine.input(ImageJobs.PULL);
        assertEquals("127.0.0.1:5000/bb", input.fromImage());
        assertEquals("1", input.tag());
        assertEquals("user", input.auth().username());
        assertEquals("pass", input.auth().password());
        assertEquals("application/json", resp.contentType());
        List<JsonNode> m = resp.messages();
        assertEquals("{\"status\":\"Pulling from bb\",\"id\":\"1\"}", m.get(0).toString());
        assertEquals("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"2fd31cde5c54\"}", m.get(1).toString());
        assertEquals(32768, m.get(2).get("progressDetail").get("current").asLong());
        assertEquals(1366290, m.get(2).get("progressDetail").get("total").asLong());
        assertEquals("[=>" + " ".repeat(49) + "]  32.77kB/1.366MB", m.get(2).get("progress").asText());
        assertTrue(resp.text().contains("\\u003e"), "'>' is escaped as Go's encoder does");
        assertEquals("Status: Downloaded newer image for 127.0.0.1:5000/bb:1", m.get(3).get("status").asText());
    }

    @Test
    void aPullThatFailsBeforeReportingIsAPlainError() {
        engine.on(ImageJobs.PULL, job -> {
            throw new NotFoundError("manifest for 127.0.0.1:5000/nope:1 not found: manifest unknown: manifest unknown");
        });
        assertThrows(NotFoundError.class, () -> call(Method.POST, "/images/create",
                new FakeRequest().param("fromImage", "127.0.0.1:5000/nope").param("tag", "1")));
        assertFalse(resp.committed(), "the server's mapper answers 404");
    }

    @Test
    void aPullThatFailsMidStreamEndsWithAnInBandError() throws Exception {
        engine.on(ImageJobs.PULL, job -> {
            job.input().progress().message("1", "Pulling from bb");
            throw new wharf.engine.api.SystemError("Get \"http://127.0.0.1:5999/v2/\": connection refused");
        });
        call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "127.0.0.1:5000/bb:1"));
        List<JsonNode> m = resp.messages();
        assertEquals(2, m.size());
        assertEquals("Get \"http://127.0.0.1:5999/v2/\": connection refused",
                m.get(1).get("errorDetail").get("message").asText());
        assertEquals(m.get(1).get("errorDetail").get("message"), m.get(1).get("error"));
    }

    @Test
    void pullChecksTheReferenceBeforeRunningTheJob() {
        engine.on(ImageJobs.PULL, job -> null);
        assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "Bad/Name")));
        assertThrows(InvalidParameterError.class, () -> call(Method.POST, "/images/create",
                new FakeRequest().param("fromImage", "bb").param("tag", "bad tag")));
        ForbiddenError scratch = assertThrows(ForbiddenError.class,
                () -> call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "scratch")));
        assertEquals("'scratch' is a reserved name", scratch.getMessage());
        assertTrue(engine.inputs().isEmpty());
    }

    @Test
    void pullTakesADigestAsTagAndDropsPullAllsTrailingColon() throws Exception {
        engine.on(ImageJobs.PULL, job -> null);
        String digest = "sha256:" + "0".repeat(64);
        call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "bb:").param("tag", digest));
        PullImage input = engine.input(ImageJobs.PULL);
        assertEquals("bb", input.fromImage());
        assertEquals(digest, input.tag());
        assertEquals(200, resp.status(), "a job that reported nothing still answers 200");
    }

    @Test
    void registryAuthIsAnonymousWhenAbsentEmptyOrUndecodable() {
        assertTrue(RegistryAuth.decode(null).anonymous());
        assertTrue(RegistryAuth.decode("e30=").anonymous());
        assertTrue(RegistryAuth.decode("base64-creds").anonymous());
        assertTrue(RegistryAuth.decode("bnVsbA==").anonymous(), "JSON null");
        // btoa() in a browser: the standard alphabet, padded
        String standard = Base64.getEncoder().encodeToString("{\"username\":\"u?>\",\"registryId\":1}"
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(standard.contains("/") || standard.contains("+"), standard);
        assertEquals("u?>", RegistryAuth.decode(standard).username());
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"username\":\"u\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("u", RegistryAuth.decode(unpadded).username());
    }

    @Test
    void importReadsTheBodyAndReportsTheId() throws Exception {
        engine.on(ImageJobs.IMPORT, job -> {
            byte[] tar = job.io().stdin().readAllBytes();
            assertEquals("tar bytes", new String(tar, StandardCharsets.UTF_8));
            job.input().progress().message(null, ID);
            return ID;
        });
        call(Method.POST, "/images/create", new FakeRequest().param("fromSrc", "-").param("repo", "imp:1")
                .param("changes", "ENV A=b").param("changes", "CMD [\"sh\"]").body("tar bytes"));
        ImportImage input = engine.input(ImageJobs.IMPORT);
        assertEquals("-", input.source());
        assertEquals("imp:1", input.repo());
        assertEquals("Imported from -", input.message());
        assertEquals(List.of("ENV A=b", "CMD [\"sh\"]"), input.changes());
        assertEquals("{\"status\":\"" + ID + "\"}\r\n", resp.text());
    }

    @Test
    void importKeepsTheClientsMessageAndRefusesADigestRepo() throws Exception {
        engine.on(ImageJobs.IMPORT, job -> ID);
        call(Method.POST, "/images/create", new FakeRequest().param("fromSrc", "-").param("message", "hello"));
        assertEquals("hello", engine.input(ImageJobs.IMPORT).message());
        InvalidParameterError e = assertThrows(InvalidParameterError.class, () -> call(Method.POST, "/images/create",
                new FakeRequest().param("fromSrc", "-").param("repo", "bb@sha256:" + "0".repeat(64))));
        assertEquals("cannot import digest reference", e.getMessage());
    }

    @Test
    void importOfAUrlDoesNotReadTheBody() throws Exception {
        engine.on(ImageJobs.IMPORT, job -> {
            assertEquals(-1, job.io().stdin().read());
            return ID;
        });
        call(Method.POST, "/images/create", new FakeRequest().param("fromSrc", "http://127.0.0.1:1/r.tar")
                .body("not for the job"));
        assertEquals("Imported from http://127.0.0.1:1/r.tar", engine.input(ImageJobs.IMPORT).message());
    }

    @Test
    void loadIsQuietByDefaultAndStreamsWhatItLoaded() throws Exception {
        engine.on(ImageJobs.LOAD, job -> {
            assertEquals("archive", new String(job.io().stdin().readAllBytes(), StandardCharsets.UTF_8));
            job.input().progress().stream("Loaded image: bb:1\n");
            return new LoadedImages(List.of("bb:1"), List.of());
        });
        call(Method.POST, "/images/load", new FakeRequest().body("archive"));
        assertTrue(engine.input(ImageJobs.LOAD).quiet());
        assertEquals("{\"stream\":\"Loaded image: bb:1\\n\"}\r\n", resp.text());

        FakeEngine loud = new FakeEngine().on(ImageJobs.LOAD, job -> new LoadedImages(List.of(), List.of()));
        new ImageRoutes(loud).routes().stream().filter(r -> r.template().equals("/images/load")).findFirst()
                .orElseThrow().handler().handle(new FakeRequest().param("quiet", "0"), new FakeResponse());
        assertFalse(loud.input(ImageJobs.LOAD).quiet());
    }

    @Test
    void aLoadRejectedBeforeAnyOutputIsAPlainError() {
        engine.on(ImageJobs.LOAD, job -> {
            throw new InvalidParameterError("invalid tar entry ../evil: the path leaves the layer");
        });
        assertThrows(InvalidParameterError.class,
                () -> call(Method.POST, "/images/load", new FakeRequest().body("archive")));
        assertFalse(resp.committed());
    }

    @Test
    void saveStreamsTheJobsTarForSeveralNames() throws Exception {
        byte[] tar = new byte[200_000];
        for (int i = 0; i < tar.length; i++) {
            tar[i] = (byte) i;
        }
        engine.on(ImageJobs.IMAGE_SAVE, job -> {
            for (int off = 0; off < tar.length; off += 512) {
                job.io().stdout().write(tar, off, Math.min(512, tar.length - off));
            }
            return null;
        });
        call(Method.GET, "/images/get", new FakeRequest().param("names", "bb:1").param("names", "bb:2"));
        assertEquals(new SaveImages(List.of("bb:1", "bb:2")), engine.input(ImageJobs.IMAGE_SAVE));
        assertEquals("application/x-tar", resp.contentType());
        assertArrayEquals(tar, resp.bytes());
    }

    @Test
    void savingAMissingImageIsAPlainNotFound() {
        engine.on(ImageJobs.IMAGE_SAVE, job -> {
            throw new NotFoundError("No such image: nope:1");
        });
        assertThrows(NotFoundError.class,
                () -> call(Method.GET, "/images/{name:.*}/get", new FakeRequest().var("name", "nope:1")));
        assertEquals(new SaveImages(List.of("nope:1")), engine.input(ImageJobs.IMAGE_SAVE));
        assertFalse(resp.committed());
    }

    @Test
    void aSaveThatFailsAfterItsFirstBytesEndsWithTheErrorMessage() throws Exception {
        byte[] start = new byte[100_000];
        engine.on(ImageJobs.IMAGE_SAVE, job -> {
            job.io().stdout().write(start);
            throw new wharf.engine.api.SystemError("layer vanished");
        });
        call(Method.GET, "/images/{name:.*}/get", new FakeRequest().var("name", "bb:1"));
        String tail = new String(resp.bytes(), start.length, resp.bytes().length - start.length, StandardCharsets.UTF_8);
        assertEquals("{\"errorDetail\":{\"message\":\"layer vanished\"},\"error\":\"layer vanished\"}\r\n", tail);
    }

    @Test
    void pushValidatesTheNameAndEndsWithTheAux() throws Exception {
        engine.on(ImageJobs.PUSH, job -> {
            job.input().progress().message(null, "The push refers to repository [127.0.0.1:5000/bb]");
            job.input().progress().status("901b181ef4a7", "Pushed");
            job.input().progress().aux(new PushResult("1", ID, 527));
            return null;
        });
        call(Method.POST, "/images/{name:.*}/push", new FakeRequest().var("name", "127.0.0.1:5000/bb")
                .param("tag", "1").header("X-Registry-Auth", "e30="));
        PushImage input = engine.input(ImageJobs.PUSH);
        assertEquals("127.0.0.1:5000/bb", input.name());
        assertEquals("1", input.tag());
        assertTrue(input.auth().anonymous());
        List<JsonNode> m = resp.messages();
        assertEquals("{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"" + ID + "\",\"Size\":527}}",
                m.get(2).toString());

        assertThrows(InvalidParameterError.class, () -> call(Method.POST, "/images/{name:.*}/push",
                new FakeRequest().var("name", "Bad").param("tag", "1")));
    }

    @Test
    void searchPassesTermLimitAndCredentials() throws Exception {
        engine.on(ImageJobs.SEARCH, job -> new SearchResults(
                List.of(new SearchResult(10, true, "busybox", false, "Busybox base image."))));
        call(Method.GET, "/images/search", new FakeRequest().param("term", "busybox").param("limit", "5"));
        SearchImages input = engine.input(ImageJobs.SEARCH);
        assertEquals("busybox", input.term());
        assertEquals(5, input.limit());
        assertSame(AuthConfig.ANONYMOUS, input.auth());
        assertEquals("busybox", resp.json().get(0).get("name").asText());
        assertTrue(resp.json().get(0).get("is_official").asBoolean());

        assertThrows(InvalidParameterError.class,
                () -> call(Method.GET, "/images/search", new FakeRequest().param("term", "b").param("limit", "x")));
        assertThrows(InvalidParameterError.class,
                () -> call(Method.GET, "/images/search", new FakeRequest().param("term", "b").param("limit", "-1")));
    }

    @Test
    void progressFromSeveralThreadsStaysOneMessageAChunk() throws Exception {
        int threads = 4;
        int each = 200;
        engine.on(ImageJobs.PULL, job -> {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String id = "layer" + t;
                Thread worker = new Thread(() -> {
                    for (int i = 1; i <= each; i++) {
                        job.input().progress().progress(id, "Downloading", i, each);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread w : workers) {
                w.join();
            }
            return null;
        });
        call(Method.POST, "/images/create", new FakeRequest().param("fromImage", "bb"));
        List<JsonNode> m = resp.messages();
        assertEquals(threads * each, m.size());
        for (int t = 0; t < threads; t++) {
            String id = "layer" + t;
            List<Long> counts = m.stream().filter(n -> n.get("id").asText().equals(id))
                    .map(n -> n.get("progressDetail").get("current").asLong()).toList();
            assertEquals(each, counts.size());
            assertEquals(each, counts.get(counts.size() - 1));
        }
    }

    private static ImageSummary summary(List<String> tags) {
        return new ImageSummary(-1, 1700000000, ID, Map.of(), "", List.of(), tags, -1, 1234, null);
    }

    private static ImageInspect inspectOf(String name) {
        ContainerConfig config = ContainerConfig.empty();
        return new ImageInspect(ID, List.of(name), List.of(), "", "Imported from -", "2026-11-27T15:39:03.170366465Z",
                "", config, "", "", config, "amd64", "", "linux", "", 1234, null,
                new ImageInspect.GraphDriver(Map.of(), "overlay2"),
                new ImageInspect.RootFS("layers", List.of("sha256:" + "cd".repeat(32))),
                new ImageInspect.Metadata("0001-01-01T00:00:00Z"));
    }
}
