package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * isa tier, concurrency: two cores on two host threads hammer one counter with lock-prefixed
 * instructions; the count stays exact for aligned, unaligned in-word, split (8-byte boundary)
 * and page-crossing counters.
 */
class LockedAtomicsTest {
    private static final int N = 200_000;

    private static final String INC = "lock incq (%rdi)";
    private static final String XADD = "mov $1,%eax\nlock xaddq %rax,(%rdi)";
    private static final String ADDL = "lock addl $1,(%rdi)";
    private static final String CAS = "mov (%rdi),%rax\nr: lea 1(%rax),%rdx\nlock cmpxchg %rdx,(%rdi)\njnz r";

    @ParameterizedTest(name = "{0} at +{1}")
    @CsvSource({
        "inc, 0", "inc, 3", "inc, 4092",
        "xadd, 0", "xadd, 6", "xadd, 4093",
        "addl, 0", "addl, 2", "addl, 6", "addl, 4094",
        "cas, 0", "cas, 1", "cas, 4090"})
    void twoCoresCountExactly(String kind, int offset) throws Exception {
        String body = switch (kind) {
            case "inc" -> INC;
            case "xadd" -> XADD;
            case "addl" -> ADDL;
            default -> CAS;
        };
        int size = kind.equals("addl") ? 4 : 8;
        PhysicalMemory mem = new PhysicalMemory();
        long counter = TestMachine.DATA + offset;
        String src = "mov $" + N + ",%ecx\nl:\n" + body + "\ndec %ecx\njnz l\nhlt";
        TestMachine a = new TestMachine(mem, src);
        TestMachine b = new TestMachine(mem, src);
        b.core.setReg(Reg.RSP, TestMachine.STACK_TOP - 0x8000);
        a.core.setReg(Reg.RDI, counter);
        b.core.setReg(Reg.RDI, counter);
        mem.map(counter, 8);
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<RunResult> ra = new AtomicReference<>();
        AtomicReference<RunResult> rb = new AtomicReference<>();
        Thread t1 = new Thread(() -> ra.set(await(start, a.core)));
        Thread t2 = new Thread(() -> rb.set(await(start, b.core)));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertEquals(Stop.HLT, ra.get().stop(), () -> "core a: " + ra.get());
        assertEquals(Stop.HLT, rb.get().stop(), () -> "core b: " + rb.get());
        assertEquals(2L * N, mem.read(counter, size));
    }

    private static RunResult await(CyclicBarrier start, X86Core core) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return core.run(Long.MAX_VALUE, X86Core.NO_END);
    }
}
