package kprobesim.cpu.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    private final PhysicalMemory mem = new PhysicalMemory();

    @Test
    void mapsWholePagesSparselyAcrossTheAddressSpace() {
        mem.map(0xffffffff81000010L, 0x1000);
        assertEquals(2, mem.mappedPages());
        assertTrue(mem.isMapped(0xffffffff81000000L));
        assertTrue(mem.isMapped(0xffffffff81001fffL));
        assertFalse(mem.isMapped(0xffffffff81002000L));
        assertNull(mem.page(0));
        mem.write64(0xffffffff81000ff8L, 42);
        mem.map(0xffffffff81000000L, 1);
        assertEquals(42, mem.read64(0xffffffff81000ff8L), "mapping again keeps contents");
    }

    @Test
    void littleEndianAllSizesAlignedUnalignedAndPageCrossing() {
        mem.map(0x1000, 0x2000);
        for (long addr : new long[] {0x1000, 0x1003, 0x1ffd, 0x1ff9}) {
            mem.write64(addr, 0x1122334455667788L);
            assertEquals(0x88, mem.read8(addr));
            assertEquals(0x7788, mem.read16(addr));
            assertEquals(0x55667788L, mem.read32(addr));
            assertEquals(0x1122334455667788L, mem.read64(addr));
            assertEquals(0x11, mem.read8(addr + 7));
        }
        mem.write16(0x1fff, 0xabcd);
        assertArrayEquals(new byte[] {(byte) 0xcd, (byte) 0xab}, mem.readBytes(0x1fff, 2));
        mem.write32(0x1ffe, 0xfedcba98L);
        assertEquals(0xfedcba98L, mem.read32(0x1ffe));
    }

    @Test
    void unmappedAccessFaultsWithTheFirstUnmappedAddressAndWritesNothing() {
        mem.map(0x1000, 0x1000);
        MemoryFault r = assertThrows(MemoryFault.class, () -> mem.read64(0x3000));
        assertEquals(0x3000, r.address);
        assertFalse(r.write);
        MemoryFault w = assertThrows(MemoryFault.class, () -> mem.write64(0x1ffc, -1L));
        assertTrue(w.write);
        assertEquals(0, mem.read32(0x1ffc), "a faulting split store writes nothing");
        MemoryFault bulk = assertThrows(MemoryFault.class, () -> mem.load(0x1ff0, new byte[0x20]));
        assertEquals(0x2000, bulk.address);
        assertEquals(0, mem.read64(0x1ff0));
    }

    @Test
    void compareAndSetInWordSplitAndAcrossPages() {
        mem.map(0x1000, 0x2000);
        for (long addr : new long[] {0x1000, 0x1001, 0x1006, 0x1ffc, 0x1ffe}) {
            for (int size : new int[] {1, 2, 4, 8}) {
                mem.write(addr, size, 5);
                assertFalse(mem.compareAndSet(addr, size, 6, 7));
                assertEquals(5, mem.read(addr, size));
                assertTrue(mem.compareAndSet(addr, size, 5, 0xfffffffffL));
                assertEquals(0xfffffffffL & (size == 8 ? -1L : (1L << (8 * size)) - 1), mem.read(addr, size),
                        "addr=" + Long.toHexString(addr) + " size=" + size);
            }
        }
    }

    @Test
    void casInWordLeavesNeighbourBytesAlone() {
        mem.map(0, 8);
        mem.write64(0, 0x1122334455667788L);
        assertTrue(mem.compareAndSet(2, 2, 0x5566, 0xaabb));
        assertEquals(0x11223344aabb7788L, mem.read64(0));
    }
}
