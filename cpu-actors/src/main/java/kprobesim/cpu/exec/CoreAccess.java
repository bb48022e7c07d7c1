package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Flags;

/**
 * The few things a CPU actor needs from a core beyond {@link X86Core}'s public API, kept out of
 * the interpreter's file so the core stays the exec team's: segment selectors, whether the last
 * exception came from {@code int n}, and a way for a hypercall to end the current run.
 *
 * <p>Like the core itself, every method must be called on the core's owning thread.
 */
public final class CoreAccess {
    private CoreAccess() {}

    /** Code segment selector (its low two bits are the CPL). */
    public static int cs(X86Core c) {
        return (int) c.cs;
    }

    public static int ss(X86Core c) {
        return (int) c.ss;
    }

    /** Sets CS, SS and CPL (= the RPL of cs) together, e.g. to start a CPU in ring 3. */
    public static void setSegments(X86Core c, int cs, int ss) {
        c.cs = cs & 0xffff;
        c.ss = ss & 0xffff;
        c.cpl = cs & 3;
    }

    /** RFLAGS.IF without materialising the lazy status flags. */
    public static boolean interruptsEnabled(X86Core c) {
        return (c.flags & Flags.IF) != 0;
    }

    /**
     * Marks the start of a {@link X86Core#run} call so that {@link #wasSoftwareInterrupt} can tell
     * {@code int $14} from a page fault afterwards (the returned {@link CpuException} cannot).
     */
    public static void beginRun(X86Core c) {
        c.fault.set(-1, 0, 0, false);
    }

    /**
     * True if the exception {@code e} that ended the last run (started with {@link #beginRun})
     * was raised by {@code int n} or {@code int3} rather than by a fault or the TF trap.
     */
    public static boolean wasSoftwareInterrupt(X86Core c, CpuException e) {
        GuestFault f = c.fault;
        return f.trap && f.vector == e.vector();
    }

    /**
     * Ends the current {@link X86Core#run} after the instruction being executed retires; the run
     * returns {@code HLT}, so the caller must remember it asked (used by hypercalls that make the
     * CPU wait, e.g. a broadcast with wait).
     */
    public static void stopAfterCurrentInstruction(X86Core c) {
        c.halted = true;
    }
}
