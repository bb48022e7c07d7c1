package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BootConfig.vfsRoot: open(2) of a booted user task lands in a sandboxed host directory. */
class HostVfsBootTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    /**
     * Creates /made.txt (fd 3), then tries "../escape.txt" and "/sub/../../escape2.txt" with
     * O_CREAT. Exit status = fd * 16 - err1 - err2: 3 * 16 + 13 + 13 = 74 when both are -EACCES.
     */
    static final String CREATOR = """
            	.text
            	.globl _start
            _start:
            	mov $2, %eax
            	mov $made, %edi
            	mov $66, %esi
            	mov $420, %edx
            	int $0x80
            	mov %rax, %rbx
            	shl $4, %rbx
            	mov $2, %eax
            	mov $up, %edi
            	mov $66, %esi
            	mov $420, %edx
            	int $0x80
            	sub %rax, %rbx
            	mov $2, %eax
            	mov $updeep, %edi
            	mov $66, %esi
            	mov $420, %edx
            	int $0x80
            	sub %rax, %rbx
            	mov $60, %eax
            	mov %rbx, %rdi
            	int $0x80
            	.data
            made:	.asciz "/made.txt"
            up:	.asciz "../escape.txt"
            updeep:	.asciz "/sub/../../escape2.txt"
            """;

    @Test
    void openCreatesInsideTheHostRootAndEscapesAreRefused(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.createDirectory(root.resolve("sub"));
        BootConfig cfg = BootConfig.of(1, KernelProfiles.MODERN).withStopWhenIdle(true).withVfsRoot(root);
        try (Kernel k = KernelRig.boot(kit, cfg)) {
            long pid = k.spawnUser(KernelRig.program("creator.S", CREATOR));
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) pid);
            assertEquals(74 << 8, t.exitCode, "fd 3, then -EACCES twice");
            assertThrows(IllegalStateException.class, k::files, "no in-memory file system behind a host root");
        }
        assertTrue(Files.isRegularFile(root.resolve("made.txt")), "O_CREAT made the file on the host");
        assertFalse(Files.exists(dir.resolve("escape.txt")), "../ did not leave the root");
        assertFalse(Files.exists(dir.resolve("escape2.txt")), "/sub/../../ did not leave the root");
    }

    @Test
    void theDefaultIsInMemory() {
        assertEquals(null, BootConfig.defaults().vfsRoot());
        try (Kernel k = KernelRig.boot(kit, BootConfig.of(1, KernelProfiles.MODERN).withStopWhenIdle(true))) {
            assertFalse(k.vfs().filpOpen("/tmp/x", 66, 420).isErr(), "the in-memory /tmp exists");
            assertTrue(k.files().contents("/tmp/x").isPresent());
        }
    }
}
