package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * Quick, non-JMH MIPS measurement of the four benchmark loops (not a test; run its main with the
 * test classpath). The JMH benchmarks in the benchmarks module are the reference figures.
 */
public final class MipsProbe {
    static final String[][] LOOPS = {
        {"alu", "l: add $1,%rax\nxor %rax,%rbx\ncmp %rcx,%rax\njnz l\nhlt"},
        {"call/ret+push/pop", "l: call f\ndec %rcx\njnz l\nhlt\nf: push %rbx\npop %rbx\nret"},
        {"load/store", "l: mov (%rdi),%rax\nadd $1,%rax\nmov %rax,(%rdi)\ndec %rcx\njnz l\nhlt"},
        {"lock xadd", "l: mov $1,%eax\nlock xadd %rax,(%rdi)\ndec %rcx\njnz l\nhlt"},
    };

    public static void main(String[] args) {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        for (String[] loop : LOOPS) {
            PhysicalMemory mem = new PhysicalMemory();
            TestMachine m = new TestMachine(mem, loop[1]);
            double best = 0;
            double bestCpu = 0;
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 6; round++) {
                m.core.setRip(TestMachine.CODE);
                m.core.setReg(Reg.RSP, TestMachine.STACK_TOP);
                m.core.setReg(Reg.RAX, 0);
                m.core.setReg(Reg.RCX, iterations);
                m.core.setReg(Reg.RDI, TestMachine.DATA);
                long c0 = bean.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                RunResult r = m.core.run(Long.MAX_VALUE, X86Core.NO_END);
                long t1 = System.nanoTime();
                long c1 = bean.getCurrentThreadCpuTime();
                double mips = r.instructions() * 1e3 / (t1 - t0);
                double cpuMips = r.instructions() * 1e3 / (c1 - c0);
                best = Math.max(best, mips);
                bestCpu = Math.max(bestCpu, cpuMips);
                System.out.printf("%-20s round %d: %,d instructions in %.0f ms = %.1f MIPS wall, %.1f per CPU-second (%s)%n",
                        loop[0], round, r.instructions(), (t1 - t0) / 1e6, mips, cpuMips, r.stop());
            }
            System.out.printf("%-20s best %.1f MIPS wall-clock, %.1f MIPS per thread-CPU-second%n", loop[0], best, bestCpu);
        }
    }
}
