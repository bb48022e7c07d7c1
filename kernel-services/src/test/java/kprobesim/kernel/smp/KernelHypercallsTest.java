package kprobesim.kernel.smp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.image.Hypercall;
import kprobesim.kernel.testing.SimRig;
import kprobesim.kernel.text.LockOwner;
import kprobesim.kernel.text.TextHypercalls;
import kprobesim.kernel.text.TextMutex;
import kprobesim.kernel.text.TextPoker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Machine code using the kernel's hypercalls: CPU 0 pokes without text_mutex (-EPERM), waits for
 * text_mutex held by Java (queued, handed over FIFO), pokes int3 over the site the other CPUs
 * loop on, unlocks, then makes cross-calls (a registered function with wait; on_each_cpu; an
 * unregistered one is -EINVAL).
 */
class KernelHypercallsTest {
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
    static final long FN = 0xffffffff81ff0000L, UNKNOWN_FN = 0xffffffff81ff0040L;

    static String program() {
        return String.join("\n",
                "\t.text",
                "\t.globl _start",
                "_start:",
                "\tsti",
                "\ttest %rdi, %rdi",
                "\tjnz loop",
                // CPU 0
                "\tmovabs $site, %rdi",
                "\tmovabs $int3_byte, %rsi",
                "\tmov $1, %edx",
                "\tmov $" + Hypercall.TEXT_POKE.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $rc_unlocked_poke, %rcx",
                "\tmov %rax, (%rcx)",
                "1:\tmov $" + Hypercall.TEXT_MUTEX_LOCK.nr() + ", %eax",
                "\tvmcall",
                "\ttest %rax, %rax",
                "\tjz 2f",
                "\tpause",
                "\tjmp 1b",
                "2:\tmovabs $site, %rdi",
                "\tmovabs $int3_byte, %rsi",
                "\tmov $1, %edx",
                "\tmov $" + Hypercall.TEXT_POKE.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $rc_poke, %rcx",
                "\tmov %rax, (%rcx)",
                "\tmov $" + Hypercall.TEXT_MUTEX_UNLOCK.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $" + FN + ", %rdi",
                "\tmov $7, %esi",
                "\tmov $1, %edx",
                "\tmov $" + Hypercall.SMP_CALL_FUNCTION.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $rc_call, %rcx",
                "\tmov %rax, (%rcx)",
                "\tmovabs $" + FN + ", %rdi",
                "\tmov $8, %esi",
                "\tmov $1, %edx",
                "\tmov $" + Hypercall.ON_EACH_CPU.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $" + UNKNOWN_FN + ", %rdi",
                "\tmov $" + Hypercall.SMP_CALL_FUNCTION.nr() + ", %eax",
                "\tvmcall",
                "\tmovabs $rc_unknown, %rcx",
                "\tmov %rax, (%rcx)",
                "\tcli",
                "\thlt",
                // the others
                "loop:",
                "\t.globl site",
                "site:",
                "\tnop",
                "\tjmp loop",
                "\t.globl bp_handler",
                "bp_handler:",
                "\tmovabs $trapped, %rax",
                "\tmovq $1, (%rax,%rdi,8)",
                "\tsti",
                "3:\thlt",
                "\tjmp 3b",
                "\t.data",
                "int3_byte: .byte 0xcc",
                "\t.p2align 3",
                "\t.globl rc_unlocked_poke, rc_poke, rc_call, rc_unknown, trapped",
                "rc_unlocked_poke: .quad 1",
                "rc_poke: .quad 1",
                "rc_call: .quad 1",
                "rc_unknown: .quad 1",
                "trapped: .skip 64",
                "");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExecutionMode.class)
    void machineCodeLocksPokesAndCrossCalls(ExecutionMode mode) {
        try (SimRig rig = new SimRig(kit, program(), MachineConfig.of(CPUS, mode, 3).withBudget(100_000_000),
                Map.of(3, "bp_handler"))) {
            TextMutex mutex = new TextMutex();
            TextPoker poker = new TextPoker(rig.machine, rig::isText, mutex);
            TextHypercalls.install(rig.hypercalls, poker, ctx -> LockOwner.cpu(ctx.cpuId()));
            KernelSmp smp = new KernelSmp(rig.machine);
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            smp.registerFunction(FN, (ctx, info) -> calls.add(ctx.cpuId() + ":" + info));
            smp.installHypercalls(rig.hypercalls);
            LockOwner java = LockOwner.java("test");
            assertTrue(mutex.tryLock(java));
            rig.machine.start();
            for (int i = 0; i < 100_000 && mutex.waiters().isEmpty(); i++) {
                rig.snapshots();
            }
            assertEquals(List.of(LockOwner.cpu(0)), mutex.waiters(), "CPU 0 queued behind the Java holder");
            mutex.unlock(java);
            SimRig.await(rig.machine.quiescent());

            assertEquals(Errno.EPERM.neg(), rig.read64(rig.sym("rc_unlocked_poke")));
            assertEquals(0, rig.read64(rig.sym("rc_poke")));
            assertEquals(0xcc, rig.loaded.memory().read8(rig.sym("site")));
            for (int cpu = 1; cpu < CPUS; cpu++) {
                assertEquals(1, rig.read64(rig.sym("trapped") + 8L * cpu), "cpu " + cpu);
            }
            assertEquals(0, rig.read64(rig.sym("rc_call")));
            assertEquals(Errno.EINVAL.neg(), rig.read64(rig.sym("rc_unknown")));
            List<String> sorted = new ArrayList<>(calls);
            Collections.sort(sorted);
            assertEquals(List.of("0:8", "1:7", "1:8", "2:7", "2:8", "3:7", "3:8"), sorted);
            assertTrue(!mutex.isLocked(), "CPU 0 unlocked");
        }
    }
}
