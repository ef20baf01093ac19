package wharf.server.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard of policies consulted for every API request, dockerd's authorization plugins as
 * OSGi services. None are installed by default.
 * <p>
 * Before the handler, each policy's {@link #authorize} runs in service-ranking order (highest
 * first); the first refusal wins and the client gets dockerd's answer, {@code 403}
 * {@code {"message": "authorization denied by plugin <name>: <why>"}}. A policy that throws
 * refuses too (fails closed), with dockerd's {@code 500}
 * {@code {"message": "plugin <name> failed with error: <error>"}}. After the answer, every policy
 * that was registered when the request arrived hears how it ended through {@link #onResponse},
 * refused requests included.
 * <p>
 * Policies see the method, the URI, the headers, the caller ({@link Peer}) and, on demand, the
 * full body ({@link RequestBody}). They run on the request's thread: a slow policy slows every
 * request.
 */
@ConsumerType
public interface AuthorizationPolicy {
    /** Service property: the policy's name, shown in refusals; the bundle's symbolic name when absent. */
    String NAME = "wharf.authz.name";

    /** Allows or refuses the request before its handler runs. */
    Decision authorize(AuthorizationRequest request) throws Exception;

    /**
     * Hears how a request ended, once its status is known (dockerd's {@code AuthZRes}): after the
     * handler, after the {@code 101} of a connection taken over, or after a refusal. The answer may
     * already be on the wire, so this cannot change it; a failure is logged. Does nothing by default.
     */
    default void onResponse(AuthorizationRequest request, AuthorizationResponse response) throws Exception {
    }

    /** A policy's answer. */
    record Decision(boolean allowed, String message) {
        public static Decision allow() {
            return new Decision(true, "");
        }

        public static Decision deny(String message) {
            return new Decision(false, message);
        }
    }
}
