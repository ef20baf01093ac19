package wharf.server.api;

/**
 * How a request ended, as {@link AuthorizationPolicy#onResponse} reports it (dockerd's
 * {@code AuthZRes}): the status the client got, and whether the policies let it through.
 *
 * @param status    the status sent: the handler's, {@code 101} for a connection taken over, or the
 *                  refusal's ({@code 403}, or {@code 500} when a policy failed)
 * @param refusedBy the name of the policy that refused the request, or empty when every policy allowed it
 * @param message   the refusal's message as the client got it
 *                  ({@code authorization denied by plugin <name>: <why>}), or empty
 */
public record AuthorizationResponse(int status, String refusedBy, String message) {

    public AuthorizationResponse {
        refusedBy = refusedBy == null ? "" : refusedBy;
        message = message == null ? "" : message;
    }

    /** The answer of a request every policy allowed. */
    public static AuthorizationResponse allowed(int status) {
        return new AuthorizationResponse(status, "", "");
    }

    /** True when every policy allowed the request. */
    public boolean allowed() {
        return refusedBy.isEmpty();
    }
}
