package wharf.server.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard of policies consulted for every API request, in service-ranking order; the first
 * refusal wins. None are installed by default. A policy that throws refuses (fails closed).
 */
@ConsumerType
public interface AuthorizationPolicy {
    /** Service property: the policy's name, shown in the refusal message. */
    String NAME = "wharf.authz.name";

    Decision authorize(AuthorizationRequest request) throws Exception;

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
