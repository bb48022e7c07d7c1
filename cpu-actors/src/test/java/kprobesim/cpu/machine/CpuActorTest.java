package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.Map;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Vectors;
import kprobesim.cpu.isa.Reg;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** actor tier: timers, IPIs, hypercalls, halting and triple faults on CPU actors (deterministic mode). */
@ExtendWith(LogCapturingExtension.class)
class CpuActorTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    private static MachineConfig det(int cpus) {
        return cfg(cpus, ExecutionMode.DETERMINISTIC);
    }

    private static MachineConfig cfg(int cpus, ExecutionMode mode) {
        return MachineConfig.of(cpus, mode, 7);
    }

    /** A timer handler that counts ticks at %gs:16 and, after {@code n}, returns with IF=0. */
    private static String tickHandler(int n) {
        return String.join("\n",
                "timer:  incq %gs:16",
                "        cmpq $" + n + ", %gs:16",
                "        jb 1f",
                "        andq $~0x200, 16(%rsp)",
                "1:      iretq", "");
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void timerInterruptsEveryTInstructionsOfVirtualTime(ExecutionMode mode) {
        String src = ".globl _start\n_start: sti\n0: inc %rbx\njmp 0b\n" + tickHandler(1_000_000);
        MachineConfig cfg = cfg(2, mode).withTimerEvery(1000).withBudget(20_000);
        try (MachineRig rig = new MachineRig(testKit, src, cfg, Map.of(Vectors.TIMER, "timer"))) {
            List<CpuSnapshot> s = rig.runToQuiescence();
            for (CpuSnapshot c : s) {
                assertEquals(CpuStatus.DONE, c.status());
                assertEquals(20_000, c.instructions());
                long ticks = rig.percpu(c.cpu(), 16);
                assertEquals(c.interrupts(), ticks, "every interrupt was a timer tick");
                // 20000 instructions of virtual time, a tick every 1000 (the first at 1000)
                assertTrue(ticks >= 18 && ticks <= 20, "ticks=" + ticks);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void haltedCpuSkipsVirtualTimeToTheNextTimerDeadline(ExecutionMode mode) {
        String src = ".globl _start\n_start: sti\n0: hlt\njmp 0b\n" + tickHandler(5);
        MachineConfig cfg = cfg(1, mode).withTimerEvery(10_000);
        try (MachineRig rig = new MachineRig(testKit, src, cfg, Map.of(Vectors.TIMER, "timer"))) {
            CpuSnapshot c = rig.runToQuiescence().get(0);
            assertEquals(CpuStatus.STOPPED, c.status(), "after 5 ticks the handler returns with IF=0 to hlt");
            assertEquals(5, rig.percpu(0, 16));
            assertTrue(c.registers().tsc() >= 50_000, "virtual time advanced through the idle periods: " + c.registers().tsc());
            assertTrue(c.instructions() < 100, "hardly any instruction retired: " + c.instructions());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void ipiWakesAHaltedCpuThroughItsGate(ExecutionMode mode) {
        String src = String.join("\n",
                ".globl _start",
                "_start: test %rdi, %rdi",
                "        jnz idle",
                "        mov $100000, %ecx", // give CPU 1 time to halt
                "0:      dec %ecx",
                "        jnz 0b",
                "        mov $1, %edi",
                "        mov $0xfd, %esi",
                "        mov $10, %eax", // SEND_IPI
                "        vmcall",
                "        mov %rax, %gs:24",
                "        hlt",
                "idle:   sti",
                "0:      hlt",
                "        jmp 0b",
                "resched: movq $0x5ca1ab1e, %gs:16",
                "        andq $~0x200, 16(%rsp)",
                "        iretq", "");
        try (MachineRig rig = new MachineRig(testKit, src, cfg(2, mode), Map.of(Vectors.RESCHEDULE, "resched"))) {
            List<CpuSnapshot> s = rig.runToQuiescence();
            assertEquals(1, rig.percpu(0, 24), "SEND_IPI returns the number of targets");
            assertEquals(0x5ca1ab1eL, rig.percpu(1, 16), "CPU 1 ran its reschedule handler");
            assertEquals(1, s.get(1).ipis());
            assertEquals(1, s.get(1).interrupts());
            assertEquals(CpuStatus.STOPPED, s.get(0).status());
            assertEquals(CpuStatus.STOPPED, s.get(1).status());
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void hypercallsReachJavaServicesWithTheCpuContext(ExecutionMode mode) {
        HypercallTable hc = new HypercallTable()
                .register(100, (ctx, rdi, rsi, rdx, rcx, r8, r9) -> rdi * 1000 + rsi + ctx.cpuId()
                        + (ctx.core().reg(Reg.RDX) == rdx ? 0 : 1_000_000));
        String src = String.join("\n",
                ".globl _start",
                "_start: mov %rdi, %rbx",
                "        mov $7, %edi",
                "        mov $3, %esi",
                "        mov $100, %eax",
                "        vmcall",
                "        mov %rax, %gs:16",
                "        mov $999, %eax",
                "        vmcall",
                "        mov %rax, %gs:24",
                "        mov $11, %eax",  // CPU_ID
                "        vmcall",
                "        mov %rax, %gs:32",
                "        mov $99, %edi",  // SEND_IPI to a CPU that does not exist
                "        mov $10, %eax",
                "        vmcall",
                "        mov %rax, %gs:40",
                "        hlt", "");
        try (MachineRig rig = new MachineRig(testKit, src, cfg(3, mode), Map.of(), hc)) {
            rig.runToQuiescence();
            for (int cpu = 0; cpu < 3; cpu++) {
                assertEquals(7003 + cpu, rig.percpu(cpu, 16));
                assertEquals(HypercallTable.ENOSYS, rig.percpu(cpu, 24));
                assertEquals(cpu, rig.percpu(cpu, 32));
                assertEquals(HypercallTable.EINVAL, rig.percpu(cpu, 40));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void exceptionWithoutIdtIsATripleFaultReportedWithItsVectorAndRip(ExecutionMode mode) {
        String src = ".globl _start\n_start: nop\nbad: ud2\n";
        try (MachineRig rig = new MachineRig(testKit, src, cfg(2, mode), Map.of())) {
            List<CpuSnapshot> s = rig.runToQuiescence();
            for (CpuSnapshot c : s) {
                assertEquals(CpuStatus.TRIPLE_FAULT, c.status(), "no gate 6, 13 or 8 in the IDT");
                assertNotNull(c.fault());
                assertEquals(6, c.fault().vector());
                assertEquals(rig.sym("bad"), c.fault().rip());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void nmiIsDeliveredWithInterruptsOffAndWakesAStoppedCpu(ExecutionMode mode) {
        String src = ".globl _start\n_start: cli\nhlt\nafter: hlt\nnmi: movq $2, %gs:16\niretq\n";
        try (MachineRig rig = new MachineRig(testKit, src, cfg(1, mode), Map.of(Vectors.NMI, "nmi"))) {
            CpuSnapshot before = rig.runToQuiescence().get(0);
            assertEquals(CpuStatus.STOPPED, before.status());
            rig.machine.send(0, new kprobesim.cpu.actor.Cpu.RaiseInterrupt(0x40)); // maskable: ignored
            rig.machine.send(0, new kprobesim.cpu.actor.Cpu.RaiseInterrupt(Vectors.NMI));
            MachineRig.await(rig.machine.quiescent());
            CpuSnapshot after = rig.machine.snapshotsNow().get(0);
            assertEquals(2, rig.percpu(0, 16), "NMI handler ran");
            assertEquals(rig.sym("after") + 1, after.registers().rip(), "returned to the second hlt and stopped");
            assertEquals(CpuStatus.STOPPED, after.status());
            assertEquals(1, after.interrupts());
            assertNull(after.fault());
        }
    }

    @Test
    void aCrashedCpuActorFailsTheWaitInsteadOfHangingIt() {
        HypercallTable hc = new HypercallTable().register(400, (ctx, a, b, c, d, e, f) -> {
            throw new IllegalStateException("bug in a Java kernel service");
        });
        String src = ".globl _start\n_start: mov $400, %eax\nvmcall\nhlt\n";
        try (MachineRig rig = new MachineRig(testKit, src, det(2), Map.of(), hc)) {
            rig.machine.start();
            java.util.concurrent.CompletableFuture<Void> q = rig.machine.quiescent().toCompletableFuture();
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> q.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("simulator bug"), e.getCause().getMessage());
        }
    }
}
