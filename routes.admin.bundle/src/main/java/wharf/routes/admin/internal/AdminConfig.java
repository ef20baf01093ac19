package wharf.routes.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Wharf management routes", description = "The management API under /_wharf/.")
@interface AdminConfig {
    String PID = "wharf.routes.admin";

    @AttributeDefinition(name = "Largest bundle (MiB)", description = "A bundle jar sent to POST /_wharf/bundles that"
            + " is larger is refused with 400.")
    int maxBundleMiB() default 256;
}
