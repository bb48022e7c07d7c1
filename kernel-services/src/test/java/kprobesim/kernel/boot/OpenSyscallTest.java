package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kprobesim.kernel.image.PtRegs;
import kprobesim.kernel.notifier.DieArgs;
import kprobesim.kernel.notifier.DieVal;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.ProfileLookup;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** open(2) from a user task runs the profile's own open path in machine code, then the VFS. */
class OpenSyscallTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    /** Exit status: fd(3) + fd(4) + close(3) (0) + open of a missing file (-ENOENT) = 5. */
    static final String OPENER = """
            	.text
            	.globl _start
            _start:
            	mov $2, %eax
            	mov $path, %edi
            	mov $66, %esi
            	mov $420, %edx
            	int $0x80
            	mov %rax, %rbx
            	mov $2, %eax
            	mov $path, %edi
            	mov $2, %esi
            	xor %edx, %edx
            	int $0x80
            	add %rax, %rbx
            	mov $3, %eax
            	mov $3, %edi
            	int $0x80
            	add %rax, %rbx
            	mov $2, %eax
            	mov $missing, %edi
            	xor %esi, %esi
            	int $0x80
            	add %rax, %rbx
            	mov $60, %eax
            	mov %rbx, %rdi
            	int $0x80
            	.data
            path:	.asciz "/tmp/probe.txt"
            missing:	.asciz "/nope"
            """;

    @ParameterizedTest
    @ValueSource(strings = {"6.1", "CentOS 6.5", "Redhat 9.0"})
    void openCreatesTheFileAndReturnsDescriptors(String release) {
        KernelProfile p = ((ProfileLookup.Found) KernelProfiles.lookup(release)).profile();
        try (Kernel k = KernelRig.boot(kit, BootConfig.of(1, p).withStopWhenIdle(true))) {
            String entry = p.version().atLeast(2, 6) ? "do_sys_open" : "sys_open";
            long at = k.image().address(entry);
            int original = k.memory().read8(at);
            k.memory().write8(at, 0xcc);
            AtomicLong hitIp = new AtomicLong();
            k.notifiers().die().registerDieNotifier(new NotifierBlock("probe", NotifierBlock.PRIORITY_FIRST,
                    (nb, action, data) -> {
                        if (action != DieVal.DIE_INT3.value()) {
                            return Notify.DONE;
                        }
                        PtRegs regs = PtRegs.at(k.memory(), ((DieArgs) data).regs());
                        hitIp.set(regs.ip());
                        k.memory().write8(at, original);
                        regs.setIp(at);
                        return Notify.STOP;
                    }));
            long pid = k.spawnUser(KernelRig.program("opener.S", OPENER));
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) pid);
            assertEquals(5 << 8, t.exitCode, "fds 3 and 4, close 0, -ENOENT");
            assertEquals(at + 1, hitIp.get(), "the user's open(2) ran " + entry + " in machine code");
            assertTrue(k.files().contents("/tmp/probe.txt").isPresent(), "O_CREAT made the file");
            assertEquals(List.of(), List.copyOf(t.files.keySet()), "exit closed fd 4");
        }
    }
}
