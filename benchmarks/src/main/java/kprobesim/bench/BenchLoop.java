package kprobesim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblerOptions;
import kprobesim.cpu.asm.AssemblyResult;

/**
 * The benchmark loops, one GNU as source each in {@code resources/kprobesim/bench/loops/}. The
 * same sources feed the JMH benchmarks (assembled by our assembler) and
 * {@code bench/compare-emulators.sh} (assembled by GNU as for the native, QEMU and Unicorn runs).
 *
 * <p>Each source states its dynamic instruction count in a header line
 * {@code # kprobesim-bench: setup=S per-iteration=K tail=T}: a run of N iterations executes
 * exactly S + N*K + T instructions ({@code BenchLoopTest} checks it against the interpreter).
 */
public enum BenchLoop {
    ALU("alu"),
    CALL_RET("callret"),
    LOAD_STORE("loadstore"),
    LOCK_XADD("lockxadd");

    /** The file name without ".S", also the name the compare script prints. */
    public final String id;
    public final String source;
    private final long setup;
    private final long perIteration;
    private final long tail;

    BenchLoop(String id) {
        this.id = id;
        this.source = readSource(id);
        // An enum constructor cannot read the enum's own static fields, hence the local pattern.
        Matcher m = Pattern.compile("# kprobesim-bench: setup=(\\d+) per-iteration=(\\d+) tail=(\\d+)").matcher(source);
        if (!m.find()) {
            throw new IllegalStateException(id + ".S has no '# kprobesim-bench:' header");
        }
        this.setup = Long.parseLong(m.group(1));
        this.perIteration = Long.parseLong(m.group(2));
        this.tail = Long.parseLong(m.group(3));
    }

    /** Instructions a run of {@code iterations} executes. */
    public long instructions(long iterations) {
        return setup + iterations * perIteration + tail;
    }

    /** The loop's machine code, assembled by our assembler at {@code base}. */
    public byte[] assemble(long base) {
        AssemblyResult r = Assembler.assemble(source, id + ".S", AssemblerOptions.at(base));
        if (!r.ok()) {
            throw new IllegalStateException(id + ".S does not assemble: " + r.errors());
        }
        return r.image().text();
    }

    public static BenchLoop byId(String id) {
        for (BenchLoop l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loop '" + id + "'");
    }

    private static String readSource(String id) {
        String path = "/kprobesim/bench/loops/" + id + ".S";
        try (InputStream in = BenchLoop.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
