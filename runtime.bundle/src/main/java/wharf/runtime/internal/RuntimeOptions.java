package wharf.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Wharf OCI runtime", description = "Which OCI runtime runs containers, under conmon")
@interface RuntimeOptions {

    @AttributeDefinition(description = "runc or crun; crun is used only if installed, runc otherwise")
    String runtime() default "runc";

    @AttributeDefinition(description = "conmon's path; empty: found on PATH")
    String conmon() default "";
}
