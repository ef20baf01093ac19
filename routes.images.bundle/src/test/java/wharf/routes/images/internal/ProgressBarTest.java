package wharf.routes.images.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void sizesAsGoUnitsPrintsThem() {
        assertEquals("0B", ProgressBar.humanSize(0));
        assertEquals("999B", ProgressBar.humanSize(999));
        assertEquals("1kB", ProgressBar.humanSize(1000));
        assertEquals("36.86kB", ProgressBar.humanSize(36864));
        assertEquals("2.282MB", ProgressBar.humanSize(2282303));
        assertEquals("1.366MB", ProgressBar.humanSize(1366290));
        assertEquals("1.982MB", ProgressBar.humanSize(1982256));
        assertEquals("1000kB", ProgressBar.humanSize(999_960));
    }

    @Test
    void barsMatchDockerdsCapture() {
        // docker-api.md §2.7, a push of 2.282 MB after its first 36.86 kB
        assertEquals("[>" + " ".repeat(50) + "]  36.86kB/2.282MB", ProgressBar.of(36864, 2282303));
        assertEquals("[=>" + " ".repeat(49) + "]  32.77kB/1.366MB", ProgressBar.of(32768, 1366290));
        assertEquals("[" + "=".repeat(25) + ">" + " ".repeat(25) + "]      50B/100B", ProgressBar.of(50, 100));
        assertEquals("[" + "=".repeat(50) + ">]     100B/100B", ProgressBar.of(100, 100));
    }

    @Test
    void unknownOrWonkyTotalsShowTheCountAlone() {
        assertEquals("", ProgressBar.of(0, 0));
        assertEquals(" 1.982MB", ProgressBar.of(1982256, -1));
        assertEquals("[" + "=".repeat(50) + ">]     200B", ProgressBar.of(200, 100));
    }
}
