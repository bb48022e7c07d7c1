package kprobesim.kernel.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.kernel.image.Hypercall;
import kprobesim.kernel.notifier.KernelNotifiers;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.notifier.RebootNotifier;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.testing.SimRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * panic and the reboot chain end to end on a running 4-CPU machine: the chain runs, dmesg has
 * Linux's lines, every CPU really stops (status STOPPED, instruction counts frozen), from Java
 * and from machine code (the PANIC / KERNEL_* hypercalls).
 */
class MachineControlEndToEndTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static final int CPUS = 4;

    /**
     * Every CPU spins with IF=0 (only an NMI-like stop reaches it) counting in its slot; CPU 0,
     * after 5000 iterations (no budget limit: no CPU can end DONE instead of stopped), makes the hypercall in {@code %eax} = {@code request} with
     * rdi = {@code message} (or spins forever if request is 0).
     */
    static final String SPIN = String.join("\n",
            "\t.text",
            "\t.globl _start",
            "_start:",
            "\tcli",
            "\tmovabs $counters, %rbx",
            "\tlea (%rbx,%rdi,8), %rbx",
            "\tmov %rdi, %r12",
            "1:\tincq (%rbx)",
            "\ttest %r12, %r12",
            "\tjnz 1b",
            "\tmovabs $request, %rax",
            "\tmov (%rax), %rax",
            "\ttest %rax, %rax",
            "\tjz 1b",
            "\tcmpq $5000, (%rbx)",
            "\tjb 1b",
            "\tmovabs $counters, %rcx", // and every other CPU has been running too
            "\tcmpq $1000, 8(%rcx)",
            "\tjb 1b",
            "\tcmpq $1000, 16(%rcx)",
            "\tjb 1b",
            "\tcmpq $1000, 24(%rcx)",
            "\tjb 1b",
            "\tmovabs $message, %rdi",
            "\tvmcall",
            "\t.globl after_vmcall",
            "after_vmcall:",
            "\tmovabs $ran_after, %rax",
            "\tmovq $1, (%rax)",
            "\tud2",
            "\t.data",
            "\t.globl counters",
            "counters: .skip 512",
            "\t.globl request",
            "request: .quad 0",
            "\t.globl ran_after",
            "ran_after: .quad 0",
            "\t.globl message",
            "message: .asciz \"Fatal exception in interrupt\"",
            "");

    final KernelLog log = new KernelLog(256, () -> 0);

    private SimRig rig(ExecutionMode mode, long request) {
        SimRig rig = new SimRig(kit, SPIN, MachineConfig.of(CPUS, mode, 11).withBudget(1L << 40), Map.of());
        rig.loaded.memory().write64(rig.sym("request"), request);
        return rig;
    }

    private static long[] instructions(List<CpuSnapshot> snaps) {
        return snaps.stream().mapToLong(CpuSnapshot::instructions).toArray();
    }

    private static void assertAllStoppedAndFrozen(SimRig rig) {
        try {
            rig.machine.quiescent().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not quiescent: " + rig.snapshots(), e);
        }
        List<CpuSnapshot> first = rig.snapshots();
        for (CpuSnapshot s : first) {
            assertEquals(CpuStatus.STOPPED, s.status(), "cpu " + s.cpu());
            assertNull(s.fault(), "cpu " + s.cpu());
            assertTrue(s.instructions() > 0, "cpu " + s.cpu() + " had been running");
        }
        for (int i = 0; i < 20; i++) { // time passes: round trips through every CPU actor (and 100 rounds)
            if (rig.machine.clock() != null) {
                java.util.concurrent.CompletableFuture<Long> f = new java.util.concurrent.CompletableFuture<>();
                rig.machine.clock().tell(new kprobesim.cpu.actor.Clock.AfterRounds(100, rig.machine.oneShot(f)));
                SimRig.await(f);
            }
            rig.snapshots();
        }
        assertEquals(java.util.Arrays.toString(instructions(first)), java.util.Arrays.toString(instructions(rig.snapshots())),
                "instruction counts stopped growing");
    }

    /** Snapshot round trips until every CPU counted (no sleeping). */
    private static void awaitAllRunning(SimRig rig) {
        for (int i = 0; i < 100_000; i++) {
            boolean all = true;
            for (int cpu = 0; cpu < CPUS; cpu++) {
                all &= rig.read64(rig.sym("counters") + 8L * cpu) > 0;
            }
            if (all) {
                return;
            }
            rig.snapshots();
        }
        throw new AssertionError("CPUs never ran");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExecutionMode.class)
    void panicFromJavaRunsTheChainStopsEveryCpuAndPrintsTheMarkers(ExecutionMode mode) {
        try (SimRig rig = rig(mode, 0)) {
            ActorMachineControl control = new ActorMachineControl(rig.machine);
            KernelNotifiers kn = new KernelNotifiers(log, control);
            List<String> chain = Collections.synchronizedList(new ArrayList<>());
            kn.panic().chain().register(NotifierBlock.of("recorder", (nb, action, data) -> {
                chain.add(action + ":" + data);
                return Notify.OK;
            }));
            rig.machine.start();
            awaitAllRunning(rig);
            assertTrue(kn.panic().panic("Attempted to kill init!"));
            assertFalse(kn.panic().panic("second"), "only the first panic runs");
            assertEquals(MachineOutcome.Kind.HALT, SimRig.await(control.outcome()).kind());
            assertEquals(List.of("0:Attempted to kill init!"), chain);
            List<String> dmesg = log.dmesg();
            assertTrue(dmesg.stream().anyMatch(l -> l.endsWith("Kernel panic - not syncing: Attempted to kill init!")), dmesg.toString());
            assertTrue(dmesg.stream().anyMatch(l -> l.endsWith("---[ end Kernel panic - not syncing: Attempted to kill init! ]---")), dmesg.toString());
            assertAllStoppedAndFrozen(rig);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExecutionMode.class)
    void panicFromMachineCodeStopsTheCallerRightAfterItsVmcall(ExecutionMode mode) {
        try (SimRig rig = rig(mode, Hypercall.PANIC.nr())) {
            ActorMachineControl control = new ActorMachineControl(rig.machine);
            KernelNotifiers kn = new KernelNotifiers(log, control);
            KernelControlHypercalls.install(rig.hypercalls, kn, control);
            List<Object> chain = Collections.synchronizedList(new ArrayList<>());
            kn.panic().chain().register(NotifierBlock.of("recorder", (nb, action, data) -> {
                chain.add(data);
                return Notify.DONE;
            }));
            rig.machine.start();
            assertEquals(MachineOutcome.Kind.HALT, SimRig.await(control.outcome()).kind());
            assertEquals(List.of("Fatal exception in interrupt"), chain);
            assertTrue(log.dmesg().stream().anyMatch(l -> l.endsWith("Kernel panic - not syncing: Fatal exception in interrupt")));
            assertAllStoppedAndFrozen(rig);
            assertEquals(0, rig.read64(rig.sym("ran_after")), "the panicking CPU executed nothing after the vmcall");
            assertEquals(rig.sym("after_vmcall"), rig.snapshots().get(0).registers().rip());
            assertTrue(rig.read64(rig.sym("counters")) >= 5_000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"KERNEL_HALT", "KERNEL_RESTART", "KERNEL_POWER_OFF"})
    void rebootChainFromMachineCodeThenTheMachineActs(String call) {
        Hypercall h = Hypercall.valueOf(call);
        try (SimRig rig = rig(ExecutionMode.DETERMINISTIC, h.nr())) {
            ActorMachineControl control = new ActorMachineControl(rig.machine);
            KernelNotifiers kn = new KernelNotifiers(log, control);
            KernelControlHypercalls.install(rig.hypercalls, kn, control);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            kn.reboot().registerRebootNotifier(NotifierBlock.of("recorder", (nb, action, data) -> {
                seen.add(action + ":" + data);
                return Notify.DONE;
            }));
            rig.machine.start();
            MachineOutcome o = SimRig.await(control.outcome());
            switch (h) {
                case KERNEL_HALT -> {
                    assertEquals(List.of(RebootNotifier.SYS_HALT + ":null"), seen);
                    assertEquals(MachineOutcome.Kind.HALT, o.kind());
                    assertTrue(log.dmesg().stream().anyMatch(l -> l.endsWith("System halted")));
                }
                case KERNEL_RESTART -> {
                    // rdi points at the message, so it is the restart command
                    assertEquals(List.of(RebootNotifier.SYS_RESTART + ":Fatal exception in interrupt"), seen);
                    assertEquals(new MachineOutcome(MachineOutcome.Kind.RESTART, "Fatal exception in interrupt"), o);
                }
                default -> {
                    assertEquals(List.of(RebootNotifier.SYS_POWER_OFF + ":null"), seen);
                    assertEquals(MachineOutcome.Kind.POWER_OFF, o.kind());
                    assertTrue(log.dmesg().stream().anyMatch(l -> l.endsWith("Power down")));
                }
            }
            assertAllStoppedAndFrozen(rig);
            assertEquals(0, rig.read64(rig.sym("ran_after")));
        }
    }

    @Test
    void rebootChainFromJava() {
        try (SimRig rig = rig(ExecutionMode.PARALLEL, 0)) {
            ActorMachineControl control = new ActorMachineControl(rig.machine);
            KernelNotifiers kn = new KernelNotifiers(log, control);
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            kn.reboot().registerRebootNotifier(NotifierBlock.of("recorder", (nb, action, data) -> {
                seen.add(action);
                return Notify.DONE;
            }));
            rig.machine.start();
            awaitAllRunning(rig);
            kn.reboot().kernelPowerOff();
            assertEquals(List.of((long) RebootNotifier.SYS_POWER_OFF), seen);
            assertEquals(MachineOutcome.Kind.POWER_OFF, control.outcomeNow().kind());
            assertAllStoppedAndFrozen(rig);
        }
    }
}
