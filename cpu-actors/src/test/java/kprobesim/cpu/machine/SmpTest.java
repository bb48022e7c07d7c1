package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.smp.Smp;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** smp tier: cross-calls with acknowledgement, offline CPUs, timeouts, exclusive sections, SyncCore. */
@ExtendWith(LogCapturingExtension.class)
class SmpTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    /** CPUs 0..n-2 idle with IF=1 (`sti; hlt` loop); the last CPU stops with IF=0. */
    private static final String IDLE_AND_ONE_DEAF = String.join("\n",
            ".globl _start",
            "_start: cmp $3, %rdi",
            "        je deaf",
            "        sti",
            "0:      hlt",
            "        jmp 0b",
            "deaf:   cli",
            "        hlt", "");

    private static MachineConfig cfg(ExecutionMode mode) {
        return MachineConfig.of(4, mode, 11).withSmpTimeout(java.time.Duration.ofMillis(300), 50);
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void smpCallFunctionSkipsOfflineCpusAndReportsTheOnesThatNeverAnswer(ExecutionMode mode) {
        try (MachineRig rig = new MachineRig(testKit, IDLE_AND_ONE_DEAF, cfg(mode), Map.of())) {
            Machine m = rig.machine;
            rig.runToQuiescence();
            AtomicLongArray ran = new AtomicLongArray(4);
            BroadcastResult all = MachineRig.await(Smp.smpCallFunction(m, ctx -> ran.incrementAndGet(ctx.cpuId()), true));
            assertEquals(List.of(0, 1, 2), all.done());
            assertEquals(List.of(3), all.timedOut(), "CPU 3 has interrupts off: its IPI stays pending");
            assertEquals(0, ran.get(3));

            BroadcastResult off = MachineRig.await(m.request(2, Cpu.Offline::new));
            assertEquals(List.of(2), off.done());
            assertTrue(!m.board().isOnline(2));
            BroadcastResult second = MachineRig.await(Smp.smpCallFunction(m, ctx -> ran.incrementAndGet(ctx.cpuId()), true));
            assertEquals(List.of(0, 1), second.done(), "offline CPU 2 is not targeted");
            assertEquals(List.of(3), second.timedOut());
            // a request that reaches an offline CPU anyway is answered "offline"
            BroadcastResult direct = MachineRig.await(m.request(2, r -> new Cpu.CallFunction(ctx -> ran.incrementAndGet(2), r)));
            assertEquals(List.of(2), direct.offline());
            assertEquals(2, ran.get(0));
            assertEquals(1, ran.get(2), "ran only while online");

            List<CpuSnapshot> s = m.snapshotsNow();
            assertEquals(2, s.get(0).ipis());
            assertEquals(CpuStatus.OFFLINE, s.get(2).status());
            // CPU 3 still holds its queued IPIs; going offline runs them (flush_smp_call_function_queue)
            BroadcastResult off3 = MachineRig.await(m.request(3, Cpu.Offline::new));
            assertEquals(List.of(3), off3.done());
            assertEquals(2, ran.get(3), "the dying CPU ran both pending call functions");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void exclusiveSectionRunsWhileNoCpuExecutes(ExecutionMode mode) {
        String src = ".globl _start\n_start: sti\n0: lock incq counter\njmp 0b\n.data\ncounter: .quad 0\n";
        MachineConfig c = MachineConfig.of(4, mode, 3).withBudget(400_000).withQuantum(200);
        try (MachineRig rig = new MachineRig(testKit, src, c, Map.of())) {
            Machine m = rig.machine;
            m.start();
            AtomicLong before = new AtomicLong(-1);
            AtomicLong after = new AtomicLong(-2);
            for (int i = 0; i < 5; i++) {
                MachineRig.await(Smp.stopMachine(m, () -> {
                    before.set(rig.read64("counter"));
                    long t0 = System.nanoTime();
                    while (System.nanoTime() - t0 < 2_000_000) {
                        Thread.onSpinWait(); // give a CPU that was not parked a chance to run
                    }
                    after.set(rig.read64("counter"));
                }));
                assertEquals(before.get(), after.get(), "no CPU ran during the exclusive section");
            }
            MachineRig.await(m.quiescent());
            assertEquals(4 * 200_000, rig.read64("counter"), "each CPU did its 200000 locked increments");
            m.snapshotsNow().forEach(s -> assertTrue(!s.parked(), "resumed"));
        }
    }

    @Test
    void syncCoreHypercallBroadcastsAndWaitsForEveryCpu() {
        // CPU 0 patches `patched: mov $1,%eax` into `mov $2,%eax` (one byte of the immediate),
        // then SYNC_CORE; the other CPUs spin executing the instruction until they see 2.
        String src = String.join("\n",
                ".globl _start",
                "_start: test %rdi, %rdi",
                "        jnz spin",
                "        mov $20000, %ecx",
                "0:      dec %ecx",
                "        jnz 0b",
                "        movb $2, patched+1",
                "        mov $12, %eax",
                "        vmcall",
                "        mov %rax, %gs:16",
                "        hlt",
                "spin:   sti",
                "patched: mov $1, %eax",
                "        cmp $2, %eax",
                "        jne patched",
                "        hlt", "");
        MachineConfig c = MachineConfig.of(4, ExecutionMode.DETERMINISTIC, 5).withQuantum(300);
        try (MachineRig rig = new MachineRig(testKit, src, c, Map.of(), new HypercallTable())) {
            List<CpuSnapshot> s = rig.runToQuiescence();
            assertEquals(0, rig.percpu(0, 16), "SYNC_CORE hypercall: all acknowledged");
            for (CpuSnapshot x : s) {
                assertEquals(CpuStatus.HALTED.equals(x.status()) || CpuStatus.STOPPED.equals(x.status()), true, x.toString());
            }
            for (int cpu = 1; cpu < 4; cpu++) {
                assertEquals(1, s.get(cpu).ipis(), "one SyncCore each");
            }
        }
    }

    @Test
    void fromACpuOnEachCpuAndStopMachineWaitWithoutRunningGuestCode() {
        java.util.concurrent.atomic.AtomicLongArray ran = new java.util.concurrent.atomic.AtomicLongArray(4);
        AtomicLong exclusiveRuns = new AtomicLong();
        HypercallTable hc = new HypercallTable()
                // on_each_cpu(fn, wait): rax = number of CPUs that acknowledged (fn ran here first)
                .register(200, (ctx, a, b, c, d, e, f) -> {
                    Smp.onEachCpu(ctx, x -> ran.incrementAndGet(x.cpuId()), true,
                            r -> ctx.core().setReg(kprobesim.cpu.isa.Reg.RAX, r.done().size()));
                    return -1;
                })
                // stop_machine(fn): rax = 7 once fn ran with every CPU stopped
                .register(201, (ctx, a, b, c, d, e, f) -> {
                    Smp.stopMachine(ctx, exclusiveRuns::incrementAndGet,
                            () -> ctx.core().setReg(kprobesim.cpu.isa.Reg.RAX, 7));
                    return -1;
                });
        String src = String.join("\n",
                ".globl _start",
                "_start: sti",
                "        test %rdi, %rdi",
                "        jnz 1f",
                "        mov $200, %eax",
                "        vmcall",
                "        mov %rax, %gs:16",   // the guest resumes only after the continuation
                "        mov $201, %eax",
                "        vmcall",
                "        mov %rax, %gs:24",
                "        cli",
                "        hlt",
                "1:      mov $30000, %ecx",   // the others stay busy (IF=1) for a while, then stop
                "0:      dec %ecx",
                "        jnz 0b",
                "        cli",
                "        hlt", "");
        for (ExecutionMode mode : ExecutionMode.values()) {
            for (int i = 0; i < 4; i++) {
                ran.set(i, 0);
            }
            try (MachineRig rig = new MachineRig(testKit, src, MachineConfig.of(4, mode, 4).withQuantum(100), Map.of(), hc)) {
                rig.runToQuiescence();
                assertEquals(3, rig.percpu(0, 16), mode + ": the 3 other CPUs acknowledged before the guest went on");
                assertEquals(7, rig.percpu(0, 24), mode + ": stop_machine's continuation ran before the guest went on");
                for (int cpu = 0; cpu < 4; cpu++) {
                    assertEquals(1, ran.get(cpu), mode + ": fn ran once on cpu " + cpu);
                }
            }
        }
        assertEquals(2, exclusiveRuns.get());
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void parkedCpuExecutesNothingUntilResumed(ExecutionMode mode) {
        String src = ".globl _start\n_start: sti\n0: inc %rbx\njmp 0b\n";
        MachineConfig c = MachineConfig.of(2, mode, 8).withQuantum(100).withBudget(Long.MAX_VALUE / 2);
        try (MachineRig rig = new MachineRig(testKit, src, c, Map.of())) {
            Machine m = rig.machine;
            m.start();
            assertEquals(List.of(1), MachineRig.await(m.request(1, Cpu.Park::new)).done());
            long parkedAt = m.snapshotsNow().get(1).instructions();
            long cpu0 = m.snapshotsNow().get(0).instructions();
            for (int i = 0; i < 5; i++) { // each request takes at least one round / one slice turn
                MachineRig.await(m.request(0, r -> new Cpu.CallFunction(ctx -> { }, r)));
            }
            List<CpuSnapshot> s = m.snapshotsNow();
            assertTrue(s.get(1).parked());
            assertEquals(parkedAt, s.get(1).instructions(), "a parked CPU does not run");
            assertTrue(s.get(0).instructions() > cpu0, "the other one does");
            m.send(1, new Cpu.Resume());
            MachineRig.await(m.request(1, r -> new Cpu.CallFunction(ctx -> { }, r)));
            for (int i = 0; i < 3; i++) {
                MachineRig.await(m.request(1, r -> new Cpu.CallFunction(ctx -> { }, r)));
            }
            assertTrue(m.snapshotsNow().get(1).instructions() > parkedAt, "resumed");
            MachineRig.await(m.broadcast(new int[] {0, 1}, Cpu.Halt::new));
        }
    }

    @Test
    void panicStopsEveryOtherCpuEvenWithInterruptsOff() {
        HypercallTable hc = new HypercallTable().register(300, (ctx, a, b, c, d, e, f) -> {
            Smp.sendStop(ctx, r -> ctx.core().setReg(kprobesim.cpu.isa.Reg.RAX, r.done().size()));
            return -1;
        });
        String src = String.join("\n",
                ".globl _start",
                "_start: test %rdi, %rdi",
                "        jnz 1f",
                "        mov $5000, %ecx",
                "0:      dec %ecx",
                "        jnz 0b",
                "        mov $300, %eax",
                "        vmcall",
                "        mov %rax, %gs:16",
                "        cli",
                "        hlt",
                "1:      cli",            // the others spin with interrupts off: an IPI would wait
                "2:      inc %rbx",
                "        jmp 2b", "");
        try (MachineRig rig = new MachineRig(testKit, src, MachineConfig.of(4, ExecutionMode.DETERMINISTIC, 6)
                .withQuantum(250), Map.of(), hc)) {
            List<CpuSnapshot> s = rig.runToQuiescence();
            assertEquals(3, rig.percpu(0, 16), "three CPUs acknowledged the stop");
            for (int cpu = 1; cpu < 4; cpu++) {
                assertEquals(CpuStatus.STOPPED, s.get(cpu).status());
                assertTrue(s.get(cpu).instructions() > 0, "it was running");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void requestsQueuedWhileInterruptsAreOffRunWhenTheCpuRunsOutOfBudget(ExecutionMode mode) {
        String src = ".globl _start\n_start: cli\n0: inc %rbx\njmp 0b\n";
        MachineConfig c = MachineConfig.of(2, mode, 2).withQuantum(500).withBudget(3_000_000)
                .withSmpTimeout(java.time.Duration.ofSeconds(30), 100_000);
        try (MachineRig rig = new MachineRig(testKit, src, c, Map.of())) {
            Machine m = rig.machine;
            m.start();
            AtomicLongArray ran = new AtomicLongArray(2);
            BroadcastResult r = MachineRig.await(Smp.smpCallFunction(m, ctx -> ran.incrementAndGet(ctx.cpuId()), true));
            assertEquals(List.of(0, 1), r.done(), "answered once the budget ran out (IF stayed 0)");
            m.snapshotsNow().forEach(s -> assertEquals(CpuStatus.DONE, s.status()));
            assertEquals(1, ran.get(0));
            assertEquals(1, ran.get(1));
        }
    }

    @Test
    void aCpuComingOnlineDuringAnExclusiveSectionWaitsForItsEnd() {
        String src = ".globl _start\n_start: sti\n0: incq %gs:16\njmp 0b\n";
        MachineConfig c = MachineConfig.of(3, ExecutionMode.PARALLEL, 1).withQuantum(200).withBudget(Long.MAX_VALUE / 2);
        kprobesim.cpu.asm.ObjectImage image = TestPrograms.assembleSource(src, "x.S");
        ProgramLoader.Loaded p = ProgramLoader.load(image, 3);
        try (Machine m = Machine.create(testKit.system(), c, p.memory(), new HypercallTable(),
                kprobesim.cpu.actor.Idtr.EMPTY, i -> {
                    Cpu.BootState b = p.boot(i);
                    return i < 2 ? b : new Cpu.BootState(b.rip(), b.rsp(), b.rdi(), b.rflags(), b.cs(), b.ss(),
                            b.gsBase(), b.rsp0(), false);
                })) {
            m.start();
            long counter2 = ProgramLoader.PERCPU + 2 * ProgramLoader.PERCPU_STRIDE + 16;
            AtomicLong during = new AtomicLong(-1);
            MachineRig.await(m.exclusive(() -> {
                m.send(2, new Cpu.Online(kprobesim.cpu.actor.Reply.none()));
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 50_000_000L) {
                    Thread.onSpinWait(); // CPU 2 would run now if it did not park itself
                }
                during.set(p.memory().read64(counter2));
            }));
            assertEquals(0, during.get(), "CPU 2 executed nothing during the section");
            for (int i = 0; i < 200 && p.memory().read64(counter2) == 0; i++) {
                MachineRig.await(m.request(2, r -> new Cpu.CallFunction(ctx -> { }, r)));
            }
            assertTrue(p.memory().read64(counter2) > 0, "and runs after it");
            MachineRig.await(m.broadcast(new int[] {0, 1, 2}, Cpu.Halt::new));
        }
    }
}
