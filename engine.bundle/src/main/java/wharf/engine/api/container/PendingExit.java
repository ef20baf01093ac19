package wharf.engine.api.container;

import java.util.concurrent.CompletionStage;

/**
 * An exit to come: completes with the container's exit once the wait's condition holds. The
 * route cancels nothing; a waiter that goes away simply stops listening.
 */
public record PendingExit(CompletionStage<WaitResult> result) {
}
