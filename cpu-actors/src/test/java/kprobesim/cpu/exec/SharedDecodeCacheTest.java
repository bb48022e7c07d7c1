package kprobesim.cpu.exec;

import static kprobesim.cpu.mmu.PageTableEntry.USER;
import static kprobesim.cpu.mmu.PageTableEntry.WRITABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.mmu.PageTableBuilder;
import org.junit.jupiter.api.Test;

/**
 * paging tier, concurrency: cores on parallel threads share one decoded page per (physical page,
 * virtual page) while another thread keeps bumping the page's write generation, and a core that
 * flushes its decode cache (SyncCore) never runs an instruction decoded before the flush.
 */
class SharedDecodeCacheTest {
    static final long CODE = 0x400000L;
    static final long DATA = 0x600000L;
    static final int CORES = 4;
    static final long ITERATIONS = 200_000;

    @Test
    void coresOnParallelThreadsComputeExactlyWhileThePageKeepsBeingRewritten() throws Exception {
        PagedMachine m = new PagedMachine();
        PageTableBuilder as = m.newAddressSpace();
        // add $1 then an identical rewrite of its immediate, over and over from another thread:
        // every rewrite drops the shared record, so cores race to rebuild and publish it.
        long code = m.loadCode(as, CODE, "l: add $1,%rax\nmov %rax,(%rdi)\ndec %rcx\njnz l\nint3", USER);
        ExecutorService pool = Executors.newFixedThreadPool(CORES + 1);
        try {
            CyclicBarrier start = new CyclicBarrier(CORES + 1);
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < CORES; i++) {
                long data = m.frame();
                as.map(DATA + i * (long) Page.SIZE, data, USER | WRITABLE);
                X86Core c = m.core(as, CODE, 0x800000L, USER | WRITABLE);
                c.setCpl(3);
                c.setReg(Reg.RCX, ITERATIONS);
                c.setReg(Reg.RDI, DATA + i * (long) Page.SIZE);
                results.add(pool.submit(() -> {
                    start.await();
                    RunResult r;
                    do {
                        r = c.run(5_000, X86Core.NO_END);
                    } while (r.stop() == Stop.LIMIT);
                    assertEquals(new CpuException(CpuException.BP, 0, 0), r.exception(), "ring 3 ends with int3");
                    return c.reg(Reg.RAX);
                }));
            }
            Page page = m.mem.page(code);
            Future<Integer> writer = pool.submit(() -> {
                start.await();
                int writes = 0;
                while (results.stream().anyMatch(f -> !f.isDone())) {
                    page.put8(3, 1); // the immediate of add $1, unchanged
                    writes++;
                }
                return writes;
            });
            for (Future<Long> f : results) {
                assertEquals(ITERATIONS, f.get(60, TimeUnit.SECONDS));
            }
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void syncCoreAfterCrossModificationNeverRunsTheOldInstruction() {
        PagedMachine m = new PagedMachine();
        PageTableBuilder as = m.newAddressSpace();
        long code = m.loadCode(as, CODE, "mov $1,%eax\nhlt", 0);
        X86Core a = m.core(as, CODE, 0x800000L, WRITABLE);
        X86Core b = m.core(as, CODE, 0x800000L, WRITABLE);
        assertEquals(Stop.HLT, a.run(10, X86Core.NO_END).stop());
        // Another agent writes the bytes behind the generation's back (the race the memory
        // package documents: a store that raced with the first decode) ...
        m.mem.page(code).codeBytes()[1] = 2;
        // ... so only a SyncCore makes it visible; b, which never ran, shares a's stale record
        // until it flushes too.
        a.flushDecodeCache();
        a.setRip(CODE);
        assertEquals(Stop.HLT, a.run(10, X86Core.NO_END).stop());
        assertEquals(2, a.reg(Reg.RAX));
        b.flushDecodeCache();
        assertEquals(Stop.HLT, b.run(10, X86Core.NO_END).stop());
        assertEquals(2, b.reg(Reg.RAX));
        assertEquals(1, ((Object[]) m.mem.page(code).decodedCode()).length);
    }
}
