package kprobesim.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.testing.HostTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The loops every runner measures: same bytes as GNU as, and the instruction counts the MIPS figures divide by. */
class BenchLoopTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BenchLoop.class)
    void headerCountsMatchTheInterpreter(BenchLoop loop) {
        LoopMachine m = new LoopMachine(loop.assemble(LoopMachine.CODE_BASE));
        assertEquals(loop.instructions(1), m.run(1));
        assertEquals(loop.instructions(1000), m.run(1000));
    }

    @Test
    void benchmarkConstantsMatchTheHeaders() {
        long n = InterpreterBenchmark.ITERATIONS;
        assertEquals(BenchLoop.ALU.instructions(n), InterpreterBenchmark.ALU_OPS);
        assertEquals(BenchLoop.CALL_RET.instructions(n), InterpreterBenchmark.CALL_RET_OPS);
        assertEquals(BenchLoop.LOAD_STORE.instructions(n), InterpreterBenchmark.LOAD_STORE_OPS);
        assertEquals(BenchLoop.LOCK_XADD.instructions(n), InterpreterBenchmark.LOCK_XADD_OPS);
    }

    /** The compare script feeds GNU as bytes to the other emulators; JMH feeds ours. They must be the same code. */
    @ParameterizedTest
    @EnumSource(BenchLoop.class)
    void ourBytesAreGnuAsBytes(BenchLoop loop) throws IOException {
        Path src = Files.writeString(dir.resolve(loop.id + ".S"), loop.source);
        Path obj = dir.resolve(loop.id + ".o");
        Path bin = dir.resolve(loop.id + ".bin");
        HostTools.run(dir, "as", "--64", "-o", obj.toString(), src.toString());
        HostTools.run(dir, "objcopy", "-O", "binary", "-j", ".text", obj.toString(), bin.toString());
        assertArrayEquals(Files.readAllBytes(bin), loop.assemble(LoopMachine.CODE_BASE));
    }
}
