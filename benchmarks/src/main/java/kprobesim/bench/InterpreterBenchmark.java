package kprobesim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter speed on one host thread with the decoded-instruction cache warm.
 *
 * <p>One JMH operation is one guest instruction ({@link OperationsPerInvocation} is the exact
 * dynamic count of a run), and the unit is ops/µs, so the score reads directly as MIPS.
 * {@code -prof gc} reports gc.alloc.rate.norm in bytes per guest instruction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBenchmark {
    /** Iterations per invocation: about a million guest instructions each. */
    static final int ITERATIONS = 100_000;

    private LoopMachine alu;
    private LoopMachine callRet;
    private LoopMachine loadStore;
    private LoopMachine lockXadd;

    @Setup
    public void setUp() {
        alu = machine(BenchLoop.ALU);
        callRet = machine(BenchLoop.CALL_RET);
        loadStore = machine(BenchLoop.LOAD_STORE);
        lockXadd = machine(BenchLoop.LOCK_XADD);
    }

    private static LoopMachine machine(BenchLoop loop) {
        return new LoopMachine(loop.assemble(LoopMachine.CODE_BASE));
    }

    // The constants below are BenchLoop.instructions(ITERATIONS) for each loop (setup + N*K + tail);
    // BenchLoopTest fails if a loop's header and these drift apart.

    static final int ALU_OPS = 3 + 6 * ITERATIONS;
    static final int CALL_RET_OPS = 1 + 10 * ITERATIONS + 1;
    static final int LOAD_STORE_OPS = 1 + 7 * ITERATIONS;
    static final int LOCK_XADD_OPS = 2 + 4 * ITERATIONS;

    @Benchmark
    @OperationsPerInvocation(ALU_OPS)
    public long aluLoop() {
        return alu.run(ITERATIONS);
    }

    @Benchmark
    @OperationsPerInvocation(CALL_RET_OPS)
    public long callRetPushPopLoop() {
        return callRet.run(ITERATIONS);
    }

    @Benchmark
    @OperationsPerInvocation(LOAD_STORE_OPS)
    public long loadStoreLoop() {
        return loadStore.run(ITERATIONS);
    }

    @Benchmark
    @OperationsPerInvocation(LOCK_XADD_OPS)
    public long lockXaddLoop() {
        return lockXadd.run(ITERATIONS);
    }
}
