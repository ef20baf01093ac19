package wharf.graph.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReaderTest {

    @Test
    void reportsTheFirstReadThrottledUpdatesAndTheEnd() throws IOException {
        List<Long> reports = new ArrayList<>();
        int size = 4 * 1024 * 1024;
        try (InputStream in = new ProgressReader(new ByteArrayInputStream(new byte[size]), size, reports::add)) {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // a fast reader: the 100 ms limit keeps most updates back
            }
        }
        assertEquals(1024L, reports.get(0));
        assertEquals((long) size, reports.get(reports.size() - 1));
        assertTrue(reports.size() < 50, reports.toString());
        assertEquals(reports.size(), reports.stream().distinct().count(), "no repeats: " + reports);
    }

    @Test
    void anUnknownTotalEndsAtEndOfStream() throws IOException {
        List<Long> reports = new ArrayList<>();
        try (InputStream in = new ProgressReader(new ByteArrayInputStream(new byte[10]), -1, reports::add)) {
            in.readAllBytes();
        }
        assertEquals(List.of(10L), reports);
    }
}
