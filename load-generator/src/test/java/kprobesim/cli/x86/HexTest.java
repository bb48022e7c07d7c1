package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void roundTrips() {
        byte[] b = {0x48, (byte) 0x83, (byte) 0xec, 0x78, 0};
        assertEquals("4883ec7800", Hex.encode(b));
        assertArrayEquals(b, Hex.decode("48 83 EC 78\n00"));
    }

    @Test
    void saysWhatIsWrong() {
        assertEquals("bad hex: odd number of digits (3)",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc")).getMessage());
        assertEquals("bad hex: 'z' at position 3",
                assertThrows(IllegalArgumentException.class, () -> Hex.decode("aaz0")).getMessage());
    }
}
