package kprobesim.kernel.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.CpuStatus;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.cpu.smp.Smp;
import kprobesim.kernel.testing.SimRig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * smc tier: text_poke on a running multi-CPU machine. Every CPU loops over {@code site}
 * (a nop, then a per-CPU counter increment); the poke turns the nop into int3, whose #BP gate
 * marks the CPU trapped and idles it (IF=1, so it still answers SyncCore). Once the poke's wait returned, no CPU may execute the stale
 * nop again: its counter grows by at most the one increment already past the site.
 */
class TextPokerTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static final String LOOP = String.join("\n",
            "\t.text",
            "\t.globl _start",
            "_start:",
            "\tmovabs $counters, %rbx",
            "\tlea (%rbx,%rdi,8), %rbx",
            "\tsti",
            "loop:",
            "\t.globl site",
            "site:",
            "\tnop",
            "\tincq (%rbx)",
            "\tjmp loop",
            "\t.globl bp_handler",
            "bp_handler:",
            "\tmovabs $trapped, %rax",
            "\tmovq $1, (%rax,%rdi,8)",
            "\tsti", // idle with IF=1: a trapped CPU still acknowledges SyncCore
            "2:\thlt",
            "\tjmp 2b",
            "\t.data",
            "\t.globl counters",
            "counters: .skip 512",
            "\t.globl trapped",
            "trapped: .skip 512",
            "");

    static final int CPUS = 4;
    final LockOwner me = LockOwner.java("test");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void int3IsTakenFromTheNextExecutionOnEveryCpuDeterministic(long seed) {
        pokeNopToInt3(MachineConfig.of(CPUS, ExecutionMode.DETERMINISTIC, seed).withBudget(50_000_000));
    }

    @Test
    void int3IsTakenFromTheNextExecutionOnEveryCpuParallel() {
        pokeNopToInt3(MachineConfig.of(CPUS, ExecutionMode.PARALLEL, 0).withBudget(200_000_000));
    }

    @Tag("slow")
    @Test
    void parallelStress() {
        for (int i = 0; i < 100; i++) { // bounded: 100 fresh machines, a few seconds
            pokeNopToInt3(MachineConfig.of(CPUS, ExecutionMode.PARALLEL, i).withBudget(200_000_000));
        }
    }

    private void pokeNopToInt3(MachineConfig cfg) {
        try (SimRig rig = new SimRig(kit, LOOP, cfg, Map.of(3, "bp_handler"))) {
            long site = rig.sym("site");
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            rig.machine.start();
            awaitAllLooping(rig);
            SimRig.await(poker.textMutex().lock(me));
            BroadcastResult r = SimRig.await(poker.textPoke(site, new byte[] {TextPoker.INT3}, me));
            long[] atReturn = counters(rig);
            poker.textMutex().unlock(me);
            assertEquals(CPUS, r.done().size(), "every online CPU acknowledged: " + r);
            SimRig.await(rig.machine.quiescent());
            List<CpuSnapshot> snaps = rig.snapshots();
            long[] end = counters(rig);
            for (int cpu = 0; cpu < CPUS; cpu++) {
                CpuSnapshot s = snaps.get(cpu);
                assertNull(s.fault(), "cpu " + cpu);
                assertEquals(CpuStatus.HALTED, s.status(), "cpu " + cpu + " took #BP and idles");
                assertEquals(1, rig.read64(rig.sym("trapped") + 8L * cpu), "cpu " + cpu + " trapped");
                long extra = end[cpu] - atReturn[cpu];
                assertTrue(extra >= 0 && extra <= 1, "cpu " + cpu + " ran the stale nop after the wait: "
                        + extra + " more iterations");
            }
            assertEquals(0xcc, rig.loaded.memory().read8(site));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DETERMINISTIC", "PARALLEL"})
    void anOfflineCpuIsSkippedAndSeesTheNewBytesWhenItComesOnline(String mode) {
        MachineConfig cfg = MachineConfig.of(CPUS, ExecutionMode.valueOf(mode), 9).withBudget(200_000_000);
        try (SimRig rig = new SimRig(kit, LOOP, cfg, Map.of(3, "bp_handler"))) {
            long site = rig.sym("site");
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            rig.machine.start();
            awaitAllLooping(rig);
            SimRig.await(rig.machine.request(3, kprobesim.cpu.actor.Cpu.Offline::new));
            poker.textMutex().tryLock(me);
            BroadcastResult r = SimRig.await(poker.textPoke(site, new byte[] {TextPoker.INT3}, me));
            poker.textMutex().unlock(me);
            assertEquals(List.of(0, 1, 2), r.done(), "the offline CPU is not waited for: " + r);
            assertTrue(r.complete());
            long before = counters(rig)[3];
            SimRig.await(rig.machine.request(3, kprobesim.cpu.actor.Cpu.Online::new));
            SimRig.await(rig.machine.quiescent());
            for (int cpu = 0; cpu < CPUS; cpu++) {
                assertEquals(1, rig.read64(rig.sym("trapped") + 8L * cpu), "cpu " + cpu + " trapped");
            }
            assertTrue(counters(rig)[3] - before <= 1, "cpu 3 executed the stale nop after coming online");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DETERMINISTIC", "PARALLEL"})
    void textPokeBpFromACpuWhileTheOthersRunTheSite(String mode) {
        MachineConfig cfg = MachineConfig.of(CPUS, ExecutionMode.valueOf(mode), 13).withBudget(200_000_000);
        try (SimRig rig = new SimRig(kit, BP_LOOP, cfg, Map.of(3, "bp_handler"))) {
            long site = rig.sym("site");
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            rig.hypercalls.register(200, (ctx, int3, a, b, c, d, e) -> poker.pokeInt3Handler(int3).orElse(0));
            rig.machine.start();
            awaitAllLooping(rig);
            long rel = rig.sym("done") - (site + 5);
            byte[] jmp = {(byte) 0xe9, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16), (byte) (rel >> 24)};
            LockOwner cpu0 = LockOwner.cpu(0);
            poker.textMutex().tryLock(cpu0);
            java.util.concurrent.CompletableFuture<BroadcastResult> done = new java.util.concurrent.CompletableFuture<>();
            rig.machine.send(0, new kprobesim.cpu.actor.Cpu.CallFunction(ctx ->
                    poker.textPokeBp(ctx, site, jmp, site + 5, cpu0, r -> {
                        poker.textMutex().unlock(cpu0);
                        done.complete(r);
                    }), kprobesim.cpu.actor.Reply.none()));
            BroadcastResult r = SimRig.await(done);
            assertEquals(List.of(1, 2, 3), r.done(), "the other CPUs acknowledged every step");
            SimRig.await(rig.machine.quiescent());
            assertArrayEquals(jmp, rig.loaded.memory().readBytes(site, 5));
            for (int cpu = 0; cpu < CPUS; cpu++) {
                assertEquals(2, rig.read64(rig.sym("trapped") + 8L * cpu), "cpu " + cpu + " left through the new jmp");
            }
        }
    }

    /** Round trips through every CPU until each counter moved (no sleeping). */
    private static void awaitAllLooping(SimRig rig) {
        for (int i = 0; i < 10_000; i++) {
            SimRig.await(Smp.smpCallFunction(rig.machine, c -> { }, true));
            long[] c = counters(rig);
            boolean all = true;
            for (long v : c) {
                all &= v > 0;
            }
            if (all) {
                return;
            }
        }
        throw new AssertionError("CPUs never started looping");
    }

    private static long[] counters(SimRig rig) {
        long[] c = new long[CPUS];
        for (int i = 0; i < CPUS; i++) {
            c[i] = rig.read64(rig.sym("counters") + 8L * i);
        }
        return c;
    }

    // ------------------------------------------------------------------ lock rules and range

    static final String IDLE = String.join("\n",
            "\t.text",
            "\t.globl _start",
            "_start:",
            "\tsti",
            "1:\thlt",
            "\tjmp 1b",
            "\t.globl patch_area",
            "patch_area:",
            "\tnop; nop; nop; nop; nop; nop; nop; nop",
            "\t.data",
            "\t.globl not_text",
            "not_text: .quad 0",
            "");

    @Test
    void withoutTextMutexNothingIsWritten() {
        try (SimRig rig = new SimRig(kit, IDLE, MachineConfig.of(2, ExecutionMode.DETERMINISTIC, 1), Map.of())) {
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            long at = rig.sym("patch_area");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> poker.textPoke(at, new byte[] {TextPoker.INT3}, me));
            assertTrue(e.getMessage().contains("text_mutex not held"), e.getMessage());
            LockOwner other = LockOwner.java("other");
            poker.textMutex().tryLock(other);
            assertThrows(IllegalStateException.class, () -> poker.textPoke(at, new byte[] {TextPoker.INT3}, me),
                    "held by somebody else is not held");
            assertEquals(0x90, rig.loaded.memory().read8(at));
        }
    }

    @Test
    void outsideKernelTextIsRefusedBeforeAnyWrite() {
        try (SimRig rig = new SimRig(kit, IDLE, MachineConfig.of(2, ExecutionMode.DETERMINISTIC, 1), Map.of())) {
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            poker.textMutex().tryLock(me);
            long data = rig.sym("not_text");
            assertThrows(IllegalArgumentException.class, () -> poker.textPoke(data, new byte[] {1}, me));
            assertEquals(0, rig.read64(data));
            long end = rig.sym("patch_area") + 7; // last byte of text: a 2-byte poke crosses out
            assertThrows(IllegalArgumentException.class, () -> poker.textPoke(end, new byte[] {1, 2}, me));
        }
    }

    @Test
    void twoPokersAreSerialisedByTheMutex() {
        try (SimRig rig = new SimRig(kit, IDLE, MachineConfig.of(3, ExecutionMode.DETERMINISTIC, 3), Map.of())) {
            rig.machine.start();
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            long at = rig.sym("patch_area");
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            CompletionStage<Void> a = pokeUnderMutex(poker, LockOwner.java("A"), at, (byte) 0xcc, events);
            CompletionStage<Void> b = pokeUnderMutex(poker, LockOwner.java("B"), at, (byte) 0x90, events);
            SimRig.await(a);
            SimRig.await(b);
            assertEquals(List.of("A locked", "A poked 3", "A unlocked", "B locked", "B poked 3", "B unlocked"), events);
            assertEquals(0x90, rig.loaded.memory().read8(at), "B's bytes are the last ones");
        }
    }

    private static CompletionStage<Void> pokeUnderMutex(TextPoker p, LockOwner o, long at, byte value, List<String> ev) {
        return p.textMutex().lock(o).thenCompose(v -> {
            ev.add(o.name().substring(5) + " locked");
            return p.textPoke(at, new byte[] {value}, o);
        }).thenAccept(r -> {
            ev.add(o.name().substring(5) + " poked " + r.done().size());
            ev.add(o.name().substring(5) + " unlocked");
            p.textMutex().unlock(o);
        });
    }

    // ------------------------------------------------------------------ text_poke_bp

    /** A 5-byte nop replaced by a 5-byte jmp to {@code done}; the #BP gate asks the poker for a fix-up. */
    static final String BP_LOOP = String.join("\n",
            "\t.text",
            "\t.globl _start",
            "_start:",
            "\tmovabs $counters, %rbx",
            "\tlea (%rbx,%rdi,8), %rbx",
            "\tsti",
            "loop:",
            "\t.globl site",
            "site:",
            "\t.byte 0x0f, 0x1f, 0x44, 0x00, 0x00",
            "\tincq (%rbx)",
            "\tjmp loop",
            "\t.globl done",
            "done:",
            "\tmovabs $trapped, %rax",
            "\tmovq $2, (%rax,%rdi,8)",
            "\tsti", // idle with IF=1: still acknowledges the protocol's last SyncCore
            "4:\thlt",
            "\tjmp 4b",
            "\t.globl bp_handler",
            "bp_handler:",
            "\tpush %rdi",
            "\tmov 8(%rsp), %rdi",
            "\tdec %rdi",
            "\tmov $200, %eax",
            "\tvmcall",
            "\tpop %rdi",
            "\ttest %rax, %rax",
            "\tjz 1f",
            "\tmov %rax, (%rsp)",
            "\tiretq",
            "1:\tmovabs $trapped, %rax",
            "\tmovq $1, (%rax,%rdi,8)",
            "\tcli",
            "\thlt",
            "\t.data",
            "\t.globl counters",
            "counters: .skip 512",
            "\t.globl trapped",
            "trapped: .skip 512",
            "");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DETERMINISTIC", "PARALLEL"})
    void textPokeBpReplacesAMultiByteInstructionWhileCpusRunIt(String mode) {
        MachineConfig cfg = MachineConfig.of(CPUS, ExecutionMode.valueOf(mode), 5).withBudget(200_000_000);
        try (SimRig rig = new SimRig(kit, BP_LOOP, cfg, Map.of(3, "bp_handler"))) {
            long site = rig.sym("site");
            TextPoker poker = new TextPoker(rig.machine, rig::isText, new TextMutex());
            List<Long> fixups = Collections.synchronizedList(new ArrayList<>());
            rig.hypercalls.register(200, (ctx, int3, a, b, c, d, e) -> {
                long resume = poker.pokeInt3Handler(int3).orElse(0);
                fixups.add(resume);
                return resume;
            });
            rig.machine.start();
            awaitAllLooping(rig);
            long rel = rig.sym("done") - (site + 5);
            byte[] jmp = {(byte) 0xe9, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16), (byte) (rel >> 24)};
            SimRig.await(poker.textMutex().lock(me));
            BroadcastResult r = SimRig.await(poker.textPokeBp(site, jmp, me));
            poker.textMutex().unlock(me);
            assertEquals(List.of(0, 1, 2, 3), r.done(), "every CPU acknowledged every step: " + r);
            SimRig.await(rig.machine.quiescent());
            assertArrayEquals(jmp, rig.loaded.memory().readBytes(site, 5));
            for (int cpu = 0; cpu < CPUS; cpu++) {
                assertEquals(2, rig.read64(rig.sym("trapped") + 8L * cpu),
                        "cpu " + cpu + " ended through the new jmp, never through a stray int3 or torn bytes");
                assertNull(rig.snapshots().get(cpu).fault());
            }
            assertTrue(fixups.stream().allMatch(x -> x == site + 5), "every int3 hit was in flight: " + fixups);
            assertTrue(poker.pokeInt3Handler(site).isEmpty(), "no site in flight after the protocol");
        }
    }
}
