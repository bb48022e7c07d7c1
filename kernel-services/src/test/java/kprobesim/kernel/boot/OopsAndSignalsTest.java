package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.kernel.notifier.DieArgs;
import kprobesim.kernel.notifier.DieVal;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.PreemptModel;
import kprobesim.kernel.signal.Signals;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernel oops, segfaults, exit(2), kill(2) delivery, determinism. */
class OopsAndSignalsTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static final String SEGV = """
            	.text
            	.globl _start
            _start:
            	xor %eax, %eax
            	mov (%rax), %rbx
            """;

    static final String EXIT3 = """
            	.text
            	.globl _start
            _start:
            	mov $39, %eax
            	int $0x80
            	mov %rax, %rbx
            	mov $60, %eax
            	mov $3, %edi
            	int $0x80
            	ud2
            """;

    /** Sends itself SIGTERM with kill(getpid(), SIGTERM); the signal is delivered on the way out of the syscall. */
    static final String KILLSELF = """
            	.text
            	.globl _start
            _start:
            	mov $39, %eax
            	int $0x80
            	mov %rax, %rdi
            	mov $15, %esi
            	mov $62, %eax
            	int $0x80
            	mov $60, %eax
            	xor %edi, %edi
            	int $0x80
            """;

    static final String FORK = """
            	.text
            	.globl _start
            _start:
            	push $42
            	mov $57, %eax
            	int $0x80
            	test %rax, %rax
            	jz 1f
            	mov $60, %eax
            	mov $6, %edi
            	int $0x80
            1:	pop %rdi
            	mov $60, %eax
            	int $0x80
            """;

    @Test
    void userForkCopiesTheAddressSpaceAndBothExit() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withCpus(2).withStopWhenIdle(true))) {
            long parent = k.spawnUser(KernelRig.program("forky.S", FORK));
            KernelRig.runToEnd(k);
            List<Task> all = k.tasks();
            assertEquals(2, all.size());
            Task p = k.scheduler().task((int) parent);
            Task c = all.get(1);
            assertEquals(6 << 8, p.exitCode, "the parent got the child's pid and exited with 6");
            assertEquals(42 << 8, c.exitCode, "the child got 0 and popped 42 from its copy of the stack");
            assertEquals("forky", c.comm());
            assertEquals(0, k.kernelMemory().liveFrames());
        }
    }

    @Test
    void sigkillFromJavaEndsASpinningUserTaskAtItsNextReturnToUserMode() throws Exception {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            long pid = k.spawnUser(KernelRig.program("spin.S", "\t.text\n\t.globl _start\n_start:\n\tjmp _start\n"));
            java.util.concurrent.CompletableFuture<Void> running = new java.util.concurrent.CompletableFuture<>();
            k.scheduler().onSwitchIn(t -> {
                if (t.pid() == pid) {
                    running.complete(null);
                }
            });
            k.start();
            running.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, k.kill((int) pid, Signals.SIGKILL));
            assertTrue(k.awaitEnd(java.time.Duration.ofSeconds(60)));
            Task t = k.scheduler().task((int) pid);
            assertEquals(Signals.SIGKILL, t.termSignal);
            assertTrue(t.exitTimeNs < 1_000_000_000L, "killed long before the end of the run");
            assertEquals(-3, k.kill((int) pid, Signals.SIGKILL), "ESRCH once dead");
        }
    }

    @Test
    void userSegfaultPrintsLinuxLineAndKills() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            long pid = k.spawnUser(KernelRig.program("segv.S", SEGV));
            long ok = k.spawnUser(KernelRig.program("exit3.S", EXIT3));
            long killed = k.spawnUser(KernelRig.program("killself.S", KILLSELF));
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) pid);
            assertEquals(Signals.SIGSEGV, t.termSignal);
            String line = "segv[" + pid + "]: segfault at 0 ip 0000000000400002 sp 00007fffffffeff0 error 4 in segv[400000+1000]";
            assertTrue(k.log().records().stream().anyMatch(r -> r.text().equals(line)), k.log().dmesg().toString());
            Task e = k.scheduler().task((int) ok);
            assertEquals(0, e.termSignal);
            assertEquals(3 << 8, e.exitCode, "exit(3)");
            Task s = k.scheduler().task((int) killed);
            assertEquals(Signals.SIGTERM, s.termSignal, "kill(getpid(), SIGTERM) took effect before exit(0)");
            assertEquals(0, k.kernelMemory().liveFrames(), "page tables and pages freed");
        }
    }

    @Test
    void kernelDivideErrorIsAnOopsAndTheMachineKeepsRunning() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            k.notifiers().die().registerDieNotifier(NotifierBlock.of("watch", (nb, action, data) -> {
                seen.add(DieVal.of(action).orElseThrow() + ":" + ((DieArgs) data).str());
                return Notify.DONE;
            }));
            long bad = k.spawnKernelThread("kprobesim_workload_div", 0, "oopser", -1);
            long good = k.spawnKernelThread("kprobesim_workload_sleepy", 3, "survivor", -1);
            KernelRig.runToEnd(k);
            assertEquals(List.of("DIE_TRAP:divide error", "DIE_OOPS:divide error: 0000"), seen);
            Task b = k.scheduler().task((int) bad);
            assertTrue(b.isDead());
            assertEquals(Signals.SIGFPE, b.termSignal);
            Task g = k.scheduler().task((int) good);
            assertTrue(g.isDead());
            assertEquals(0, g.termSignal, "the other task finished normally after the oops");
            List<String> lines = k.log().records().stream().map(r -> r.text()).toList();
            assertTrue(lines.contains("divide error: 0000 [#1] SMP"), lines.toString());
            long divAt = k.image().address("kprobesim_workload_div");
            long size = k.image().symbols().symbol("kprobesim_workload_div").orElseThrow().size();
            String where = k.image().symbols().addr2line(divAt + 0xb).orElseThrow();
            assertTrue(where.startsWith("workload.S:"), where);
            String rip = String.format("RIP: 0010:[<%016x>]  kprobesim_workload_div+0xb/0x%x (%s)", divAt + 0xb, size, where);
            assertTrue(lines.contains(rip), "expected " + rip + " in " + lines);
            assertTrue(lines.stream().anyMatch(l -> Pattern.matches("CPU: 0 PID: " + bad + " Comm: oopser Not tainted 6.1 #1", l)));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("RAX: 00000000000003e8 RBX: ")), "registers");
            assertEquals(1, k.traps().oopses());
        }
    }

    @Test
    void kernelInt3GoesToTheDieChainFirstAndOopsesWhenNobodyTakesIt() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            long leaf = k.image().address("kprobesim_workload_leaf");
            int original = k.memory().read8(leaf);
            k.memory().write8(leaf, 0xcc);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            // a kprobe-like handler, notified first: put the byte back and re-execute it, once
            k.notifiers().die().registerDieNotifier(new NotifierBlock("fixer", NotifierBlock.PRIORITY_FIRST,
                    (nb, action, data) -> {
                        seen.add(DieVal.of(action).orElseThrow().name());
                        if (action != DieVal.DIE_INT3.value() || seen.size() > 1) {
                            return Notify.DONE;
                        }
                        kprobesim.kernel.image.PtRegs regs = kprobesim.kernel.image.PtRegs.at(k.memory(), ((DieArgs) data).regs());
                        assertEquals(leaf + 1, regs.ip(), "int3 is a trap: ip is past it");
                        k.memory().write8(leaf, original);
                        regs.setIp(leaf);
                        return Notify.STOP;
                    }));
            long fixed = k.spawnKernelThread("kprobesim_workload_leaf", 10, "fixed", -1);
            KernelRig.runToEnd(k);
            assertEquals(55, k.scheduler().task((int) fixed).exitCode, "resumed at the restored instruction");
            assertEquals(List.of("DIE_INT3"), seen);
        }
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            k.memory().write8(k.image().address("kprobesim_workload_leaf"), 0xcc);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            k.notifiers().die().registerDieNotifier(NotifierBlock.of("watch", (nb, action, data) -> {
                seen.add(DieVal.of(action).orElseThrow().name());
                return Notify.DONE;
            }));
            long pid = k.spawnKernelThread("kprobesim_workload_leaf", 10, "trapped", -1);
            KernelRig.runToEnd(k);
            assertEquals(List.of("DIE_INT3", "DIE_OOPS"), seen);
            assertEquals(Signals.SIGTRAP, k.scheduler().task((int) pid).termSignal);
            assertTrue(k.log().records().stream().anyMatch(r -> r.text().equals("int3: 0000 [#1] SMP")));
        }
    }

    @Test
    void panicOnOopsStopsTheMachine() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withCpus(2).withPanicOnOops(true))) {
            k.spawnKernelThread("kprobesim_workload_div", 0, "oopser", -1);
            KernelRig.runToEnd(k);
            List<String> lines = k.log().records().stream().map(r -> r.text()).toList();
            assertTrue(lines.contains("Kernel panic - not syncing: Fatal exception"), lines.toString());
            assertTrue(k.notifiers().panic().hasPanicked());
        }
    }

    private static List<String> run(long seed, ExecutionMode mode) {
        BootConfig c = BootConfig.of(4, KernelProfiles.MODERN).withPreempt(PreemptModel.FULL).withMode(mode, seed)
                .withStopWhenIdle(true);
        try (Kernel k = KernelRig.boot(kit, c)) {
            k.spawnKernelThread("kprobesim_workload_forker", 30, "forker", -1);
            k.spawnUser(KernelRig.program("test1.S", UserFaultTestSources.TEST1));
            k.spawnUser(KernelRig.program("segv.S", SEGV));
            k.spawnKernelThread("kprobesim_workload_hog", 500_000, "hog", -1);
            KernelRig.runToEnd(k);
            List<String> out = new ArrayList<>(k.log().dmesg());
            for (Task t : k.tasks()) {
                out.add(t.pid() + " " + t.comm() + " " + t.exitCode + " " + t.termSignal + " " + t.exitTimeNs + " " + t.cpu);
            }
            out.add(k.machine().digest(k.machine().snapshotsNow()));
            return out;
        }
    }

    @Test
    void sameSeedSameDmesgTasksAndDigest() {
        List<String> a = run(7, ExecutionMode.DETERMINISTIC);
        List<String> b = run(7, ExecutionMode.DETERMINISTIC);
        assertEquals(a, b);
        assertTrue(a.stream().anyMatch(l -> l.contains("trap divide error")));
    }

    @Test
    void parallelModeRunsTheSameWorkload() {
        List<String> out = run(0, ExecutionMode.PARALLEL);
        assertTrue(out.stream().anyMatch(l -> l.contains("trap divide error")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains(": segfault at 0 ")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("1 forker 30 0 .*")), out.toString());
    }
}
