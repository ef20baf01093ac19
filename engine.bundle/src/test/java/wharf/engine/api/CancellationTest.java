package wharf.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void callbacksRunOnceWhenTheSignalFires() throws InterruptedException {
        Cancellation cancellation = new Cancellation();
        List<String> ran = new ArrayList<>();
        cancellation.onCancel(() -> ran.add("first"));
        Cancellation.AutoCloseableNoThrow withdrawn = cancellation.onCancel(() -> ran.add("withdrawn"));
        withdrawn.close();

        assertFalse(cancellation.isCancelled());
        assertFalse(cancellation.await(1, TimeUnit.MILLISECONDS));
        cancellation.cancel();
        cancellation.cancel();

        assertEquals(List.of("first"), ran);
        assertTrue(cancellation.isCancelled());
        assertTrue(cancellation.await(0, TimeUnit.MILLISECONDS));
        assertThrows(CancelledError.class, cancellation::check);
    }

    @Test
    void aCallbackAddedAfterTheSignalRunsAtOnce() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        List<String> ran = new ArrayList<>();

        cancellation.onCancel(() -> ran.add("late"));

        assertEquals(List.of("late"), ran);
    }

    @Test
    void aThrowingCallbackDoesNotSkipTheOthers() {
        Cancellation cancellation = new Cancellation();
        List<String> ran = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("first cleanup failed");
        IllegalStateException second = new IllegalStateException("second cleanup failed");
        cancellation.onCancel(() -> {
            throw first;
        });
        cancellation.onCancel(() -> ran.add("cleanup"));
        cancellation.onCancel(() -> {
            throw second;
        });

        IllegalStateException thrown = assertThrows(IllegalStateException.class, cancellation::cancel);

        assertSame(first, thrown);
        assertEquals(List.of(second), List.of(thrown.getSuppressed()));
        assertEquals(List.of("cleanup"), ran);
        assertTrue(cancellation.isCancelled());
    }
}
