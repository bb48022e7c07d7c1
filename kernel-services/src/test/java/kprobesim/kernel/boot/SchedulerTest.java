package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.notifier.ProfileType;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.PreemptModel;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernel threads on the scheduler: sleeping, preemption models, fork/exit accounting, migration, hotplug. */
class SchedulerTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static BootConfig cfg(int cpus, PreemptModel model) {
        return BootConfig.of(cpus, KernelProfiles.MODERN).withPreempt(model).withStopWhenIdle(true);
    }

    @Test
    void scheduleTimeoutAndMsleepWakeInVirtualTime() {
        try (Kernel k = KernelRig.boot(kit, cfg(1, PreemptModel.NONE))) {
            long sleepy = k.spawnKernelThread("kprobesim_workload_sleepy", 7, "sleepy", -1);
            long msleep = k.spawnKernelThread("msleep", 5, "msleeper", -1);
            KernelRig.runToEnd(k);
            Task a = k.scheduler().task((int) sleepy);
            Task b = k.scheduler().task((int) msleep);
            // both start at the first tick (jiffy 1): idle runs until an interrupt
            assertEquals(1 + 7, a.lastWakeJiffy, "schedule_timeout(7) wakes 7 jiffies after it slept");
            assertEquals(0, a.exitCode, "schedule_timeout returned 0: the timer fired");
            // msleep(5): msecs_to_jiffies(5) + 1 = 6 jiffies at HZ=1000
            assertEquals(1 + 6, b.lastWakeJiffy);
            assertTrue(b.exitTimeNs >= 7_000_000 && b.exitTimeNs < 7_100_000, "exit at " + b.exitTimeNs);
            assertTrue(a.exitTimeNs >= 8_000_000 && a.exitTimeNs < 8_100_000, "exit at " + a.exitTimeNs);
        }
    }

    @Test
    void doNanosleepSleepsInVirtualTime() {
        try (Kernel k = KernelRig.boot(kit, cfg(1, PreemptModel.NONE))) {
            long pid = k.spawnKernelThread("do_nanosleep", 3_500_000, "nano", -1);
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) pid);
            assertEquals(0, t.exitCode, "0: the time passed (not -EINTR)");
            // started at the first tick (1 ms); the hrtimer is checked at ticks: 1 ms + 3.5 ms -> the 5 ms tick
            assertEquals(5, t.lastWakeJiffy);
        }
    }

    @Test
    void waitQueueSleeperWakesWhenTheEventIsSignalled() {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.FULL))) {
            long waiter = k.spawnKernelThread("kprobesim_workload_wait_event", 0, "waiter", -1);
            long waker = k.spawnKernelThread("kprobesim_workload_wake_after", 4, "waker", -1);
            KernelRig.runToEnd(k);
            Task w = k.scheduler().task((int) waiter);
            Task wk = k.scheduler().task((int) waker);
            assertEquals(4, w.exitCode, "the waiter saw the flag the waker set");
            assertEquals(1, wk.exitCode, "__wake_up woke one sleeper");
            assertTrue(w.exitTimeNs > wk.lastWakeNs, "the waiter ran only after the waker's msleep(4)");
            assertTrue(wk.lastWakeJiffy >= 5, "msleep(4) slept 5 jiffies: " + wk.lastWakeJiffy);
        }
    }

    /** A kernel-mode CPU hog and a short thread on one CPU: which one finishes first. */
    private static boolean hogFinishesFirst(PreemptModel model) {
        try (Kernel k = KernelRig.boot(kit, cfg(1, model))) {
            long hog = k.spawnKernelThread("kprobesim_workload_hog", 2_000_000, "hog", 0);
            long shortOne = k.spawnKernelThread("kprobesim_workload_leaf", 10, "short", 0);
            KernelRig.runToEnd(k);
            Task h = k.scheduler().task((int) hog);
            Task s = k.scheduler().task((int) shortOne);
            assertEquals(6_000_000, h.exitCode, "hog(n) = 3n");
            assertEquals(55, s.exitCode, "leaf(10) = 55");
            return h.exitTimeNs < s.exitTimeNs;
        }
    }

    @Test
    void onlyFullPreemptionTakesTheCpuFromAKernelHog() {
        assertTrue(hogFinishesFirst(PreemptModel.NONE), "none: no preemption in kernel mode");
        assertTrue(hogFinishesFirst(PreemptModel.VOLUNTARY), "voluntary: the hog has no cond_resched point");
        assertTrue(!hogFinishesFirst(PreemptModel.FULL), "full: the tick preempts the hog");
    }

    /** A hog with a cond_resched point every 1000 iterations and a short thread on one CPU. */
    private static boolean voluntaryHogFinishesFirst(PreemptModel model) {
        try (Kernel k = KernelRig.boot(kit, cfg(1, model))) {
            long hog = k.spawnKernelThread("kprobesim_workload_hog_voluntary", 2_000, "hog", 0);
            long shortOne = k.spawnKernelThread("kprobesim_workload_leaf", 10, "short", 0);
            KernelRig.runToEnd(k);
            Task h = k.scheduler().task((int) hog);
            assertEquals(6_000_000, h.exitCode);
            return h.exitTimeNs < k.scheduler().task((int) shortOne).exitTimeNs;
        }
    }

    @Test
    void condReschedIsAPreemptionPointExceptUnderNone() {
        assertTrue(voluntaryHogFinishesFirst(PreemptModel.NONE), "none: _cond_resched does nothing");
        assertTrue(!voluntaryHogFinishesFirst(PreemptModel.VOLUNTARY), "voluntary: _cond_resched switches");
        assertTrue(!voluntaryHogFinishesFirst(PreemptModel.FULL), "full: too");
    }

    @Test
    void nestedPreemptDisableHoldsOffTheTickUntilTheLastEnable() {
        try (Kernel k = KernelRig.boot(kit, cfg(1, PreemptModel.FULL))) {
            long hog = k.spawnKernelThread("kprobesim_workload_hog_atomic", 2_000_000, "hog", 0);
            long shortOne = k.spawnKernelThread("kprobesim_workload_leaf", 10, "short", 0);
            KernelRig.runToEnd(k);
            Task h = k.scheduler().task((int) hog);
            Task s = k.scheduler().task((int) shortOne);
            assertEquals(6_000_000, h.exitCode);
            assertTrue(s.exitTimeNs > 10_000_000, "short waited for the whole loop (10M instructions): " + s.exitTimeNs);
            assertTrue(s.exitTimeNs < h.exitTimeNs, "the last preempt_enable switched to the waiting task");
            assertEquals(1, h.involuntarySwitches, "preempted exactly once, at preempt_enable");
            assertEquals(0, PerCpuView.preemptCount(k, 0));
        }
    }

    @Test
    void forkAndExitAreAccountedUnderFullPreemptionOnEightCpus() {
        try (Kernel k = KernelRig.boot(kit, cfg(8, PreemptModel.FULL))) {
            AtomicInteger exitEvents = new AtomicInteger();
            k.notifiers().profile().profileEventRegister(ProfileType.PROFILE_TASK_EXIT,
                    NotifierBlock.of("count", (nb, action, data) -> {
                        exitEvents.incrementAndGet();
                        return Notify.OK;
                    }));
            long forker = k.spawnKernelThread("kprobesim_workload_forker", 200, "forker", -1);
            KernelRig.runToEnd(k);
            Task f = k.scheduler().task((int) forker);
            assertEquals(200, f.exitCode, "every fork succeeded");
            assertEquals(201, k.scheduler().forks());
            assertEquals(201, k.scheduler().exits());
            assertEquals(201, exitEvents.get(), "task-exit notifier once per exit");
            assertEquals(0, k.scheduler().alive());
            for (Task t : k.tasks()) {
                assertTrue(t.isDead(), t + " is dead");
                if (t.pid() != forker) {
                    assertEquals(5050, t.exitCode, "leaf(100)");
                }
            }
            assertEquals(8, k.kernelMemory().liveStacks(), "only the idle stacks are left");
            assertEquals(0, k.kernelMemory().liveFrames());
            long cpusUsed = k.tasks().stream().mapToInt(t -> t.cpu).distinct().count();
            assertTrue(cpusUsed > 1, "children ran on several CPUs");
        }
    }

    @Test
    void forkFailsWithEagainAtTheTaskLimit() {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.FULL).withTaskLimit(4))) {
            long forker = k.spawnKernelThread("kprobesim_workload_forker", 50, "forker", -1);
            KernelRig.runToEnd(k);
            Task f = k.scheduler().task((int) forker);
            assertTrue(f.exitCode > 0 && f.exitCode < 50, "some forks failed: " + f.exitCode);
            assertEquals(f.exitCode + 1, k.scheduler().forks(), "every successful fork made a task");
            assertEquals(k.scheduler().forks(), k.scheduler().exits());
        }
    }

    @Test
    void aTaskMigratedInTheMiddleOfAFunctionCompletesIt() {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.FULL))) {
            long[] pids = new long[3];
            long[] n = {3_000_000, 1_000_000, 3_000_000};
            for (int i = 0; i < 3; i++) {
                pids[i] = k.spawnKernelThread("kprobesim_workload_hog", n[i], "hog" + i, -1);
            }
            KernelRig.runToEnd(k);
            int migrated = 0;
            for (int i = 0; i < 3; i++) {
                Task t = k.scheduler().task((int) pids[i]);
                assertEquals(3 * n[i], t.exitCode, t + " computed its result");
                migrated += t.migrations;
            }
            assertTrue(migrated > 0, "a preempted hog moved to the CPU that went idle");
        }
    }

    @Test
    void offliningACpuMovesTheTaskRunningThereMidFunction() throws Exception {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.NONE))) {
            long a = k.spawnKernelThread("kprobesim_workload_hog", 1_000_000, "a", -1);
            long b = k.spawnKernelThread("kprobesim_workload_hog", 2_000_000, "b", -1);
            java.util.concurrent.CompletableFuture<Task> bRunsOnCpu1 = new java.util.concurrent.CompletableFuture<>();
            k.scheduler().onSwitchIn(t -> {
                if (t.pid() == b && t.cpu == 1) {
                    bRunsOnCpu1.complete(t);
                }
            });
            k.start();
            bRunsOnCpu1.get(30, java.util.concurrent.TimeUnit.SECONDS);
            k.cpuDown(1).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(k.awaitEnd(java.time.Duration.ofSeconds(60)));
            assertEquals(0, k.hypercalls().unhandled());
            Task tb = k.scheduler().task((int) b);
            assertEquals(6_000_000, tb.exitCode, "b finished its loop after moving");
            assertEquals(0, tb.cpu, "b ended on CPU 0");
            assertEquals(1, tb.migrations);
            assertEquals(3_000_000, k.scheduler().task((int) a).exitCode);
        }
    }

    @Test
    void aCpuBroughtBackOnlineRunsTasksAgain() throws Exception {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.NONE))) {
            k.cpuDown(1).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            k.cpuUp(1).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            long a = k.spawnKernelThread("kprobesim_workload_leaf", 10, "a", -1);
            long b = k.spawnKernelThread("kprobesim_workload_leaf", 20, "b", -1);
            KernelRig.runToEnd(k);
            assertEquals(55, k.scheduler().task((int) a).exitCode);
            assertEquals(210, k.scheduler().task((int) b).exitCode);
            assertTrue(k.tasks().stream().anyMatch(t -> t.cpu == 1), "CPU 1 ran a task after coming back");
            assertTrue(!k.scheduler().isOffline(1));
        }
    }

    @Test
    void offliningACpuMovesItsTasks() throws Exception {
        try (Kernel k = KernelRig.boot(kit, cfg(2, PreemptModel.NONE))) {
            long a = k.spawnKernelThread("kprobesim_workload_leaf", 1000, "a", 1);
            long b = k.spawnKernelThread("kprobesim_workload_leaf", 2000, "b", 1);
            assertEquals(2, k.scheduler().queued(1));
            k.cpuDown(1).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, k.scheduler().queued(1));
            KernelRig.runToEnd(k);
            for (long pid : List.of(a, b)) {
                Task t = k.scheduler().task((int) pid);
                assertTrue(t.isDead());
                assertEquals(0, t.cpu, t + " ran on CPU 0");
            }
            assertTrue(k.log().dmesg().stream().anyMatch(l -> l.contains("CPU 1 is now offline (2 tasks migrated)")));
        }
    }
}
