package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void parsesHexAndDecimal() {
        assertEquals(0x400000L, Numbers.parse("0x400000"));
        assertEquals(0x400000L, Numbers.parse("0X40_0000"));
        assertEquals(4096L, Numbers.parse("4096"));
        assertEquals(-1L, Numbers.parse("-1"));
    }

    @Test
    void kernelAddressesUseAll64Bits() {
        assertEquals(0xffffffff81000000L, Numbers.parse("0xffffffff81000000"));
        assertEquals(-1L, Numbers.parse("18446744073709551615"));
    }

    @Test
    void rejectsGarbageAndOverflow() {
        assertThrows(NumberFormatException.class, () -> Numbers.parse("0x"));
        assertThrows(NumberFormatException.class, () -> Numbers.parse("12ab"));
        assertThrows(NumberFormatException.class, () -> Numbers.parse("0xg1"));
        assertThrows(NumberFormatException.class, () -> Numbers.parse("0x10000000000000000"));
    }

    @Test
    void printsCanonicalHex() {
        assertEquals("0x0", Numbers.hex(0));
        assertEquals("0xffffffff81000000", Numbers.hex(0xffffffff81000000L));
    }
}
