package kprobesim.kernel.notifier;

import java.util.List;

/**
 * A priority-ordered notifier chain ({@code kernel/notifier.c}). The three flavours differ
 * only in their synchronisation contract, which their names say:
 *
 * <ul>
 *   <li>{@link AtomicNotifierChain}: callbacks run in atomic context and must not sleep;
 *       (un)registration may race with calls on other CPUs.</li>
 *   <li>{@link BlockingNotifierChain}: callbacks run in process context and may sleep;
 *       a readers-writer lock orders calls against (un)registration.</li>
 *   <li>{@link RawNotifierChain}: no locking at all; the caller serialises everything.</li>
 * </ul>
 *
 * <p>Common semantics: higher priority is called first; a block registered with a priority
 * equal to existing ones goes after them; a walk ends early when a callback's return value has
 * {@link Notify#STOP_MASK} set, and returns that value.
 */
public sealed interface NotifierChain permits AtomicNotifierChain, BlockingNotifierChain, RawNotifierChain {

    /** For diagnostics, e.g. "die_chain". */
    String name();

    /** Adds {@code nb} in priority order. @return 0, or -EEXIST if {@code nb} is already on the chain */
    int register(NotifierBlock nb);

    /** Removes {@code nb}. @return 0, or -ENOENT if it is not on the chain */
    int unregister(NotifierBlock nb);

    /** Calls every block (until one stops the walk). @return the last return value, NOTIFY_DONE if none */
    default int callChain(long action, Object data) {
        return callChain(action, data, -1).ret();
    }

    /**
     * {@code __*_notifier_call_chain(nh, val, v, nr_to_call, nr_calls)}: calls at most
     * {@code nrToCall} blocks (-1 = all).
     */
    CallResult callChain(long action, Object data, int nrToCall);

    /** The blocks in call order, as of now. */
    List<NotifierBlock> blocks();
}
