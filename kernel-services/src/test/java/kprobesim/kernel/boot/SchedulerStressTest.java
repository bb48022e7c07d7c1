package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.PreemptModel;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fork/exit storms in parallel mode (real concurrency on the dispatcher's threads); bounded. */
@Tag("slow")
class SchedulerStressTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    @Test
    void parallelForkStormOnEightCpusLosesNothing() {
        for (int round = 0; round < 3; round++) {
            BootConfig c = BootConfig.of(8, KernelProfiles.MODERN).withPreempt(PreemptModel.FULL)
                    .withMode(ExecutionMode.PARALLEL, round).withStopWhenIdle(true).withRunForNs(30_000_000_000L);
            try (Kernel k = KernelRig.boot(kit, c)) {
                long[] forkers = new long[4];
                for (int i = 0; i < forkers.length; i++) {
                    forkers[i] = k.spawnKernelThread("kprobesim_workload_forker", 250, "forker" + i, -1);
                }
                KernelRig.runToEnd(k);
                for (long f : forkers) {
                    assertEquals(250, k.scheduler().task((int) f).exitCode);
                }
                assertEquals(4 + 4 * 250, k.scheduler().forks());
                assertEquals(k.scheduler().forks(), k.scheduler().exits());
                assertEquals(k.scheduler().forks(), k.scheduler().exitNotifications());
                for (Task t : k.tasks()) {
                    assertEquals(Task.State.DEAD, t.state, t.toString());
                }
                assertEquals(8, k.kernelMemory().liveStacks());
            }
        }
    }
}
