package kprobesim.cpu.actor;

import java.util.function.Consumer;
import java.util.function.Function;
import kprobesim.cpu.exec.TaskState;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * What Java code running on a CPU (a {@link CpuFunction} in IPI context, a {@link Hypercall})
 * may touch: this CPU's core and TSS, the shared machine, and the cross-CPU primitives. Valid
 * only during the call, on the CPU's actor thread.
 */
public interface CpuContext {
    int cpuId();

    X86Core core();

    TaskState taskState();

    Board board();

    default PhysicalMemory memory() {
        return board().memory();
    }

    /**
     * Sends {@code make.apply(reply)} to every <em>other</em> online CPU; this CPU then executes no
     * guest code (its actor keeps handling messages) until all acknowledged or the machine's SMP
     * timeout passed, and then runs {@code then} on this CPU. With no other CPU online, {@code then}
     * runs at once. Called from a hypercall, the guest stops after the {@code vmcall} and resumes
     * after {@code then}.
     */
    void broadcast(Function<Reply, Cpu.Command> make, Consumer<BroadcastResult> then);

    /** Same as {@link #broadcast(Function, Consumer)} to the given CPUs (offline ones answer "offline"). */
    void broadcast(int[] cpus, Function<Reply, Cpu.Command> make, Consumer<BroadcastResult> then);

    /** Raises interrupt {@code vector} on {@code cpu} (an IPI, counted on the receiver). */
    void sendIpi(int cpu, int vector);

    /**
     * Runs {@code work} while no other CPU executes guest code (QEMU's {@code start_exclusive}):
     * in deterministic mode inside the clock at the next round boundary, in parallel mode on this
     * CPU after every other online CPU parked at a slice boundary. Then runs {@code then} here.
     */
    void exclusive(Runnable work, Runnable then);
}
