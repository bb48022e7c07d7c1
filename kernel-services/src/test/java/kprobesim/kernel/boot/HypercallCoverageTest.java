package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.util.EnumSet;
import java.util.Set;
import kprobesim.kernel.image.Hypercall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One hypercall table per machine: which kernel hypercalls a booted kernel serves. */
class HypercallCoverageTest {
    static ActorTestKit kit;

    @BeforeAll
    static void setup() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void teardown() {
        kit.shutdownTestKit();
    }

    @Test
    void everyKernelHypercallIsServedButTheKretprobeTrampoline() {
        try (Kernel k = KernelRig.boot(kit, BootConfig.defaults())) {
            Set<Hypercall> missing = EnumSet.noneOf(Hypercall.class);
            for (Hypercall h : Hypercall.values()) {
                // SMP, text_poke and reboot services (64..) register on the machine's table directly
                boolean direct = h.nr() >= 64 || h == Hypercall.PANIC; // KernelControlHypercalls etc.
                if (!direct && !k.hypercalls().handles(h)) {
                    missing.add(h);
                }
                assertNotEquals(null, k.machine().board().hypercalls().lookup(h.nr()), h + " is routed");
            }
            // kretprobe_trampoline belongs to the probe manager
            assertEquals(EnumSet.of(Hypercall.KRETPROBE_TRAMPOLINE), missing);
        }
    }
}
