package kprobesim.cpu.machine;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.exec.GateDescriptor;

/**
 * A machine for the actor tier: a program assembled at the kernel base, loaded as the CLI does,
 * plus a kernel IDT at {@link #IDT} whose gates point at the program's handler symbols.
 */
final class MachineRig implements AutoCloseable {
    static final long IDT = 0xfffffe0000000000L;
    static final Duration WAIT = Duration.ofSeconds(60);

    final ObjectImage image;
    final ProgramLoader.Loaded loaded;
    final HypercallTable hypercalls;
    final Machine machine;

    MachineRig(ActorTestKit kit, String source, MachineConfig cfg, Map<Integer, String> interruptGates) {
        this(kit, source, cfg, interruptGates, new HypercallTable());
    }

    MachineRig(ActorTestKit kit, String source, MachineConfig cfg, Map<Integer, String> interruptGates,
            HypercallTable hypercalls) {
        this.image = TestPrograms.assembleSource(source, "rig.S");
        this.loaded = ProgramLoader.load(image, cfg.cpus());
        this.hypercalls = hypercalls;
        loaded.memory().map(IDT, 4096);
        interruptGates.forEach((v, sym) -> GateDescriptor.interruptGate(sym(sym)).writeTo(loaded.memory(), IDT, v));
        this.machine = Machine.create(kit.system(), cfg, loaded.memory(), hypercalls, new Idtr(IDT, 0xfff),
                loaded::boot);
    }

    long sym(String name) {
        return TestPrograms.symbol(image, name);
    }

    /** Quadword at offset {@code off} of CPU {@code cpu}'s per-CPU area (16.. are free for tests). */
    long percpu(int cpu, int off) {
        return loaded.memory().read64(ProgramLoader.PERCPU + cpu * ProgramLoader.PERCPU_STRIDE + off);
    }

    long read64(String symbol) {
        return loaded.memory().read64(sym(symbol));
    }

    List<CpuSnapshot> runToQuiescence() {
        machine.start();
        await(machine.quiescent());
        return machine.snapshotsNow();
    }

    static <T> T await(CompletionStage<T> s) {
        try {
            return s.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        machine.close();
    }
}
