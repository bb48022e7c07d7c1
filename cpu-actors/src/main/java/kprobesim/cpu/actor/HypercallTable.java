package kprobesim.cpu.actor;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The machine's hypercall numbers and their Java services. Thread-safe: the kernel registers
 * services while CPUs look them up. An unknown number returns {@link #ENOSYS} in rax (KVM's
 * {@code -KVM_ENOSYS}), it does not fault.
 *
 * <h2>Built-in hypercalls (always present unless replaced)</h2>
 * <pre>
 *  nr  name        arguments                         result
 *  10  SEND_IPI    rdi = target CPU (-1: all others), rsi = vector   number of CPUs sent to, -22 for a bad CPU
 *  11  CPU_ID      -                                 this CPU's id
 *  12  SYNC_CORE   -  (broadcast SyncCore to the other online CPUs and wait, like text_poke_sync)  0, or -110 on timeout
 * </pre>
 */
public final class HypercallTable {
    public static final long ENOSYS = -1000;
    /** A bad argument (e.g. SEND_IPI to a CPU that does not exist). */
    public static final long EINVAL = -22;
    public static final int SEND_IPI = 10, CPU_ID = 11, SYNC_CORE = 12;

    private final ConcurrentHashMap<Integer, Hypercall> services = new ConcurrentHashMap<>();

    public HypercallTable register(int nr, Hypercall service) {
        services.put(nr, service);
        return this;
    }

    /** The service for {@code nr}, or null. */
    public Hypercall lookup(int nr) {
        return services.get(nr);
    }
}
