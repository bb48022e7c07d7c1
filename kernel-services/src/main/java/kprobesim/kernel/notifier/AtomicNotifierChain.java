package kprobesim.kernel.notifier;

import java.util.List;
import java.util.Objects;

/**
 * {@code struct atomic_notifier_head}: callbacks run in atomic context (interrupts, traps,
 * with preemption off) and must not sleep or block; registration may happen on one CPU while
 * other CPUs walk the chain. The die chain and {@code panic_notifier_list} are atomic chains.
 *
 * <h2>Assumptions and Guarantees</h2>
 * <ul>
 *   <li>Guarantee: a walk sees one consistent list, the one published when it started
 *       (copy-on-write array in a volatile field; Linux uses RCU for the same effect). A block
 *       registered during a walk may or may not be called by that walk; the order of the others
 *       is never disturbed.</li>
 *   <li>Guarantee: when {@link #unregister} returns, no walk is still running (or will run) the
 *       removed block, so its owner may free what the callback uses ({@code synchronize_rcu}).</li>
 *   <li>Guarantee: walks never take a lock; (un)registrations are serialised by a monitor
 *       ({@code nh->lock}, a spinlock in Linux).</li>
 *   <li>Assumption: a callback does not unregister a block from the chain it is called on
 *       (reported as {@link IllegalStateException}: it would wait for itself).</li>
 * </ul>
 */
public final class AtomicNotifierChain implements NotifierChain {
    private final String name;
    /** The published list, replaced as a whole. Written only while holding {@code this}. */
    private volatile NotifierBlock[] blocks = ChainList.EMPTY;
    private final GracePeriod grace;

    public AtomicNotifierChain(String name) {
        this(name, new GracePeriod());
    }

    AtomicNotifierChain(String name, GracePeriod grace) {
        this.name = Objects.requireNonNull(name, "name");
        this.grace = grace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized int register(NotifierBlock nb) {
        return ChainList.register(blocks, Objects.requireNonNull(nb, "nb"), next -> blocks = next);
    }

    @Override
    public int unregister(NotifierBlock nb) {
        int ret;
        synchronized (this) {
            ret = ChainList.unregister(blocks, nb, next -> blocks = next);
        }
        if (ret != 0) {
            return ret; // not on the chain: no walk can be running it, nothing to wait for
        }
        grace.synchronize();
        return 0;
    }

    @Override
    public CallResult callChain(long action, Object data, int nrToCall) {
        int ticket = grace.enter();
        try {
            return ChainList.walk(blocks, action, data, nrToCall);
        } finally {
            grace.exit(ticket);
        }
    }

    @Override
    public List<NotifierBlock> blocks() {
        return List.of(blocks);
    }
}
