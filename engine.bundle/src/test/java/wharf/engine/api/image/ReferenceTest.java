package wharf.engine.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wharf.engine.api.InvalidParameterError;

class ReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({
        "busybox,                      docker.io/library/busybox,           busybox",
        "busybox:1.36,                 docker.io/library/busybox:1.36,      busybox:1.36",
        "library/busybox,              docker.io/library/busybox,           busybox",
        "docker.io/busybox,            docker.io/library/busybox,           busybox",
        "index.docker.io/busybox:x,    docker.io/library/busybox:x,         busybox:x",
        "user/app,                     docker.io/user/app,                  user/app",
        "docker.io/library/a/b,        docker.io/library/a/b,               library/a/b",
        "127.0.0.1:5000/bb:1,          127.0.0.1:5000/bb:1,                 127.0.0.1:5000/bb:1",
        "localhost/bb,                 localhost/bb,                        localhost/bb",
        "Registry/bb,                  Registry/bb,                         Registry/bb",
        "[::1]:5000/bb,                [::1]:5000/bb,                       [::1]:5000/bb",
        "my.reg.io/a/b/c:v1.0_rc-2,    my.reg.io/a/b/c:v1.0_rc-2,           my.reg.io/a/b/c:v1.0_rc-2",
        "a__b-c--d/e.f,                docker.io/a__b-c--d/e.f,             a__b-c--d/e.f",
    })
    void normalises(String text, String full, String familiar) {
        Reference r = Reference.parse(text);
        assertEquals(full, r.toString());
        assertEquals(familiar, r.familiar());
    }

    @Test
    void splitsDomainPathTagAndDigest() {
        Reference r = Reference.parse("127.0.0.1:5000/team/bb:1@sha256:" + HEX);
        assertEquals("127.0.0.1:5000", r.domain());
        assertEquals("team/bb", r.path());
        assertEquals("1", r.tag());
        assertEquals("sha256:" + HEX, r.digest());
        assertEquals("127.0.0.1:5000/team/bb", r.name());
        assertEquals("127.0.0.1:5000/team/bb", r.repository().toString());
    }

    @Test
    void defaultTagOnlyWhenNeitherTagNorDigest() {
        assertEquals("busybox:latest", Reference.parse("busybox").withDefaultTag().familiar());
        assertEquals("busybox:1", Reference.parse("busybox:1").withDefaultTag().familiar());
        Reference digested = Reference.parse("busybox@sha256:" + HEX);
        assertNull(digested.withDefaultTag().tag());
        assertEquals("busybox@sha256:" + HEX, digested.familiar());
    }

    @Test
    void withTagValidatesTheTag() {
        assertEquals("bb:v2", Reference.parse("bb:1").withTag("v2").familiar());
        assertError("invalid tag format", () -> Reference.parse("bb").withTag("-bad"));
        assertError("invalid tag format", () -> Reference.parse("bb").withTag("x".repeat(129)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Busybox|invalid reference format: repository name must be lowercase",
        "user/App:1|invalid reference format: repository name must be lowercase",
        "bad::x|invalid reference format",
        "bb:1:2|invalid reference format",
        "-bb|invalid reference format",
        "bb:-tag|invalid reference format",
        "bb/|invalid reference format",
        "bb@sha256:abc|invalid reference format",
        "bb@md5:0123456789abcdef0123456789abcdef|unsupported digest algorithm",
        "bb@sha256:0123456789abcdef0123456789abcdef|invalid checksum digest length",
        "bb@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef|invalid checksum digest format",
    })
    void refusesWithDockerdsMessages(String text, String message) {
        assertError(message, () -> Reference.parse(text));
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertError("invalid reference format", () -> Reference.parse(""));
        assertError("repository name must have at least one component", () -> Reference.parseStrict(""));
        assertError("repository name must not be more than 255 characters",
                () -> Reference.parse("a/" + "b".repeat(260)));
    }

    @Test
    void refusesABareIdAsAName() {
        assertError("invalid repository name (" + HEX + "), cannot specify 64-byte hexadecimal strings",
                () -> Reference.parse(HEX));
    }

    @Test
    void recognisesIds() {
        assertTrue(Reference.isId(HEX));
        assertTrue(Reference.isId("sha256:" + HEX));
        assertFalse(Reference.isId("sha256:abc"));
        assertFalse(Reference.isId("busybox"));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(Reference.parse("busybox"), Reference.parse("docker.io/library/busybox"));
        assertEquals(Reference.parse("busybox").hashCode(), Reference.parse("library/busybox").hashCode());
    }

    private static void assertError(String message, org.junit.jupiter.api.function.Executable call) {
        InvalidParameterError e = assertThrows(InvalidParameterError.class, call);
        assertEquals(message, e.getMessage());
    }
}
