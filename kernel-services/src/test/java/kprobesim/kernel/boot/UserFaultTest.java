package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.kernel.image.UserProgram;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.signal.Signals;
import kprobesim.kernel.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User tasks that fault: SIGFPE with seed 004's dmesg line and addr2line, SIGSEGV with the segfault line. */
class UserFaultTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    static String demo(String name) throws IOException {
        Path p = Path.of("..", "config", "demo", name);
        return Files.readString(p);
    }

    /** Every profile delivers SIGFPE through its own signal path (get_signal_to_deliver or get_signal). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("profiles")
    void everyProfileKillsTest1WithSigfpe(kprobesim.kernel.profile.KernelProfile profile) throws IOException {
        UserProgram test1 = KernelRig.program("test1.S", demo("test1.S"));
        try (Kernel k = KernelRig.boot(kit, BootConfig.of(1, profile).withStopWhenIdle(true))) {
            long pid = k.spawnUser(test1);
            KernelRig.runToEnd(k);
            assertEquals(Signals.SIGFPE, k.scheduler().task((int) pid).termSignal, profile.release());
            assertTrue(k.log().dmesg().stream().anyMatch(l -> l.endsWith(
                    "test1[1] trap divide error ip:40001f sp:7fffffffefc8 error:0 in test1[400000+1000]")));
        }
    }

    static List<kprobesim.kernel.profile.KernelProfile> profiles() {
        return KernelProfiles.all();
    }

    @Test
    void divideByZeroGivesSigfpeTheTrapLineAndAddr2line() throws IOException {
        UserProgram test1 = KernelRig.program("test1.S", demo("test1.S"));
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults().withStopWhenIdle(true))) {
            long pid = k.spawnUser(test1);
            assertTrue(pid > 0);
            KernelRig.runToEnd(k);
            Task t = k.scheduler().task((int) pid);
            assertEquals(Task.State.DEAD, t.state);
            assertEquals(Signals.SIGFPE, t.termSignal);
            assertEquals(Signals.SIGFPE, t.exitCode);
            List<String> lines = k.log().records().stream().map(r -> r.text()).toList();
            Pattern p = Pattern.compile("test1\\[(\\d+)\\] trap divide error ip:([0-9a-f]+) sp:([0-9a-f]+) error:0 in test1\\[400000\\+1000\\]");
            Matcher m = lines.stream().map(p::matcher).filter(Matcher::matches).findFirst().orElseThrow(
                    () -> new AssertionError("no trap line in " + lines));
            assertEquals(pid, Long.parseLong(m.group(1)));
            long ip = Long.parseLong(m.group(2), 16);
            assertEquals("test1.S:21", test1.addr2line(ip).orElseThrow());
            assertEquals("div %ecx", demo("test1.S").lines().toList().get(20).trim());
            assertEquals(0x7fffffffefc8L, Long.parseLong(m.group(3), 16), "sp after push rbp; sub $0x20");
            assertEquals(1, t.mm().demandFaults(), "the stack page came from a demand fault");
            System.out.println(String.join("\n", k.log().dmesg()));
            assertEquals(0, k.kernelMemory().liveStacks() - k.config().cpus(), "stacks freed");
        }
    }
}
