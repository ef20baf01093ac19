package wharf.server.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;
import wharf.server.api.ApiWhiteboard;

/** The whiteboard context every API servlet and filter selects: {@value #SELECT}. */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = ApiContext.NAME, path = "/")
public final class ApiContext extends ServletContextHelper {
    static final String NAME = ApiWhiteboard.CONTEXT_NAME;
    static final String SELECT = ApiWhiteboard.CONTEXT_SELECT;
}
