package wharf.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Wharf API server", description = "The API version window, request handling limits and"
        + " CORS. Changes apply at once, without a restart (deploy/wharf.server.cfg).")
@interface ServerConfig {
    String PID = "wharf.server";

    @AttributeDefinition(name = "Current API version", description = "The highest API version served; unversioned paths use it.")
    String apiVersion() default "1.47";

    @AttributeDefinition(name = "Minimum API version", description = "Older versions get dockerd's 'too old' answer.")
    String minApiVersion() default "1.24";

    @AttributeDefinition(name = "Gate wait (s)", description = "How long a request that arrives before acceptconnections waits before it is refused with 503.")
    int gateWaitSeconds() default 120;

    @AttributeDefinition(name = "CORS origin", description = "The Access-Control-Allow-Origin value. Set, it turns"
            + " CORS on with this origin whatever --api-cors-header says; empty, the flag decides.")
    String corsOrigin() default "";
}
