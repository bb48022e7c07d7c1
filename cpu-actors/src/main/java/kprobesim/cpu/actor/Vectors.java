package kprobesim.cpu.actor;

/** Interrupt vectors the machine raises (Linux's numbers, arch/x86/include/asm/irq_vectors.h). */
public final class Vectors {
    private Vectors() {}

    /** Non-maskable interrupt: delivered even with IF=0; used for the panic stop. */
    public static final int NMI = 2;
    /** LOCAL_TIMER_VECTOR: the per-CPU timer, every T retired instructions of virtual time. */
    public static final int TIMER = 0xef;
    /** CALL_FUNCTION_VECTOR: smp_call_function IPIs. */
    public static final int CALL_FUNCTION = 0xfb;
    /** RESCHEDULE_VECTOR. */
    public static final int RESCHEDULE = 0xfd;
}
