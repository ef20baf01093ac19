package wharf.server.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamsTest {

    @Test
    void everyWriteIsOneFrame() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        StdStreams s = new StdStreams(sink);
        s.stdout().write("hello\n".getBytes(StandardCharsets.UTF_8));
        s.stderr().write("err\n".getBytes(StandardCharsets.UTF_8));
        byte[] expected = new byte[] {1, 0, 0, 0, 0, 0, 0, 6, 'h', 'e', 'l', 'l', 'o', '\n',
            2, 0, 0, 0, 0, 0, 0, 4, 'e', 'r', 'r', '\n'};
        assertArrayEquals(expected, sink.toByteArray());
    }

    @Test
    void progressMessagesEndInCrLfAndEscapeHtml() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProgressStream p = new ProgressStream(sink);
        p.status("Pulling fs layer");
        p.status("2fd31cde5c54", "Pull complete");
        p.progress("2fd31cde5c54", "Downloading", 32768, 1366290, "[=>   ]");
        p.error("a <b> & c");
        assertEquals("{\"status\":\"Pulling fs layer\"}\r\n"
                + "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"2fd31cde5c54\"}\r\n"
                + "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":32768,\"total\":1366290},"
                + "\"progress\":\"[=\\u003e   ]\",\"id\":\"2fd31cde5c54\"}\r\n"
                + "{\"errorDetail\":{\"message\":\"a \\u003cb\\u003e \\u0026 c\"},\"error\":\"a \\u003cb\\u003e \\u0026 c\"}\r\n",
                sink.toString(StandardCharsets.UTF_8));
    }
}
