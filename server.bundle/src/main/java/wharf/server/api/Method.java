package wharf.server.api;

/** The HTTP methods a route can be declared for. */
public enum Method {
    GET, HEAD, POST, PUT, DELETE, OPTIONS
}
