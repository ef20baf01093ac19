package wharf.server.internal;

import java.lang.annotation.Annotation;

/** The server's configuration with its declared defaults, as DS passes it when none is set. */
final class TestConfig {
    private TestConfig() {
    }

    static ServerConfig defaults() {
        return new ServerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ServerConfig.class;
            }

            @Override
            public String apiVersion() {
                return "1.47";
            }

            @Override
            public String minApiVersion() {
                return "1.24";
            }

            @Override
            public int gateWaitSeconds() {
                return 120;
            }
        };
    }
}
