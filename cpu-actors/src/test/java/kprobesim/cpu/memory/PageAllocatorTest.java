package kprobesim.cpu.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kprobesim.cpu.exec.CpuException;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.api.Test;

/** The page allocator unmaps what it frees, so a use after free faults instead of reading stale data. */
class PageAllocatorTest {
    private static final long BASE = 0xffff888000000000L;

    @Test
    void allocatesZeroedPagesAndUnmapsFreedOnes() {
        PhysicalMemory mem = new PhysicalMemory();
        PageAllocator a = new PageAllocator(mem, BASE, 2);
        long p = a.allocate();
        long q = a.allocate();
        assertEquals(BASE, p);
        assertEquals(BASE + 4096, q);
        assertEquals(0, mem.read64(p + 8));
        mem.write64(p + 8, 0x1234);
        a.free(p);
        assertFalse(mem.isMapped(p));
        assertThrows(MemoryFault.class, () -> mem.read64(p + 8), "a use after free faults");
        assertThrows(IllegalArgumentException.class, () -> a.free(p), "double free");
        assertEquals(p, a.allocate(), "the freed frame is reused once the window is used up");
        assertEquals(0, mem.read64(p + 8), "and comes back zeroed");
        assertThrows(IllegalStateException.class, a::allocate, "window exhausted");
        assertEquals(2, a.allocatedPages());
    }

    @Test
    void guestUseAfterFreeIsAPageFaultOnceTheTlbIsFlushed() {
        PhysicalMemory mem = new PhysicalMemory();
        PageAllocator a = new PageAllocator(mem, BASE, 4);
        long page = a.allocate();
        mem.map(0x400000, 4096);
        mem.load(0x400000, new byte[] {0x48, (byte) 0x8b, 0x03, (byte) 0xf4}); // mov (%rbx),%rax; hlt
        X86Core core = new X86Core(mem);
        core.setReg(Reg.RBX, page);
        core.setRip(0x400000);
        assertEquals(RunResult.Stop.HLT, core.run(10, X86Core.NO_END).stop());
        a.free(page);
        core.flushTlb(); // the shootdown IdtReload.restore does after freeing
        core.setRip(0x400000);
        RunResult r = core.run(10, X86Core.NO_END);
        assertEquals(RunResult.Stop.EXCEPTION, r.stop());
        assertEquals(CpuException.PF, r.exception().vector());
        assertEquals(page, core.cr2());
        assertTrue(mem.mappedPages() >= 1);
    }
}
