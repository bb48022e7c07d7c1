package kprobesim.cpu.exec;

import kprobesim.cpu.isa.Flags;
import kprobesim.cpu.isa.Reg;

/**
 * Delivers an exception or interrupt to a core through the IDT in simulated memory, as a
 * long-mode x86-64 CPU does (Intel SDM Vol. 3 §6.12 and §6.14):
 *
 * <ol>
 *   <li>gate {@code vector} must lie inside IDTR.limit, else #GP(vector*8 + 2 + EXT);</li>
 *   <li>its type must be a 64-bit interrupt (0xE) or trap (0xF) gate, else #GP(same);</li>
 *   <li>for {@code int n} / {@code int3} ({@link Source#SOFTWARE}) the gate's DPL must be
 *       &ge; CPL, else #GP(vector*8 + 2);</li>
 *   <li>the gate must be present, else #NP(vector*8 + 2 + EXT) (vector 11);</li>
 *   <li>stack: IST entry if the gate names one, else RSP0 of the {@link TaskState} when entering
 *       ring 0 from ring 3, else the current RSP; aligned down to 16 bytes;</li>
 *   <li>push SS, RSP, RFLAGS, CS, RIP and, for exceptions 8, 10-14, 17, 21, the error code;</li>
 *   <li>clear TF, NT, RF (and IF for an interrupt gate); CS = gate selector, CPL = its RPL,
 *       RIP = gate offset.</li>
 * </ol>
 *
 * <p>EXT (bit 0 of the error code) is set when the event being delivered was not an
 * {@code int n}: "the exception occurred during delivery of an event external to the program".
 *
 * <p>A fault while delivering follows the SDM's double-fault table (§6.15, Table 6-5): a
 * contributory exception (#DE, #TS, #NP, #SS, #GP) during a contributory one, or a #PF or
 * contributory exception during a #PF, becomes #DF (vector 8, error 0); any other pair is handled
 * serially (the second exception is delivered instead, e.g. a timer interrupt whose gate is
 * missing becomes #NP). A fault while delivering #DF is a triple fault, reported as
 * {@link Outcome#TRIPLE_FAULT} (the CPU shuts down; the caller stops it).
 *
 * <p>All memory accesses (gate reads, frame pushes) go through the core's own load/store path as
 * supervisor accesses, so whatever translation the core applies (page tables later) applies here
 * too. Registers are committed only after every push succeeded. A #PF raised by delivery sets CR2.
 */
public final class InterruptDelivery {
    /** What kind of event is being delivered (it decides the DPL check, the error code and EXT). */
    public enum Source {
        /** An exception raised by an instruction: a fault (#DE #UD #GP #PF ...) or a trap (#DB). */
        EXCEPTION,
        /** {@code int n} or {@code int3}: DPL is checked, no error code is pushed. */
        SOFTWARE,
        /** An external interrupt (timer, IPI) or NMI: no error code, no DPL check. */
        EXTERNAL
    }

    public enum Outcome { DELIVERED, TRIPLE_FAULT }

    /**
     * The result of one delivery.
     *
     * @param vector    the vector finally delivered (8 after a double fault, the second exception
     *                  when handled serially); for a triple fault the vector that could not be delivered
     * @param errorCode the error code pushed (if the vector has one)
     * @param chain     how many events were attempted (1 = delivered at the first try)
     */
    public record Result(Outcome outcome, int vector, int errorCode, int chain) {
        public boolean delivered() {
            return outcome == Outcome.DELIVERED;
        }
    }

    public static final int DF = 8, TS = 10, NP = 11, SS = 12, AC = 17, CP = 21;

    /** RFLAGS bits cleared by every delivery (TF, NT, RF, VM); IF only by interrupt gates. */
    private static final long CLEARED = Flags.TF | (1L << 14) | (1L << 16) | (1L << 17);

    private InterruptDelivery() {}

    /** True for the exceptions that push an error code (SDM Vol. 3 Table 6-1). */
    public static boolean hasErrorCode(int vector) {
        return vector == DF || (vector >= TS && vector <= CpuException.PF) || vector == AC || vector == CP
                || vector == 29 || vector == 30;
    }

    private static boolean contributory(int v) {
        return v == CpuException.DE || v == TS || v == NP || v == SS || v == CpuException.GP;
    }

    /**
     * Delivers {@code vector} to {@code core}. {@code errorCode} is used only when the source is
     * {@link Source#EXCEPTION} and the vector has an error code.
     */
    public static Result deliver(X86Core core, TaskState tss, int vector, int errorCode, Source source) {
        int v = vector & 0xff;
        int err = errorCode;
        Source src = source;
        for (int chain = 1; ; chain++) {
            GuestFault f = tryDeliver(core, tss, v, err, src);
            if (f == null) {
                return new Result(Outcome.DELIVERED, v, src == Source.EXCEPTION && hasErrorCode(v) ? err : 0, chain);
            }
            if (f.vector == CpuException.PF) {
                core.cr2 = f.address;
            }
            if (v == DF && src == Source.EXCEPTION) {
                return new Result(Outcome.TRIPLE_FAULT, v, 0, chain);
            }
            boolean dbl = src == Source.EXCEPTION && ((contributory(v) && contributory(f.vector))
                    || (v == CpuException.PF && (contributory(f.vector) || f.vector == CpuException.PF)));
            if (dbl) {
                v = DF;
                err = 0;
            } else {
                v = f.vector;
                err = f.errorCode;
            }
            src = Source.EXCEPTION;
            if (chain > 8) {
                // Cannot happen with the table above (every chain reaches #DF within 3 steps);
                // guard against a delivery loop turning into a hang.
                return new Result(Outcome.TRIPLE_FAULT, v, 0, chain);
            }
        }
    }

    /** Delivers a {@link CpuException} returned by {@link X86Core#run}, classifying int n / int3 as software. */
    public static Result deliver(X86Core core, TaskState tss, CpuException e) {
        Source src = CoreAccess.wasSoftwareInterrupt(core, e) ? Source.SOFTWARE : Source.EXCEPTION;
        return deliver(core, tss, e.vector(), e.errorCode(), src);
    }

    /** One attempt; returns null on success or the (shared) fault that stopped it, nothing committed. */
    private static GuestFault tryDeliver(X86Core c, TaskState tss, int v, int err, Source src) {
        final int oldCpl = c.cpl;
        final int ext = src == Source.SOFTWARE ? 0 : 1;
        final int idtError = (v << 3) | 2 | ext;
        try {
            if ((long) v * GateDescriptor.SIZE + 15 > (c.idtLimit & 0xffffL)) {
                return c.fault.set(CpuException.GP, idtError, 0, false);
            }
            c.cpl = 0; // gate reads and frame pushes are implicit supervisor accesses
            long gateAddr = c.idtBase + (long) v * GateDescriptor.SIZE;
            GateDescriptor g = GateDescriptor.unpack(c.load(gateAddr, 8), c.load(gateAddr + 8, 8));
            if (!g.isValidType()) {
                return fail(c, oldCpl, CpuException.GP, idtError);
            }
            if (src == Source.SOFTWARE && g.dpl() < oldCpl) {
                return fail(c, oldCpl, CpuException.GP, (v << 3) | 2);
            }
            if (!g.present()) {
                return fail(c, oldCpl, NP, idtError);
            }
            int newCpl = g.selector() & 3;
            if (newCpl > oldCpl) {
                return fail(c, oldCpl, CpuException.GP, (g.selector() & 0xfffc) | ext);
            }
            long oldRsp = c.r[Reg.RSP];
            long sp;
            if (g.ist() != 0) {
                sp = tss.ist(g.ist());
            } else if (newCpl < oldCpl) {
                sp = tss.rsp0();
            } else {
                sp = oldRsp;
            }
            sp &= ~0xfL;
            boolean withError = src == Source.EXCEPTION && hasErrorCode(v);
            long rflags = c.rflags();
            sp -= 8; c.store(sp, 8, c.ss);
            sp -= 8; c.store(sp, 8, oldRsp);
            sp -= 8; c.store(sp, 8, rflags);
            sp -= 8; c.store(sp, 8, c.cs);
            sp -= 8; c.store(sp, 8, c.rip);
            if (withError) {
                sp -= 8; c.store(sp, 8, err & 0xffffffffL);
            }
            // commit
            long newFlags = rflags & ~CLEARED;
            if (g.type() == GateDescriptor.INTERRUPT_GATE) {
                newFlags &= ~Flags.IF;
            }
            c.setRflags(newFlags);
            c.r[Reg.RSP] = sp;
            if (newCpl < oldCpl) {
                c.ss = newCpl; // long mode loads a null SS on a privilege change
            }
            c.cs = g.selector();
            c.cpl = newCpl;
            c.rip = g.offset();
            c.halted = false;
            return null;
        } catch (GuestFault f) {
            c.cpl = oldCpl;
            return f;
        }
    }

    private static GuestFault fail(X86Core c, int oldCpl, int vector, int error) {
        c.cpl = oldCpl;
        return c.fault.set(vector, error, 0, false);
    }
}
