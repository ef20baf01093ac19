package wharf.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wharf.engine.api.image.AuthConfig;
import wharf.engine.api.image.AuthResult;
import wharf.engine.api.image.ContainerConfig;
import wharf.engine.api.image.DeleteItem;
import wharf.engine.api.image.DeleteItems;
import wharf.engine.api.image.ImageSummaries;
import wharf.engine.api.image.ImageSummary;

/** The records serialise with dockerd's names, order and omissions. */
class WireTypesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void summaryWithoutVirtualSizeAndAdaptedForOlderApis() throws Exception {
        ImageSummary s = new ImageSummary(-1, 5, "sha256:x", null, "", List.of(), List.of(), -1, 10, null);
        assertEquals("{\"Containers\":-1,\"Created\":5,\"Id\":\"sha256:x\",\"Labels\":null,\"ParentId\":\"\","
                + "\"RepoDigests\":[],\"RepoTags\":[],\"SharedSize\":-1,\"Size\":10}", json.writeValueAsString(s));
        ImageSummary old = s.forOlderApi(true, true);
        assertEquals(List.of("<none>:<none>"), old.repoTags());
        assertEquals(List.of("<none>@<none>"), old.repoDigests());
        assertEquals(10L, old.virtualSize());
    }

    @Test
    void listsSerialiseAsBareArrays() throws Exception {
        assertEquals("[{\"Untagged\":\"bb:1\"},{\"Deleted\":\"sha256:x\"}]",
                json.writeValueAsString(new DeleteItems(List.of(DeleteItem.untagged("bb:1"), DeleteItem.deleted("sha256:x")))));
        assertEquals("[]", json.writeValueAsString(new ImageSummaries(List.of())));
    }

    @Test
    void emptyConfigAsGoWritesIt() throws Exception {
        assertEquals("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,"
                + "\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,"
                + "\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\","
                + "\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null}",
                json.writeValueAsString(ContainerConfig.empty()));
    }

    @Test
    void configReadsAnImageConfigSection() throws Exception {
        ContainerConfig c = json.readValue("{\"Env\":[\"A=b\"],\"Cmd\":[\"sh\"],\"ExposedPorts\":{\"80/tcp\":{}},"
                + "\"ArgsEscaped\":true,\"Unknown\":1}", ContainerConfig.class);
        assertEquals(List.of("A=b"), c.env());
        assertEquals(Map.of("80/tcp", Map.of()), c.exposedPorts());
        assertEquals("", c.workingDir());
    }

    @Test
    void authConfigUsesDockersLowerCaseNamesAndHidesSecrets() throws Exception {
        AuthConfig a = json.readValue("{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"127.0.0.1:5000\"}",
                AuthConfig.class);
        assertEquals("127.0.0.1:5000", a.serverAddress());
        assertEquals(false, a.anonymous());
        assertEquals(true, json.readValue("{}", AuthConfig.class).anonymous());
        assertEquals(false, a.toString().contains("p]"));
        assertEquals("{\"IdentityToken\":\"\",\"Status\":\"Login Succeeded\"}",
                json.writeValueAsString(new AuthResult("", "Login Succeeded")));
    }
}
