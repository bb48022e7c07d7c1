package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.cpu.actor.ExecutionMode;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.mm.KernelPageAllocator;
import kprobesim.kernel.notifier.FreedPages;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.signal.Signals;
import kprobesim.kernel.task.KernelMemory;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OOM path end to end on a booted kernel with a small memory: a user task demand-faults its
 * way through its 132 KiB stack VMA (33 pages); the page allocator runs the OOM chain, then the
 * OOM killer.
 */
class OomBootTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static final int CPUS = 2;
    /** Frames of the idle tasks' stacks, allocated at boot. */
    static final int IDLE_FRAMES = CPUS << KernelMemory.STACK_ORDER;

    /** Writes one quadword into each of the 33 pages of the stack VMA, top down, then exits 0. */
    static final String HOG = """
            	.text
            	.globl _start
            _start:
            	mov $0x7ffffffff000, %rbx
            	mov $0x7ffffffde000, %rcx
            1:	sub $4096, %rbx
            	movq $1, (%rbx)
            	cmp %rcx, %rbx
            	ja 1b
            	mov $60, %eax
            	xor %edi, %edi
            	int $0x80
            """;

    /** Yields 3000 times without touching its stack (no frames after load), then exits 7. */
    static final String BYSTANDER = """
            	.text
            	.globl _start
            _start:
            	mov $3000, %r12
            1:	mov $24, %eax
            	int $0x80
            	dec %r12
            	jnz 1b
            	mov $60, %eax
            	mov $7, %edi
            	int $0x80
            """;

    static BootConfig cfg(int pages, long seed) {
        return cfg(pages, ExecutionMode.DETERMINISTIC, seed);
    }

    static BootConfig cfg(int pages, ExecutionMode mode, long seed) {
        return BootConfig.of(CPUS, KernelProfiles.MODERN).withStopWhenIdle(true).withMemoryPages(pages)
                .withMode(mode, seed);
    }

    /** Nothing but the idle stacks holds memory: every frame of the tasks came back. */
    static void assertNoFramesLeaked(Kernel k) {
        KernelPageAllocator a = k.kernelMemory().pageAllocator();
        assertEquals(0, k.kernelMemory().liveFrames(), "user pages and page tables freed");
        assertEquals(CPUS, k.kernelMemory().liveStacks(), "only the idle stacks are left");
        assertEquals(a.totalPages() - IDLE_FRAMES, a.freeCount(), "the allocator got every frame back");
    }

    /** (a) A notifier that frees a "page cache" is called with the freed count; nobody is killed. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void anOomNotifierFreeingCachedPagesLetsTheHogFinish(long seed) {
        int pages = 64;
        try (Kernel k = KernelRig.boot(kit, cfg(pages, seed))) {
            KernelPageAllocator a = k.kernelMemory().pageAllocator();
            assertEquals(pages - IDLE_FRAMES, a.freeCount());
            ArrayDeque<Long> cache = new ArrayDeque<>();
            while (a.freeCount() > 30) {
                cache.push(a.tryAllocPages(0)); // the "page cache": 26 pages, leaving 30 for a hog needing 45
            }
            int cached = cache.size();
            List<Long> reported = new ArrayList<>();
            k.notifiers().oom().registerOomNotifier(NotifierBlock.of("drop_caches", (nb, action, data) -> {
                long n = 0;
                while (!cache.isEmpty()) {
                    a.freePage(cache.pop());
                    n++;
                }
                ((FreedPages) data).add(n);
                reported.add(n);
                return Notify.OK;
            }));
            long hog = k.spawnUser(KernelRig.program("hog.S", HOG));
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) hog);
            assertEquals(0, t.exitCode, "the hog touched all 33 stack pages and exited 0; dmesg: " + k.log().dmesg());
            assertEquals(List.of((long) cached), reported, "the chain ran once and freed the whole cache");
            assertEquals(cached, a.pagesFreedByNotifiers(), "the allocator got the freed count");
            assertEquals(0, a.oomKillerCalls(), "freed pages spare the killer");
            assertFalse(String.join("\n", k.log().dmesg()).contains("Out of memory"));
            assertNoFramesLeaked(k);
        }
    }

    /**
     * (b) Without a notifier the killer picks the task with the largest RSS (the hog, not the
     * bystander or an idle task), SIGKILLs it and prints Linux's line; the bystander finishes.
     */
    @ParameterizedTest
    @CsvSource({"DETERMINISTIC, 1", "DETERMINISTIC, 2", "DETERMINISTIC, 3", "PARALLEL, 0"})
    void withoutNotifierTheOomKillerKillsTheHogAndNothingLeaks(ExecutionMode mode, long seed) {
        try (Kernel k = KernelRig.boot(kit, cfg(56, mode, seed))) {
            KernelPageAllocator a = k.kernelMemory().pageAllocator();
            long hog = k.spawnUser(KernelRig.program("hog.S", HOG));
            long bystander = k.spawnUser(KernelRig.program("bystander.S", BYSTANDER));
            KernelRig.runToEnd(k);
            Task h = k.scheduler().task((int) hog);
            Task b = k.scheduler().task((int) bystander);
            String dmesg = String.join("\n", k.log().dmesg());
            assertEquals(Signals.SIGKILL, h.termSignal, dmesg);
            assertEquals(7 << 8, b.exitCode, "the bystander ran to its end: " + dmesg);
            // total-vm: the 4 KiB text VMA and the 132 KiB stack VMA
            Matcher m = Pattern.compile("Out of memory: Killed process " + hog
                    + " \\(hog\\) total-vm:136kB, anon-rss:(\\d+)kB, file-rss:0kB, shmem-rss:0kB").matcher(dmesg);
            assertTrue(m.find(), dmesg);
            long rssKb = Long.parseLong(m.group(1));
            assertTrue(rssKb > 4 && rssKb < 33 * 4 + 4, "some but not all stack pages were resident: " + rssKb);
            assertEquals(1, dmesg.split("Out of memory", -1).length - 1, "one kill");
            assertTrue(a.oomKillerCalls() >= 1);
            assertNoFramesLeaked(k);
        }
    }

    @Test
    void aMemoryTooSmallForTheIdleStacksIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRig.boot(kit, cfg(IDLE_FRAMES - 1, 1)).close());
        assertTrue(e.getMessage().contains("memoryPages=" + (IDLE_FRAMES - 1)), e.getMessage());
    }

    /** fork(2), then exit with -(fork's result): 12 when fork failed with -ENOMEM. */
    static final String FORKER = """
            	.text
            	.globl _start
            _start:
            	mov $57, %eax
            	int $0x80
            	neg %rax
            	mov %rax, %rdi
            	mov $60, %eax
            	int $0x80
            """;

    /** 16 pages of data, loaded eagerly: the largest RSS; yields 20000 times, then exits 0. */
    static final String FAT = """
            	.text
            	.globl _start
            _start:
            	mov $20000, %r12
            1:	mov $24, %eax
            	int $0x80
            	dec %r12
            	jnz 1b
            	mov $60, %eax
            	xor %edi, %edi
            	int $0x80
            	.data
            blob:	.zero 65536
            """;

    /**
     * A fork whose copy of the address space finds no frame: the killer kills the largest task
     * (not the forker) and returns no pages at once, so fork(2) gets -ENOMEM.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void forkWithoutMemoryGetsEnomemAndTheLargestTaskIsKilled(long seed) {
        try (Kernel k = KernelRig.boot(kit, cfg(IDLE_FRAMES + 9 + 25 + 4, seed))) {
            long fat = k.spawnUser(KernelRig.program("fat.S", FAT));
            long forker = k.spawnUser(KernelRig.program("forker.S", FORKER));
            assertEquals(4, k.kernelMemory().pageAllocator().freeCount(), "fewer than the child's 5 frames of address space");
            KernelRig.runToEnd(k);
            String dmesg = String.join("\n", k.log().dmesg());
            assertEquals(-Errno.ENOMEM.neg() << 8, k.scheduler().task((int) forker).exitCode, dmesg);
            assertEquals(Signals.SIGKILL, k.scheduler().task((int) fat).termSignal, dmesg);
            assertTrue(dmesg.contains("Out of memory: Killed process " + fat + " (fat) total-vm:"), dmesg);
            assertNoFramesLeaked(k);
        }
    }
}
