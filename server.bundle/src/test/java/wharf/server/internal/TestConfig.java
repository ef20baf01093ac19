package wharf.server.internal;

import java.lang.annotation.Annotation;

/** The server's configuration as DS passes it: its declared defaults, or chosen values. */
final class TestConfig {
    private TestConfig() {
    }

    static ServerConfig defaults() {
        return of("1.47", "1.24", "");
    }

    static ServerConfig of(String apiVersion, String minApiVersion, String corsOrigin) {
        return new ServerConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ServerConfig.class;
            }

            @Override
            public String apiVersion() {
                return apiVersion;
            }

            @Override
            public String minApiVersion() {
                return minApiVersion;
            }

            @Override
            public int gateWaitSeconds() {
                return 120;
            }

            @Override
            public String corsOrigin() {
                return corsOrigin;
            }
        };
    }
}
