package kprobesim.kernel.testing;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import kprobesim.cpu.actor.CpuSnapshot;
import kprobesim.cpu.actor.HypercallTable;
import kprobesim.cpu.actor.Idtr;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.cpu.exec.GateDescriptor;
import kprobesim.cpu.machine.Machine;
import kprobesim.cpu.machine.MachineConfig;
import kprobesim.cpu.machine.ProgramLoader;

/**
 * A running machine for kernel-services tests: a program assembled at the kernel base and
 * loaded as the CLI does, an IDT at {@link #IDT} whose gates point at the program's symbols, and
 * the hypercall table the kernel services are installed on.
 */
public final class SimRig implements AutoCloseable {
    public static final long IDT = 0xfffffe0000000000L;
    public static final Duration WAIT = Duration.ofSeconds(60);

    public final ObjectImage image;
    public final ProgramLoader.Loaded loaded;
    public final HypercallTable hypercalls = new HypercallTable();
    public final Machine machine;

    public SimRig(ActorTestKit kit, String source, MachineConfig cfg, Map<Integer, String> interruptGates) {
        AssemblyResult r = Assembler.assemble(source, "rig.S", ProgramLoader.KERNEL_BASE);
        if (!r.ok()) {
            throw new IllegalArgumentException(r.toString());
        }
        this.image = r.image();
        this.loaded = ProgramLoader.load(image, cfg.cpus());
        loaded.memory().map(IDT, 4096);
        interruptGates.forEach((v, sym) -> GateDescriptor.interruptGate(sym(sym)).writeTo(loaded.memory(), IDT, v));
        this.machine = Machine.create(kit.system(), cfg, loaded.memory(), hypercalls, new Idtr(IDT, 0xfff),
                loaded::boot);
    }

    public long sym(String name) {
        return image.symbol(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name)).value();
    }

    /** True inside the program's executable sections (the test's "kernel text"). */
    public boolean isText(long addr) {
        for (SectionImage s : image.sections()) {
            if (s.flags().contains("x") && s.contains(addr)) {
                return true;
            }
        }
        return false;
    }

    public long read64(long addr) {
        return loaded.memory().read64(addr);
    }

    public List<CpuSnapshot> snapshots() {
        return await(machine.snapshots());
    }

    public static <T> T await(CompletionStage<T> s) {
        try {
            return s.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no answer within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        machine.close();
    }
}
