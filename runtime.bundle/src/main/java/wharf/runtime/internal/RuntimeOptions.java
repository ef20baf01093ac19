package wharf.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Wharf OCI runtime", description = "Which OCI runtime runs containers, under conmon")
@interface RuntimeOptions {

    @AttributeDefinition(description = "runc or crun; empty: the launcher's --default-runtime, else runc if "
            + "installed, else crun. One that is not installed falls back to the other")
    String runtime() default "";

    @AttributeDefinition(description = "conmon's path; empty: found on PATH")
    String conmon() default "";
}
