package kprobesim.cpu.mmu;

import static kprobesim.cpu.mmu.PageTableEntry.PRESENT;
import static kprobesim.cpu.mmu.PageTableEntry.USER;
import static kprobesim.cpu.mmu.PageTableEntry.WRITABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import kprobesim.cpu.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

/** paging tier: the builder writes the entries the SDM layout says, where the walk will look. */
class PageTableBuilderTest {
    final PhysicalMemory mem = new PhysicalMemory();
    final PageTableBuilder as = new PageTableBuilder(mem, PageTableBuilder.frameRange(0x100000, 0x10000));

    @Test
    void mapWritesFourLevelsAtTheIndicesOfTheAddress() {
        long virt = 0x7f12_3456_7000L;
        as.map(virt, 0xabc000, USER | WRITABLE);
        assertEquals(0x100000, as.cr3(), "the PML4 is the first frame");
        long table = as.cr3();
        for (int level = PageTableEntry.PML4; level > PageTableEntry.PT; level--) {
            long e = mem.read64(table + 8L * PageTableEntry.index(virt, level));
            assertEquals(PRESENT | WRITABLE | USER, PageTableEntry.flags(e), "level " + level);
            table = PageTableEntry.address(e);
        }
        long pte = mem.read64(table + 8L * PageTableEntry.index(virt, PageTableEntry.PT));
        assertEquals(PageTableEntry.of(0xabc000, PRESENT | USER | WRITABLE), pte);
        assertEquals(pte, as.entry(virt));
        assertEquals(table + 8L * PageTableEntry.index(virt, PageTableEntry.PT), as.entryAddress(virt, PageTableEntry.PT));
    }

    @Test
    void neighbouringPagesShareTablesAndDistantOnesDoNot() {
        as.map(0x400000, 0x1000, 0);
        as.map(0x401000, 0x2000, 0);
        long used = mem.mappedPages();
        assertEquals(4, used, "PML4 + PDPT + PD + PT");
        as.map(0x7fff_ffff_f000L, 0x3000, 0);
        assertEquals(used + 3, mem.mappedPages(), "a new PDPT, PD and PT");
    }

    @Test
    void unmapAndProtect() {
        as.map(0x400000, 0x5000, USER);
        as.protect(0x400000, USER | WRITABLE | PageTableEntry.EXECUTE_DISABLE);
        assertEquals(PageTableEntry.of(0x5000, PRESENT | USER | WRITABLE | PageTableEntry.EXECUTE_DISABLE),
                as.entry(0x400000));
        long old = as.unmap(0x400000);
        assertEquals(0x5000, PageTableEntry.address(old));
        assertEquals(0, as.entry(0x400000));
        assertEquals(0, as.unmap(0x400000));
        assertEquals(0, as.unmap(0x7000_0000_0000L), "no tables there at all");
        assertThrows(IllegalStateException.class, () -> as.protect(0x400000, USER));
    }

    @Test
    void rejectsWhatIsNotALowerHalfPageOrAFrame() {
        assertThrows(IllegalArgumentException.class, () -> as.map(0x400001, 0x1000, 0));
        assertThrows(IllegalArgumentException.class, () -> as.map(0xffffffff81000000L, 0x1000, 0));
        assertThrows(IllegalArgumentException.class, () -> as.map(0x8000_0000_0000L, 0x1000, 0));
        assertThrows(IllegalArgumentException.class, () -> as.map(0x400000, 0x1234, 0));
        assertThrows(IllegalArgumentException.class, () -> as.map(0x400000, 1L << 52, 0));
    }

    @Test
    void largePagesAreLeavesAtTheirLevelAndDoNotMixWithTables() {
        as.mapLarge(0x4000_0000L, 0x8000_0000L, PageTableEntry.SIZE_1G, USER);
        as.mapLarge(0x20_0000L, 0x60_0000L, PageTableEntry.SIZE_2M, WRITABLE);
        assertEquals(PageTableEntry.of(0x8000_0000L, PRESENT | USER | PageTableEntry.PAGE_SIZE),
                as.entry(0x4123_4000L), "any 4 KiB page inside reports the PDPTE");
        assertEquals(-1, as.entryAddress(0x4000_0000L, PageTableEntry.PD), "no PD below a 1 GiB page");
        assertThrows(IllegalStateException.class, () -> as.map(0x4000_1000L, 0x1000, 0));
        assertThrows(IllegalStateException.class, () -> as.mapLarge(0x4020_0000L, 0, PageTableEntry.SIZE_2M, 0));
        as.map(0x40_0000L, 0x1000, 0);
        assertThrows(IllegalStateException.class, () -> as.mapLarge(0x40_0000L, 0, PageTableEntry.SIZE_2M, 0));
        assertThrows(IllegalArgumentException.class, () -> as.mapLarge(0x30_0000L, 0, PageTableEntry.SIZE_2M, 0));
        assertThrows(IllegalArgumentException.class, () -> as.mapLarge(0x20_0000L, 0, 4096, 0));
        as.protect(0x21_0000L, USER);
        assertEquals(PRESENT | USER | PageTableEntry.PAGE_SIZE, PageTableEntry.flags(as.entry(0x20_0000L)));
        assertEquals(0x60_0000L, PageTableEntry.address(as.unmap(0x20_0000L)));
        assertEquals(0, as.entry(0x20_0000L));
    }

    @Test
    void frameRangeRunsOut() {
        LongSupplier frames = PageTableBuilder.frameRange(0x2000, 0x2000);
        assertEquals(0x2000, frames.getAsLong());
        assertEquals(0x3000, frames.getAsLong());
        assertThrows(IllegalStateException.class, frames::getAsLong);
    }

    @Test
    void newTablesAreZeroedEvenIfTheFrameHeldData() {
        PhysicalMemory m = new PhysicalMemory();
        m.map(0x9000, 0x3000);
        for (long a = 0x9000; a < 0xc000; a += 8) {
            m.write64(a, -1L);
        }
        PageTableBuilder b = new PageTableBuilder(m, PageTableBuilder.frameRange(0x9000, 0x4000));
        b.map(0x400000, 0x1000, 0);
        assertEquals(0, m.read64(b.cr3() + 8), "unused PML4 slots are not present");
        assertTrue(PageTableEntry.isPresent(b.entry(0x400000)));
    }

    @Test
    void canonicalAndDescribe() {
        assertTrue(PageTableEntry.isCanonical(0x7fff_ffff_ffffL));
        assertTrue(PageTableEntry.isCanonical(0xffff_8000_0000_0000L));
        assertTrue(!PageTableEntry.isCanonical(0x8000_0000_0000L));
        assertEquals("0x5000 P W U D XD",
                PageTableEntry.describe(0x5000 | PRESENT | WRITABLE | USER | PageTableEntry.DIRTY
                        | PageTableEntry.EXECUTE_DISABLE));
    }
}
