package kprobesim.cpu.exec.oracle;

import static kprobesim.cpu.isa.Flags.DF;
import static kprobesim.cpu.isa.Flags.STATUS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kprobesim.cpu.exec.HostAssembler;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.exec.oracle.RandomProgram.Unit;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.testing.HostTools;

/**
 * Runs batches of random sequences natively (the C harness, built with gcc) and in
 * {@link X86Core} from the same bytes (assembled once per batch by GNU as), and compares all
 * GPRs, the flags the SDM defines at the end of the sequence, DF, and the 256-byte buffer.
 */
public final class HostCpuOracle {
    static final long CODE_BASE = 0x30000000L;
    static final long BUF_BASE = 0x10000000L;
    static final long STACK_BASE = 0x20000000L;
    static final int STACK_SIZE = 0x2000;
    static final long RSP0 = STACK_BASE + 0x1000;
    static final int STATE_BYTES = 16 * 8 + 8 + RandomProgram.BUF;
    static final int FAULT_BYTES = 5 * 8;
    static final String[] NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private static Path harness;

    /**
     * Compare the SDM-undefined status flags too. On by default on AMD hosts, whose undefined-flag
     * behaviour the interpreter reproduces (FLAGS.md); elsewhere only defined flags are compared.
     * Override with -Doracle.strictFlags=true|false.
     */
    public static final boolean STRICT_FLAGS = Boolean.parseBoolean(
            System.getProperty("oracle.strictFlags", String.valueOf(hostIsAmd())));

    static boolean hostIsAmd() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains("AuthenticAMD");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Initial machine state of one test case. */
    public record Case(List<Unit> units, long[] regs, long flags, byte[] buf) {
        Case with(List<Unit> u) {
            return new Case(u, regs, flags, buf);
        }
    }

    /**
     * Architectural result of one run. {@code stop} is "END", or for a CPU exception
     * "EXCEPTION vector=V error=E address=A rip=R" (address only for #PF, error only for #GP/#PF).
     */
    public record State(long[] regs, long flags, byte[] buf, String stop) {
    }

    static String exceptionStop(int vector, long error, long address, long rip) {
        boolean pf = vector == 14;
        return String.format("EXCEPTION vector=%d error=%d address=0x%x rip=0x%x", vector,
                pf || vector == 13 ? error : 0, pf ? address : 0, rip);
    }

    /** Counters of one batch. */
    public static final class Stats {
        public int cases;
        public int failures;
        /** Cases whose defined state matched but whose undefined status flags differ from the host. */
        public int undefinedFlagDiffs;
        public final List<String> reports = new ArrayList<>();
    }

    // ------------------------------------------------------------------ case generation

    static long value(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> 0;
            case 1 -> r.nextInt(9) - 4;
            case 2 -> (1L << r.nextInt(64)) + (r.nextInt(3) - 1);
            case 3 -> (long) r.nextInt();
            case 4 -> r.nextInt(1 << 16);
            default -> r.nextLong();
        };
    }

    public static List<Case> cases(long seed, int count, int maxUnits) {
        RandomProgram gen = new RandomProgram(seed);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Unit> units = gen.repaired(gen.sequence(maxUnits));
            long[] regs = new long[16];
            for (int k = 0; k < 16; k++) {
                regs[k] = value(r);
            }
            regs[4] = RSP0;
            regs[15] = BUF_BASE;
            long flags = (r.nextInt() & STATUS) | 0x202;
            byte[] buf = new byte[RandomProgram.BUF];
            r.nextBytes(buf);
            out.add(new Case(units, regs, flags, buf));
        }
        return out;
    }

    // ------------------------------------------------------------------ running

    /** Assembles all cases in one `as` run: returns {code, table}. */
    static byte[][] assemble(List<Case> cases) {
        StringBuilder s = new StringBuilder(cases.size() * 120);
        s.append(".text\nseqs_start:\n");
        for (int i = 0; i < cases.size(); i++) {
            s.append("s").append(i).append(":\n");
            for (Unit u : cases.get(i).units()) {
                s.append(u.text()).append('\n');
            }
            s.append("s").append(i).append("e:\n.byte 0xff,0x25,0,0,0,0\n.quad 0\n");
        }
        s.append(".section .data\n");
        for (int i = 0; i < cases.size(); i++) {
            s.append(".long s").append(i).append("-seqs_start,s").append(i).append("e-seqs_start\n");
        }
        List<byte[]> parts = HostAssembler.assemble(s.toString(), ".text", ".data");
        return new byte[][] {parts.get(0), parts.get(1)};
    }

    static synchronized Path harness() {
        if (harness == null) {
            HostTools.require("gcc");
            Path dir = HostAssembler.scratch("harness");
            try (InputStream in = HostCpuOracle.class.getResourceAsStream("/oracle/harness.c")) {
                if (in == null) {
                    throw new AssertionError("missing test resource /oracle/harness.c");
                }
                Files.write(dir.resolve("harness.c"), in.readAllBytes());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            HostTools.run(dir, "gcc", "-O2", "-o", "harness", "harness.c");
            harness = dir.resolve("harness");
        }
        return harness;
    }

    static State[] runNative(byte[] code, byte[] table, List<Case> cases) {
        Path dir = HostAssembler.scratch("native");
        ByteBuffer in = ByteBuffer.allocate(cases.size() * STATE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Case c : cases) {
            for (long v : c.regs()) {
                in.putLong(v);
            }
            in.putLong(c.flags());
            in.put(c.buf());
        }
        try {
            Files.write(dir.resolve("code.bin"), code);
            Files.write(dir.resolve("table.bin"), table);
            Files.write(dir.resolve("cases.bin"), in.array());
            HostTools.run(dir, harness().toString(), "code.bin", "table.bin", "cases.bin", "out.bin");
            ByteBuffer out = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out.bin"))).order(ByteOrder.LITTLE_ENDIAN);
            State[] res = new State[cases.size()];
            for (int i = 0; i < res.length; i++) {
                long[] regs = new long[16];
                for (int k = 0; k < 16; k++) {
                    regs[k] = out.getLong();
                }
                long flags = out.getLong();
                byte[] buf = new byte[RandomProgram.BUF];
                out.get(buf);
                long signo = out.getLong();
                long trapno = out.getLong();
                long err = out.getLong();
                long cr2 = out.getLong();
                long rip = out.getLong();
                String stop = signo == 0 ? "END" : exceptionStop((int) trapno, err, cr2, rip);
                res[i] = new State(regs, flags, buf, stop);
            }
            deleteRecursively(dir);
            return res;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static State[] runInterpreter(byte[] code, byte[] table, List<Case> cases) {
        PhysicalMemory mem = new PhysicalMemory();
        mem.map(CODE_BASE, code.length);
        mem.load(CODE_BASE, code);
        mem.map(BUF_BASE, 4096);
        mem.map(STACK_BASE, STACK_SIZE);
        X86Core core = new X86Core(mem);
        core.setCpl(3); // the native run is a user process: same #PF error codes, #GP for hlt/cli
        ByteBuffer t = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        byte[] zeros = new byte[STACK_SIZE];
        State[] res = new State[cases.size()];
        for (int i = 0; i < res.length; i++) {
            Case c = cases.get(i);
            long start = CODE_BASE + (t.getInt(8 * i) & 0xffffffffL);
            long end = CODE_BASE + (t.getInt(8 * i + 4) & 0xffffffffL);
            mem.load(BUF_BASE, c.buf());
            mem.load(STACK_BASE, zeros);
            mem.load(c.regs()[4], c.buf());
            for (int k = 0; k < 16; k++) {
                core.setReg(k, c.regs()[k]);
            }
            core.setRflags(c.flags());
            core.setRip(start);
            RunResult rr = core.run(100_000, end);
            long[] regs = new long[16];
            for (int k = 0; k < 16; k++) {
                regs[k] = core.reg(k);
            }
            String stop = rr.stop() == RunResult.Stop.END ? "END"
                    : rr.stop() == RunResult.Stop.EXCEPTION ? exceptionStop(rr.exception().vector(),
                            rr.exception().errorCode(), rr.exception().address(), core.rip())
                    : rr.stop() + " at 0x" + Long.toHexString(core.rip());
            res[i] = new State(regs, core.rflags(), mem.readBytes(BUF_BASE, RandomProgram.BUF), stop);
        }
        return res;
    }

    /** Differences between native and interpreted results, or null if they agree. */
    static String diff(Case c, State n, State j) {
        StringBuilder d = new StringBuilder();
        if (!j.stop().equals(n.stop())) {
            d.append("  stop   host ").append(n.stop()).append("\n         sim  ").append(j.stop()).append('\n');
        }
        for (int k = 0; k < 16; k++) {
            if (n.regs()[k] != j.regs()[k]) {
                d.append(String.format("  %-4s host 0x%016x  sim 0x%016x%n", NAMES[k], n.regs()[k], j.regs()[k]));
            }
        }
        int undef = STRICT_FLAGS ? 0 : RandomProgram.undefinedAtEnd(c.units());
        long mask = (STATUS & ~undef) | DF;
        if (((n.flags() ^ j.flags()) & mask) != 0) {
            d.append(String.format("  rflags host 0x%x  sim 0x%x  (compared bits 0x%x)%n", n.flags(), j.flags(), mask));
        }
        for (int k = 0; k < RandomProgram.BUF; k++) {
            if (n.buf()[k] != j.buf()[k]) {
                d.append(String.format("  buf[%d] host 0x%02x  sim 0x%02x%n", k, n.buf()[k] & 0xff, j.buf()[k] & 0xff));
                break;
            }
        }
        return d.length() == 0 ? null : d.toString();
    }

    /** Runs the cases; fills {@code stats}; minimises up to {@code maxReports} failures. */
    public static Stats check(long seed, List<Case> cases, int maxReports) {
        Stats st = new Stats();
        byte[][] bin = assemble(cases);
        State[] nat = runNative(bin[0], bin[1], cases);
        State[] sim = runInterpreter(bin[0], bin[1], cases);
        st.cases = cases.size();
        for (int i = 0; i < cases.size(); i++) {
            String d = diff(cases.get(i), nat[i], sim[i]);
            if (d != null) {
                st.failures++;
                if (st.reports.size() < maxReports) {
                    st.reports.add(report(seed, i, minimise(cases.get(i))));
                }
            } else if (((nat[i].flags() ^ sim[i].flags()) & STATUS) != 0) {
                st.undefinedFlagDiffs++;
            }
        }
        return st;
    }

    /** Delta-minimises a failing case by dropping units while it still fails (and stays valid). */
    static Case minimise(Case c) {
        Case best = c;
        boolean progress = true;
        while (progress && best.units().size() > 1) {
            progress = false;
            List<Case> candidates = new ArrayList<>();
            for (int k = 0; k < best.units().size(); k++) {
                List<Unit> u = new ArrayList<>(best.units());
                u.remove(k);
                if (RandomProgram.undefinedAtEnd(u) >= 0) {
                    candidates.add(best.with(u));
                }
            }
            if (candidates.isEmpty()) {
                break;
            }
            byte[][] bin = assemble(candidates);
            State[] nat = runNative(bin[0], bin[1], candidates);
            State[] sim = runInterpreter(bin[0], bin[1], candidates);
            for (int k = 0; k < candidates.size(); k++) {
                if (diff(candidates.get(k), nat[k], sim[k]) != null) {
                    best = candidates.get(k);
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    static String report(long seed, int index, Case c) {
        List<Case> one = List.of(c);
        byte[][] bin = assemble(one);
        State n = runNative(bin[0], bin[1], one)[0];
        State j = runInterpreter(bin[0], bin[1], one)[0];
        StringBuilder s = new StringBuilder();
        s.append("seed ").append(seed).append(" case ").append(index).append(", shortest failing sequence:\n");
        for (Unit u : c.units()) {
            for (String line : u.text().split("\n")) {
                s.append("    ").append(line).append('\n');
            }
        }
        s.append("  initial:");
        for (int k = 0; k < 16; k++) {
            s.append(k % 4 == 0 ? "\n   " : "").append(String.format(" %s=0x%x", NAMES[k], c.regs()[k]));
        }
        s.append(String.format("%n    rflags=0x%x%n", c.flags()));
        String d = diff(c, n, j);
        s.append(d == null ? "  (passes when run alone)\n" : d);
        return s.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
