package kprobesim.kernel.notifier;

/**
 * The die chain: {@code register_die_notifier}, {@code unregister_die_notifier} and
 * {@code notify_die}. An atomic chain: traps call it with preemption off, possibly on every
 * CPU at once. Kprobes register here with {@link NotifierBlock#PRIORITY_FIRST} so they see
 * DIE_INT3 and DIE_DEBUG before anyone else, and return NOTIFY_STOP for their own traps.
 */
public final class DieNotifier {
    private final AtomicNotifierChain chain = new AtomicNotifierChain("die_chain");

    public int registerDieNotifier(NotifierBlock nb) {
        return chain.register(nb);
    }

    public int unregisterDieNotifier(NotifierBlock nb) {
        return chain.unregister(nb);
    }

    /**
     * {@code notify_die(val, str, regs, err, trap, sig)}. A trap handler stops its own
     * processing when this returns {@link Notify#STOP}.
     */
    public int notifyDie(DieVal val, String str, long regs, long err, int trap, int sig) {
        return chain.callChain(val.value(), new DieArgs(regs, str, err, trap, sig));
    }

    public AtomicNotifierChain chain() {
        return chain;
    }
}
