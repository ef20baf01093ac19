package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wharf.engine.api.InvalidParameterError;

class PlatformTest {

    @Test
    void parsesAndNormalises() {
        assertEquals("linux/amd64", Platform.parse("Linux/x86_64").toString());
        assertEquals("linux/arm64", Platform.parse("linux/aarch64/v8").toString());
        assertEquals("linux/arm/v7", Platform.parse("linux/armhf").toString());
        assertEquals(Platform.host(), Platform.parse(""));
        assertEquals(Platform.host().architecture(), Platform.parse("linux").architecture());
    }

    @Test
    void aVariantOnlyNarrowsWhenAsked() {
        assertTrue(Platform.parse("linux/arm").matches(new Platform("linux", "arm", "v6")));
        assertFalse(Platform.parse("linux/arm/v7").matches(new Platform("linux", "arm", "v6")));
        assertTrue(Platform.parse("linux/arm64").matches(new Platform("linux", "arm64", "v8")));
        assertFalse(Platform.parse("linux/amd64").matches(new Platform("windows", "amd64", null)));
        assertFalse(Platform.parse("linux/amd64").matches(null));
    }

    @Test
    void malformedPlatformsAreInvalid() {
        assertThrows(InvalidParameterError.class, () -> Platform.parse("linux//amd64"));
        assertThrows(InvalidParameterError.class, () -> Platform.parse("a/b/c/d"));
        assertThrows(InvalidParameterError.class, () -> Platform.parse("linux/am d64"));
    }
}
