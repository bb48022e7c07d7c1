package kprobesim.bench;

import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * One simulated CPU set up for a benchmark loop with the layout every runner uses
 * (bench/harness/layout.h): code at {@link #CODE_BASE}, a 64 KiB data buffer in %rdi, a 64 KiB
 * stack, the iteration count in %rsi. The core is reused across runs, so after the first run
 * every instruction comes from the decoded-instruction cache.
 */
public final class LoopMachine {
    public static final long CODE_BASE = 0x1000_0000L;
    public static final long DATA_BASE = 0x2000_0000L;
    public static final long DATA_SIZE = 0x1_0000L;
    public static final long STACK_BASE = 0x3000_0000L;
    public static final long STACK_SIZE = 0x1_0000L;

    private final X86Core cpu;
    private final long end;

    public LoopMachine(byte[] code) {
        PhysicalMemory mem = new PhysicalMemory();
        mem.map(CODE_BASE, code.length);
        mem.write(CODE_BASE, code, 0, code.length);
        mem.map(DATA_BASE, DATA_SIZE);
        mem.map(STACK_BASE, STACK_SIZE);
        this.cpu = new X86Core(mem);
        this.end = CODE_BASE + code.length;
    }

    /**
     * Runs the loop for {@code iterations} and returns the instructions executed.
     *
     * @throws IllegalStateException if the loop did not run to its end (a simulator bug)
     */
    public long run(long iterations) {
        cpu.setRip(CODE_BASE);
        cpu.setReg(Reg.RDI, DATA_BASE);
        cpu.setReg(Reg.RSI, iterations);
        cpu.setReg(Reg.RSP, STACK_BASE + STACK_SIZE - 64);
        RunResult r = cpu.run(Long.MAX_VALUE, end);
        if (r.stop() != RunResult.Stop.END) {
            throw new IllegalStateException("loop stopped with " + r);
        }
        return r.instructions();
    }
}
