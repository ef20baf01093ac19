package wharf.server.api;

/**
 * What the daemon says about itself on every answer: its version string and the API window.
 *
 * @param version        the daemon's version ({@code Server:} header, {@code /version})
 * @param apiVersion     the current (highest) API version served
 * @param minApiVersion  the oldest API version served
 */
public record ServerInfo(String version, ApiVersion apiVersion, ApiVersion minApiVersion) {
}
