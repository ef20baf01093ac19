package wharf.daemon.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DetachKeysTest {

    @Test
    void defaultIsCtrlPCtrlQ() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(null));
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse(""));
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("ctrl-p,ctrl-q"));
    }

    @Test
    void controlKeysAndSingleCharacters() {
        assertArrayEquals(new byte[] {0, 1, 26, 27, 28, 29, 30, 31, 'a', 'Q'},
                DetachKeys.parse("ctrl-@,ctrl-a,CTRL-Z,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,a,Q"));
    }

    @Test
    void invalidKeys() {
        assertEquals("Unknown character: 'ctrl-xx'",
                assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-xx")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ab"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("a,"));
        assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-"));
    }

    @Test
    void typedSequenceDetaches() {
        DetachKeys.Matcher m = new DetachKeys.Matcher(DetachKeys.DEFAULT);
        assertArrayEquals(new byte[] {'x'}, m.filter(new byte[] {'x'}, 1));
        assertArrayEquals(new byte[0], m.filter(new byte[] {16}, 1));
        assertNull(m.filter(new byte[] {17}, 1));
    }

    @Test
    void heldBackKeyIsHandedOnWhenNoSequenceFollows() {
        DetachKeys.Matcher m = new DetachKeys.Matcher(DetachKeys.DEFAULT);
        assertArrayEquals(new byte[0], m.filter(new byte[] {16}, 1));
        assertArrayEquals(new byte[] {16, 'y'}, m.filter(new byte[] {'y'}, 1));
        assertArrayEquals(new byte[0], m.filter(new byte[] {16}, 1));
        assertArrayEquals(new byte[] {16, 'a', 'b'}, m.filter(new byte[] {'a', 'b', 'c'}, 2));
    }

    @Test
    void sequenceInsideALargerReadIsData() {
        DetachKeys.Matcher m = new DetachKeys.Matcher(DetachKeys.DEFAULT);
        byte[] piped = {'a', 16, 17, 'b'};
        assertArrayEquals(piped, m.filter(piped, 4));
    }
}
