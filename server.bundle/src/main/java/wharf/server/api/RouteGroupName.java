package wharf.server.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a {@link RouteGroup} component: {@code @RouteGroupName("system")} sets the service
 * property {@value RouteGroup#NAME}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RouteGroupName {
    String PREFIX_ = "wharf.";

    String value();
}
