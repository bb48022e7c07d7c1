package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.Map;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.exec.GateDescriptor;
import kprobesim.cpu.smp.IdtReload;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed-002 protocol: copy the IDT, pack_gate a new #PF handler, load it everywhere, restore
 * and free — while every CPU takes page faults all the time and one CPU goes offline in the
 * middle and comes back later.
 */
@ExtendWith(LogCapturingExtension.class)
class IdtReloadTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    /**
     * Every CPU loops over a load from an unmapped page (#PF). The original handler counts at
     * %gs:16, the interceptor at %gs:24; both skip the 3-byte faulting load and iretq.
     */
    static final String FAULTING = String.join("\n",
            ".globl _start",
            "_start: sti",
            "        mov $0xdead000, %eax",
            "0:      mov (%rax), %rbx",
            "        inc %r12",
            "        jmp 0b",
            "orig_pf: incq %gs:16",
            "        addq $3, 8(%rsp)",
            "        add $8, %rsp",
            "        iretq",
            "my_pf:  incq %gs:24",
            "        addq $3, 8(%rsp)",
            "        add $8, %rsp",
            "        iretq", "");

    static void protocol(ExecutionMode mode, long seed, int cpus) {
        MachineConfig cfg = MachineConfig.of(cpus, mode, seed).withQuantum(200).withBudget(Long.MAX_VALUE / 2);
        try (MachineRig rig = new MachineRig(testKit, FAULTING, cfg, Map.of(14, "orig_pf"))) {
            Machine m = rig.machine;
            Idtr original = new Idtr(MachineRig.IDT, 0xfff);
            m.start();
            int offlineCpu = cpus - 1;
            int lateCpu = cpus - 2;
            MachineRig.await(m.request(lateCpu, Cpu.Offline::new));

            IdtReload.Interception i = MachineRig.await(IdtReload.intercept(m, 0, 14, rig.sym("my_pf")));
            assertTrue(i.loaded().complete(), "every CPU acknowledged the load: " + i.loaded());
            assertEquals(original, i.saved(), "store_idt saw the live IDT");
            assertEquals(new GateDescriptor(rig.sym("my_pf"), 0x10, 0, 0xE, 0, true),
                    GateDescriptor.readFrom(rig.loaded.memory(), i.page(), 14));
            assertEquals(GateDescriptor.readFrom(rig.loaded.memory(), MachineRig.IDT, 13),
                    GateDescriptor.readFrom(rig.loaded.memory(), i.page(), 13), "the rest is a copy");
            assertEquals(i.installed(), m.board().currentIdt());
            assertFalse(i.loaded().done().contains(lateCpu), "offline during the broadcast: not asked");
            // a CPU coming online while the interception is live loads the copy
            MachineRig.await(m.request(lateCpu, Cpu.Online::new));
            assertEquals(i.page(), m.snapshotsNow().get(lateCpu).registers().idtBase());

            // a CPU goes offline while the interception is live
            assertEquals(List.of(offlineCpu), MachineRig.await(m.request(offlineCpu, Cpu.Offline::new)).done());

            IdtReload.Restored r = MachineRig.await(IdtReload.restore(m, 1 % cpus, i));
            assertTrue(r.pageFreed(), "freed after every CPU acknowledged: " + r);
            assertFalse(rig.loaded.memory().isMapped(i.page()), "the freed page is unmapped");
            assertEquals(0, m.board().allocator().allocatedPages());
            assertFalse(r.loaded().done().contains(offlineCpu), "the offline CPU was not asked");
            assertEquals(original, m.board().currentIdt());

            // coming back online loads the machine's current (restored) IDT, never the freed page
            MachineRig.await(m.request(offlineCpu, Cpu.Online::new));
            // let everybody take faults through the restored IDT, then stop
            MachineRig.await(m.broadcast(m.board().onlineCpus(-1), r2 -> new Cpu.CallFunction(ctx -> { }, r2)));
            MachineRig.await(m.broadcast(m.board().onlineCpus(-1), Cpu.Halt::new));
            MachineRig.await(m.quiescent());
            List<CpuSnapshot> s = m.snapshotsNow();
            for (CpuSnapshot c : s) {
                assertNull(c.fault(), () -> "no CPU used a freed IDT: " + c);
                assertEquals(CpuStatus.STOPPED, c.status());
                assertEquals(original.base(), c.registers().idtBase(), "cpu " + c.cpu());
                assertTrue(rig.percpu(c.cpu(), 16) > 0, "original handler ran on cpu " + c.cpu());
            }
            assertTrue(rig.percpu(0, 24) > 0, "the interceptor ran on the CPU that installed it");
            long intercepted = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                intercepted += rig.percpu(cpu, 24) > 0 ? 1 : 0;
            }
            assertTrue(intercepted >= cpus - 1, "the interceptor ran on the CPUs that were online: " + intercepted);
        }
    }

    /**
     * Hotplug racing with the broadcasts: a CPU comes online while the intercept is being
     * broadcast, another goes offline while the restore is. Either the broadcast reaches the CPU
     * or the CPU reads the machine's current IDT after it changed, never neither.
     */
    static void protocolWithHotplugRaces(ExecutionMode mode, long seed, int cpus) {
        MachineConfig cfg = MachineConfig.of(cpus, mode, seed).withQuantum(150).withBudget(Long.MAX_VALUE / 2);
        try (MachineRig rig = new MachineRig(testKit, FAULTING, cfg, Map.of(14, "orig_pf"))) {
            Machine m = rig.machine;
            Idtr original = new Idtr(MachineRig.IDT, 0xfff);
            m.start();
            int late = cpus - 1;
            int leaving = cpus - 2;
            MachineRig.await(m.request(late, Cpu.Offline::new));

            var intercept = IdtReload.intercept(m, 0, 14, rig.sym("my_pf"));
            var online = m.request(late, Cpu.Online::new); // races with the LoadIdt broadcast
            IdtReload.Interception i = MachineRig.await(intercept);
            MachineRig.await(online);
            assertTrue(i.loaded().complete(), i.loaded().toString());
            assertEquals(i.page(), m.snapshotsNow().get(late).registers().idtBase(),
                    "the CPU that came online during the broadcast has the copy");

            var restore = IdtReload.restore(m, 0, i);
            var offline = m.request(leaving, Cpu.Offline::new); // races with the restore broadcast
            IdtReload.Restored r = MachineRig.await(restore);
            MachineRig.await(offline);
            assertTrue(r.pageFreed(), r.toString());
            assertFalse(rig.loaded.memory().isMapped(i.page()));
            MachineRig.await(m.request(leaving, Cpu.Online::new));

            MachineRig.await(m.broadcast(m.board().onlineCpus(-1), r2 -> new Cpu.CallFunction(ctx -> { }, r2)));
            MachineRig.await(m.broadcast(m.board().onlineCpus(-1), Cpu.Halt::new));
            MachineRig.await(m.quiescent());
            for (CpuSnapshot c : m.snapshotsNow()) {
                assertNull(c.fault(), () -> "no CPU used a freed IDT: " + c);
                assertTrue(c.online());
                assertEquals(original.base(), c.registers().idtBase(), "cpu " + c.cpu() + " has the restored IDT");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void hotplugRacesDeterministic(long seed) {
        protocolWithHotplugRaces(ExecutionMode.DETERMINISTIC, seed, 4);
    }

    @Test
    void hotplugRacesParallel() {
        protocolWithHotplugRaces(ExecutionMode.PARALLEL, 0, 4);
    }

    @Test
    @Tag("slow")
    void hotplugRacesParallelStress() {
        for (int round = 0; round < 25; round++) {
            protocolWithHotplugRaces(ExecutionMode.PARALLEL, round, 8);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261201})
    void deterministicModeSeveralSeeds(long seed) {
        protocol(ExecutionMode.DETERMINISTIC, seed, 4);
    }

    @Test
    void parallelMode() {
        protocol(ExecutionMode.PARALLEL, 0, 4);
    }

    @Test
    @Tag("slow")
    void parallelStress() {
        for (int round = 0; round < 25; round++) {
            protocol(ExecutionMode.PARALLEL, round, 8);
        }
    }

    @Test
    void restoreKeepsThePageWhenACpuNeverAnswers() {
        MachineConfig cfg = MachineConfig.of(2, ExecutionMode.DETERMINISTIC, 9)
                .withSmpTimeout(java.time.Duration.ofSeconds(1), 40);
        String src = ".globl _start\n_start: test %rdi,%rdi\njz 0f\ncli\nhlt\n0: sti\n1: hlt\njmp 1b\nh: iretq\n";
        try (MachineRig rig = new MachineRig(testKit, src, cfg, Map.of())) {
            Machine m = rig.machine;
            rig.runToQuiescence();
            IdtReload.Interception i = MachineRig.await(IdtReload.intercept(m, 0, 14, rig.sym("h")));
            assertEquals(List.of(1), i.loaded().timedOut(), "CPU 1 has interrupts off");
            IdtReload.Restored r = MachineRig.await(IdtReload.restore(m, 0, i));
            assertFalse(r.pageFreed());
            assertTrue(rig.loaded.memory().isMapped(i.page()), "kept: CPU 1 might still use it");
            BroadcastResult none = r.loaded();
            assertEquals(List.of(1), none.timedOut());
            // the protocol itself cannot start on a CPU that never takes the IPI: an error, not a hang
            var onDeaf = IdtReload.intercept(m, 1, 14, rig.sym("h")).toCompletableFuture();
            var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> onDeaf.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("no answer"), e.getCause().getMessage());
        }
    }
}
