package kprobesim.cpu.exec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableBuilder;
import kprobesim.cpu.mmu.PageTableEntry;

/**
 * Issue 3 "speed and scale" figures for the core alone (not a test; run its main with the test
 * classpath): retained heap per core (idle, and after running shared code) and the
 * per-instruction cost of N cores running the same code round-robin in quanta on one thread,
 * relative to one core. Args: {@code [cores=1024] [quantum=10000] [instructions=60000000]}.
 * Uses hand-assembled loops so that it needs no GNU as.
 */
public final class ScaleProbe {
    static final long CODE = 0x400000L;
    static final long DATA = 0x10000000L;
    /** l: add $1,%rax; xor %rax,%rbx; cmp %rcx,%rax; jne l; hlt. */
    static final byte[] ALU = {0x48, (byte) 0x83, (byte) 0xc0, 0x01, 0x48, 0x31, (byte) 0xc3, 0x48, 0x39,
        (byte) 0xc8, 0x75, (byte) 0xf4, (byte) 0xf4};
    /** m: mov (%rdi),%rax; add $1,%rax; mov %rax,(%rdi); dec %rcx; jnz m; hlt. */
    static final byte[] LOAD_STORE = {0x48, (byte) 0x8b, 0x07, 0x48, (byte) 0x83, (byte) 0xc0, 0x01, 0x48,
        (byte) 0x89, 0x07, 0x48, (byte) 0xff, (byte) 0xc9, 0x75, (byte) 0xf1, (byte) 0xf4};

    public static void main(String[] args) {
        int cores = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int quantum = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long total = args.length > 2 ? Long.parseLong(args[2]) : 60_000_000L;
        for (boolean paged : new boolean[] {false, true}) {
            String mode = paged ? "paged (CR3 != 0)" : "flat (CR3 = 0)";
            footprint(mode, cores, paged);
            for (String[] loop : new String[][] {{"alu", "0"}, {"load/store", "1"}}) {
                byte[] code = loop[1].equals("0") ? ALU : LOAD_STORE;
                double one = nsPerInstruction(code, 1, quantum, total, paged);
                double many = nsPerInstruction(code, cores, quantum, total, paged);
                System.out.printf("%-17s %-10s 1 core %.2f ns/instr, %d cores %.2f ns/instr, ratio %.2f%n",
                        mode, loop[0], one, cores, many, many / one);
            }
        }
    }

    /** Physical memory with the code at CODE (flat) and one data page per core. */
    private static Machine machine(byte[] code, int cores, boolean paged) {
        PhysicalMemory mem = new PhysicalMemory();
        Machine m = new Machine();
        m.mem = mem;
        if (!paged) {
            mem.map(CODE, code.length);
            mem.load(CODE, code);
            mem.map(DATA, (long) cores * 4096);
            m.factory = i -> {
                X86Core c = new X86Core(mem);
                m.init(c, i);
                return c;
            };
            return m;
        }
        PageTableBuilder as = new PageTableBuilder(mem, PageTableBuilder.frameRange(0x1000_0000_0000L, 1L << 30));
        long codeFrame = 0x2000_0000_0000L;
        mem.map(codeFrame, 4096);
        mem.write(codeFrame, code, 0, code.length);
        as.map(CODE, codeFrame, PageTableEntry.USER);
        long dataFrames = 0x3000_0000_0000L;
        mem.map(dataFrames, (long) cores * 4096);
        as.mapRange(DATA, dataFrames, (long) cores * 4096, PageTableEntry.USER | PageTableEntry.WRITABLE);
        m.factory = i -> {
            X86Core c = new X86Core(mem);
            c.setCr3(as.cr3());
            c.setCpl(3);
            m.init(c, i);
            return c;
        };
        return m;
    }

    private static final class Machine {
        PhysicalMemory mem;
        IntFunction<X86Core> factory;

        void init(X86Core c, int i) {
            c.setRip(CODE);
            c.setReg(Reg.RCX, Long.MAX_VALUE);
            c.setReg(Reg.RDI, DATA + (long) i * 4096);
        }
    }

    private static double nsPerInstruction(byte[] code, int cores, int quantum, long total, boolean paged) {
        Machine m = machine(code, cores, paged);
        X86Core[] cs = new X86Core[cores];
        for (int i = 0; i < cores; i++) {
            cs[i] = m.factory.apply(i);
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long done = 0;
            long t0 = bean.getCurrentThreadCpuTime();
            while (done < total) {
                for (X86Core c : cs) {
                    done += c.run(quantum, X86Core.NO_END).instructions();
                }
            }
            long t1 = bean.getCurrentThreadCpuTime();
            best = Math.min(best, (t1 - t0) / (double) done);
        }
        return best;
    }

    private static void footprint(String mode, int cores, boolean paged) {
        Machine m = machine(LOAD_STORE, cores, paged);
        X86Core warm = m.factory.apply(0);
        warm.run(1000, X86Core.NO_END);
        long before = usedAfterGc();
        X86Core[] cs = new X86Core[cores];
        for (int i = 0; i < cores; i++) {
            cs[i] = m.factory.apply(i);
        }
        long idle = usedAfterGc();
        for (X86Core c : cs) {
            c.run(1000, X86Core.NO_END);
        }
        long ran = usedAfterGc();
        System.out.printf("%-17s heap per core: %.0f bytes idle (never ran), %.0f bytes after running shared code%n",
                mode, (idle - before) / (double) cores, (ran - before) / (double) cores);
        if (cs[cores - 1].tsc() == 0 || warm.tsc() == 0) {
            throw new AssertionError("cores did not run");
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
