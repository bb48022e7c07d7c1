package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.time.Duration;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code lock cmpxchg} spinlock protecting a plain read-increment-write counter: the count is
 * exact only if the simulated atomics give mutual exclusion across truly concurrent CPUs.
 */
@ExtendWith(LogCapturingExtension.class)
class SpinlockTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    static long run(ExecutionMode mode, int cpus, long quantum) {
        ObjectImage image = TestPrograms.assemble("spinlock.S");
        ProgramLoader.Loaded p = ProgramLoader.load(image, cpus);
        MachineConfig cfg = MachineConfig.of(cpus, mode, 99).withQuantum(quantum).withBudget(Long.MAX_VALUE / 2);
        try (Machine m = Machine.forProgram(testKit.system(), cfg, p, new HypercallTable())) {
            Machine.RunReport r = m.run(Duration.ofSeconds(120));
            assertFalse(r.timedOut());
            r.cpus().forEach(s -> assertEquals(CpuStatus.STOPPED, s.status()));
            return p.memory().read64(TestPrograms.symbol(image, "counter"));
        }
    }

    @Test
    void eightCpusInParallelKeepTheCounterExact() {
        assertEquals(8 * 2000, run(ExecutionMode.PARALLEL, 8, 100));
    }

    @Test
    void deterministicModeToo() {
        assertEquals(8 * 2000, run(ExecutionMode.DETERMINISTIC, 8, 37));
    }

    @Test
    @Tag("slow")
    void parallelStress() {
        for (int i = 0; i < 20; i++) {
            assertEquals(8 * 2000, run(ExecutionMode.PARALLEL, 8, 7 + i * 13), "iteration " + i);
        }
    }
}
