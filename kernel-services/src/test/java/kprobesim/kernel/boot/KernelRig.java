package kprobesim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.time.Duration;
import kprobesim.cpu.asm.SourceFile;
import kprobesim.kernel.image.UserProgram;

/** Test helpers: assemble a user program, boot, run to the end. */
final class KernelRig {
    private KernelRig() {}

    static UserProgram program(String name, String source) {
        UserProgram.Result r = UserProgram.assemble(new SourceFile(name, source));
        if (r instanceof UserProgram.Result.Ok ok) {
            return ok.program();
        }
        fail("does not assemble: " + r);
        return null;
    }

    /** Runs the kernel until every CPU stopped; asserts it ended in time and no hypercall was unhandled. */
    static void runToEnd(Kernel k) {
        k.start();
        assertTrue(k.awaitEnd(Duration.ofSeconds(60)), "the run did not end");
        assertEquals(0, k.hypercalls().unhandled(), "unhandled hypercalls");
    }

    static Kernel boot(ActorTestKit kit, BootConfig cfg) {
        return Kernel.boot(kit.system(), cfg);
    }
}
