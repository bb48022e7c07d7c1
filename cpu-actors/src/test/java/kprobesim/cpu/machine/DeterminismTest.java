package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.time.Duration;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deterministic mode: same program + seed = same digest; another seed = another interleaving. */
@ExtendWith(LogCapturingExtension.class)
class DeterminismTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    record Outcome(String digest, byte[] log, long counter) {}

    static Outcome run(long seed, int cpus) {
        ObjectImage image = TestPrograms.assemble("counter_log.S");
        ProgramLoader.Loaded p = ProgramLoader.load(image, cpus);
        MachineConfig cfg = MachineConfig.of(cpus, ExecutionMode.DETERMINISTIC, seed).withQuantum(500);
        try (Machine m = Machine.forProgram(testKit.system(), cfg, p, new HypercallTable())) {
            Machine.RunReport r = m.run(Duration.ofSeconds(60));
            assertFalse(r.timedOut());
            r.cpus().forEach(s -> assertEquals(CpuStatus.STOPPED, s.status(), () -> "cpu " + s));
            long counter = p.memory().read64(TestPrograms.symbol(image, "counter"));
            byte[] log = p.memory().readBytes(TestPrograms.symbol(image, "log"), 64 * cpus);
            return new Outcome(r.digest(), log, counter);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"42,4", "77,8", "5,16"})
    void sameSeedSameDigestAndLog(long seed, int cpus) {
        Outcome a = run(seed, cpus);
        Outcome b = run(seed, cpus);
        Outcome c = run(seed, cpus);
        assertEquals(a.digest(), c.digest());
        assertEquals(64 * cpus, a.counter());
        assertEquals(a.digest(), b.digest());
        assertEquals(new String(a.log(), java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(b.log(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void otherSeedOtherInterleaving() {
        Outcome a = run(1, 4);
        Outcome b = run(2, 4);
        assertEquals(a.counter(), b.counter());
        assertNotEquals(java.util.Arrays.toString(a.log()), java.util.Arrays.toString(b.log()),
                "the shared log of CPU ids differs");
        assertNotEquals(a.digest(), b.digest());
        int[] count = new int[4];
        for (byte x : a.log()) {
            count[x]++;
        }
        for (int c : count) {
            assertEquals(64, c, "every CPU logged 64 times");
        }
    }
}
