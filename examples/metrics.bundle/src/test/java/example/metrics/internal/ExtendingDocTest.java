package example.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/extending.md shows code copied from the examples, each block under a
 * {@code <!-- snippet: path -->} line: every block must still appear word for word in the file it
 * names, so the guide's code is code that compiles and is tested.
 */
class ExtendingDocTest {
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void everySnippetIsStillInTheFileItNames() throws Exception {
        // this module is examples/metrics.bundle: the repository is two folders up
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .getParent().getParent();
        Matcher m = SNIPPET.matcher(Files.readString(root.resolve("docs/extending.md")));
        int snippets = 0;
        while (m.find()) {
            snippets++;
            String source = Files.readString(root.resolve(m.group(1)));
            assertTrue(source.contains(m.group(2)), "docs/extending.md shows code that " + m.group(1)
                    + " no longer has:\n" + m.group(2));
        }
        assertTrue(snippets >= 10, "only " + snippets + " snippets found");
    }
}
