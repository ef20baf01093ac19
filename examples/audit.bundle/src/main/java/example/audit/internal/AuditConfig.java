package example.audit.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Example audit log", description = "One JSON line per API request.")
@interface AuditConfig {
    String PID = "example.audit";

    @AttributeDefinition(name = "File", description = "Where the lines go: a path relative to the data root"
            + " (wharf.data.root), or an absolute one. Changing it switches files live.")
    String file() default "audit/requests.log";
}
