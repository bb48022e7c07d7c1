package kprobesim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hot path (decode-cache hit, mapped operands, no exception) allocates nothing: after a
 * warm-up run has filled the caches, a run of 400,000 instructions allocates only its
 * {@link RunResult} (measured with the thread's allocation counter).
 */
class HotPathAllocationTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void benchmarkLoopsAllocateNothingPerInstruction(int loop) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        TestMachine m = new TestMachine(MipsProbe.LOOPS[loop][1]);
        long allocated = 0;
        for (int round = 0; round < 3; round++) {
            m.core.setRip(TestMachine.CODE);
            m.core.setReg(Reg.RSP, TestMachine.STACK_TOP);
            m.core.setReg(Reg.RAX, 0);
            m.core.setReg(Reg.RCX, 100_000);
            m.core.setReg(Reg.RDI, TestMachine.DATA);
            long before = bean.getThreadAllocatedBytes(tid);
            RunResult r = m.core.run(Long.MAX_VALUE, X86Core.NO_END);
            allocated = bean.getThreadAllocatedBytes(tid) - before;
            assertEquals(Stop.HLT, r.stop());
            assertTrue(r.instructions() >= 300_000);
        }
        long bytes = allocated;
        assertTrue(bytes < 1024, () -> MipsProbe.LOOPS[loop][0] + ": " + bytes + " bytes allocated in a warm run");
    }
}
