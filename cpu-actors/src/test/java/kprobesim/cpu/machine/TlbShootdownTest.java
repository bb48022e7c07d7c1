package kprobesim.cpu.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import kprobesim.cpu.actor.BroadcastResult;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Reply;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableBuilder;
import kprobesim.cpu.mmu.PageTableEntry;
import kprobesim.cpu.smp.Smp;
import kprobesim.testing.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * smp tier: TLB shootdown by IPI ({@code flush_tlb_mm_range}). Every CPU runs ring-0 code with
 * paging on that keeps reading three lower-half pages; CPU 0 then points all three PTEs at new
 * frames and shoots down the first two. The guest itself counts, per CPU, the reads made after it
 * saw the "shootdown complete" flag that still returned an old frame, so the check covers every
 * access, not a sample.
 */
@ExtendWith(LogCapturingExtension.class)
class TlbShootdownTest {
    static ActorTestKit testKit;

    @BeforeAll
    static void setup() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        testKit.shutdownTestKit();
    }

    /** Two pages in the shootdown range and one outside it (distinct TLB slots: no eviction). */
    static final long PAGE_A = 0x600000, PAGE_B = 0x601000, OUTSIDE = 0x610000;
    /** Old frames hold 1 at offset 0, new frames 2. */
    static final long OLD = 1, NEW = 2;
    static final int H_OFFLINE = 100, H_OFFLINE_PENDING = 101, H_REMAP = 102, H_ONLINE = 103;
    static final int WARM = 50, POST = 300;

    /** How CPU 0 makes the new PTEs visible after changing them. */
    enum Shootdown { NONE, FROM_CPU, FROM_JAVA }

    /**
     * %rbx = CPU id. Followers read until they made WARM reads (their TLBs now hold the old frames),
     * count themselves in {@code warm}, and stop after POST reads that followed the flag {@code gen}.
     * CPU 0 waits for every follower to be warm, takes the victim CPU offline (hypercall 100/101),
     * changes the PTEs and shoots down (102; Java sets {@code gen} once the shootdown completed),
     * brings the victim back (103) and reads on until POST.
     */
    static final String PROGRAM = String.join("\n",
            "        .text",
            "        .globl _start",
            "_start: mov cr3val, %rax",
            "        mov %rax, %cr3",
            "        mov %rdi, %rbx",
            "        sti",
            "        test %rbx, %rbx",
            "        jz leader",
            "follower:",
            "        call check",
            "        cmpq $" + WARM + ", reads(,%rbx,8)",
            "        jne 1f",
            "        lock incq warm",
            "1:      cmpq $" + POST + ", post(,%rbx,8)",
            "        jb follower",
            "        cli",
            "        hlt",
            "leader: call check",
            "        mov nfollow, %rax",
            "        cmp %rax, warm",
            "        jne leader",
            "        mov $" + H_OFFLINE + ", %eax",
            "        vmcall",
            "2:      call check",
            "        mov $" + H_OFFLINE_PENDING + ", %eax",
            "        vmcall",
            "        test %rax, %rax",
            "        jnz 2b",
            "        mov $" + H_REMAP + ", %eax",
            "        vmcall",
            "3:      call check",
            "        cmpq $0, gen",
            "        je 3b",
            "        mov $" + H_ONLINE + ", %eax",
            "        vmcall",
            "4:      call check",
            "        cmpq $" + POST + ", post(,%rbx,8)",
            "        jb 4b",
            "        cli",
            "        hlt",
            // one iteration: the flag first, then the pages; a read after gen=1 must be new
            "check:  mov gen, %rcx",
            "        mov " + PAGE_A + ", %rax",
            "        mov " + PAGE_B + ", %rdx",
            "        mov " + OUTSIDE + ", %rsi",
            "        mov %rax, seen(,%rbx,8)",
            "        incq reads(,%rbx,8)",
            "        test %rcx, %rcx",
            "        jz 9f",
            "        incq post(,%rbx,8)",
            "        cmp $" + OLD + ", %rax",
            "        je 5f",
            "        cmp $" + OLD + ", %rdx",
            "        jne 6f",
            "5:      incq stale(,%rbx,8)",
            "6:      cmp $" + OLD + ", %rsi",
            "        jne 9f",
            "        incq outstale(,%rbx,8)",
            "9:      ret",
            "        .data",
            "cr3val: .quad 0",
            "nfollow: .quad 0",
            "warm:   .quad 0",
            "gen:    .quad 0",
            "seen:   .zero 128",
            "reads:  .zero 128",
            "post:   .zero 128",
            "stale:  .zero 128",
            "outstale: .zero 128",
            "");

    /** One run: per-CPU counters read back after every CPU halted. */
    record Outcome(long[] post, long[] stale, long[] outsideStale, long[] seen, BroadcastResult shootdown) {}

    static Outcome run(MachineConfig cfg, Shootdown how, int victim) {
        int n = cfg.cpus();
        HypercallTable calls = new HypercallTable();
        AtomicReference<Machine> machine = new AtomicReference<>();
        AtomicReference<BroadcastResult> result = new AtomicReference<>(BroadcastResult.EMPTY);
        try (MachineRig rig = new MachineRig(testKit, PROGRAM, cfg, Map.of(), calls)) {
            machine.set(rig.machine);
            PhysicalMemory mem = rig.loaded.memory();
            LongSupplier frames = PageTableBuilder.frameRange(0x2000_0000L, 0x100000);
            PageTableBuilder as = new PageTableBuilder(mem, PageTableBuilder.frameRange(0x1000_0000L, 0x100000));
            long[] pages = {PAGE_A, PAGE_B, OUTSIDE};
            long[] fresh = new long[pages.length];
            for (int i = 0; i < pages.length; i++) {
                as.map(pages[i], frameHolding(mem, frames, OLD), PageTableEntry.WRITABLE);
                fresh[i] = frameHolding(mem, frames, NEW);
            }
            mem.write64(rig.sym("cr3val"), as.cr3());
            mem.write64(rig.sym("nfollow"), n - 1);
            long gen = rig.sym("gen");
            Runnable published = () -> mem.write64(gen, 1);
            calls.register(H_OFFLINE, (ctx, a, b, c, d, e, f) -> {
                if (victim >= 0) {
                    ctx.board().interconnect().send(victim, new Cpu.Offline(Reply.none()));
                }
                return 0;
            });
            calls.register(H_OFFLINE_PENDING, (ctx, a, b, c, d, e, f) -> victim >= 0 && ctx.board().isOnline(victim) ? 1 : 0);
            calls.register(H_REMAP, (ctx, a, b, c, d, e, f) -> {
                for (int i = 0; i < pages.length; i++) {
                    as.map(pages[i], fresh[i], PageTableEntry.WRITABLE); // set_pte: the old translation may be cached
                }
                switch (how) {
                    case NONE -> published.run();
                    case FROM_CPU -> Smp.flushTlbRange(ctx, PAGE_A, 2 * Page.SIZE, r -> {
                        result.set(r);
                        published.run();
                    });
                    case FROM_JAVA -> Smp.flushTlbRange(machine.get(), PAGE_A, 2 * Page.SIZE).thenAccept(r -> {
                        result.set(r);
                        published.run();
                    });
                }
                return 0;
            });
            calls.register(H_ONLINE, (ctx, a, b, c, d, e, f) -> {
                if (victim >= 0) {
                    ctx.board().interconnect().send(victim, new Cpu.Online(Reply.none()));
                }
                return 0;
            });
            rig.runToQuiescence();
            long[] post = new long[n], stale = new long[n], out = new long[n], seen = new long[n];
            for (int i = 0; i < n; i++) {
                post[i] = mem.read64(rig.sym("post") + 8L * i);
                stale[i] = mem.read64(rig.sym("stale") + 8L * i);
                out[i] = mem.read64(rig.sym("outstale") + 8L * i);
                seen[i] = mem.read64(rig.sym("seen") + 8L * i);
            }
            return new Outcome(post, stale, out, seen, result.get());
        }
    }

    private static long frameHolding(PhysicalMemory mem, LongSupplier frames, long value) {
        long f = frames.getAsLong();
        mem.map(f, Page.SIZE);
        mem.write64(f, value);
        return f;
    }

    /** Every CPU made POST reads after the flag: the checks below are not vacuous. */
    private static void assertEveryCpuFinished(Outcome o) {
        for (int i = 0; i < o.post().length; i++) {
            assertEquals(POST, o.post()[i], "cpu " + i + " reads after the change");
        }
    }

    /**
     * After the shootdown completed every CPU reads the new frames of the range on every access
     * (the victim, offline during the shootdown, because coming online flushed its TLB); pages
     * outside the range stay stale on the CPUs that stayed online: invlpg per page, no full flush.
     */
    static void assertShotDown(Outcome o, int victim, List<Integer> expectedDone) {
        assertEveryCpuFinished(o);
        for (int i = 0; i < o.post().length; i++) {
            assertEquals(0, o.stale()[i], "cpu " + i + " read an old frame after the shootdown");
            assertEquals(NEW, o.seen()[i], "cpu " + i + " last read");
            long expectedOutside = i == victim ? 0 : POST;
            assertEquals(expectedOutside, o.outsideStale()[i], "cpu " + i + " reads of the page outside the range");
        }
        assertEquals(expectedDone, o.shootdown().done(), "offline CPU " + victim + " is not targeted");
        assertTrue(o.shootdown().complete(), String.valueOf(o.shootdown()));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @CsvSource({"1, FROM_CPU", "2, FROM_CPU", "3, FROM_CPU", "4, FROM_CPU", "1, FROM_JAVA", "2, FROM_JAVA",
            "3, FROM_JAVA", "4, FROM_JAVA"})
    void deterministicShootdownReachesEveryOnlineCpuAndHotplugFlushes(long seed, Shootdown how) {
        Outcome o = run(MachineConfig.of(5, ExecutionMode.DETERMINISTIC, seed), how, 4);
        assertShotDown(o, 4, how == Shootdown.FROM_CPU ? List.of(1, 2, 3) : List.of(0, 1, 2, 3));
    }

    @ParameterizedTest
    @EnumSource(value = Shootdown.class, names = {"FROM_CPU", "FROM_JAVA"})
    void parallelShootdownReachesEveryOnlineCpuAndHotplugFlushes(Shootdown how) {
        Outcome o = run(MachineConfig.of(5, ExecutionMode.PARALLEL, 0), how, 4);
        assertShotDown(o, 4, how == Shootdown.FROM_CPU ? List.of(1, 2, 3) : List.of(0, 1, 2, 3));
    }

    /** The control: without a shootdown every CPU keeps reading the old frames (stale TLB is real). */
    @ParameterizedTest
    @EnumSource(ExecutionMode.class)
    void withoutShootdownEveryCpuKeepsTheOldFrames(ExecutionMode mode) {
        Outcome o = run(MachineConfig.of(4, mode, 7), Shootdown.NONE, -1);
        assertEveryCpuFinished(o);
        for (int i = 0; i < 4; i++) {
            assertEquals(POST, o.stale()[i], "cpu " + i + " kept its cached translation");
            assertEquals(OLD, o.seen()[i], "cpu " + i + " last read");
        }
    }

    @Tag("slow")
    @RepeatedTest(20)
    void parallelShootdownStress() {
        Outcome o = run(MachineConfig.of(8, ExecutionMode.PARALLEL, 0), Shootdown.FROM_CPU, 7);
        assertShotDown(o, 7, List.of(1, 2, 3, 4, 5, 6));
    }
}
