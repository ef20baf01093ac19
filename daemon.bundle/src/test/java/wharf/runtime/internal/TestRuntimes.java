package wharf.runtime.internal;

import java.nio.file.Path;

import wharf.runtime.api.ContainerRuntime;

/**
 * The real runtime for this bundle's tests, without a framework: its plain constructor is
 * package-private, hence this class in the runtime's package (on the test class path only).
 */
public final class TestRuntimes {
    private TestRuntimes() {
    }

    public static ContainerRuntime runc(Path dataRoot) {
        return new OciRuntime(dataRoot, "runc", "");
    }
}
