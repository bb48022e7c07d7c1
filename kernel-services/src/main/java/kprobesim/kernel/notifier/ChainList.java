package kprobesim.kernel.notifier;

import java.util.Arrays;
import java.util.function.Consumer;
import kprobesim.kernel.errno.Errno;

/**
 * The list operations shared by every chain flavour, on immutable arrays: a chain publishes a
 * new array on every change, so a walk that holds an array never sees a half-updated list.
 * Like Linux's {@code notifier_chain_register/unregister}, {@link #register} and
 * {@link #unregister} know nothing of locking: each flavour calls them under its own
 * synchronisation and says how the new array is published.
 */
final class ChainList {
    static final NotifierBlock[] EMPTY = new NotifierBlock[0];

    private ChainList() {}

    /** Index of {@code nb} by identity, or -1. */
    private static int indexOf(NotifierBlock[] blocks, NotifierBlock nb) {
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == nb) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The array with {@code nb} inserted before the first block of strictly lower priority
     * (so after every block of equal priority), or null if it is already there.
     */
    private static NotifierBlock[] inserted(NotifierBlock[] blocks, NotifierBlock nb) {
        if (indexOf(blocks, nb) >= 0) {
            return null;
        }
        int at = 0;
        while (at < blocks.length && nb.priority() <= blocks[at].priority()) {
            at++;
        }
        NotifierBlock[] out = new NotifierBlock[blocks.length + 1];
        System.arraycopy(blocks, 0, out, 0, at);
        out[at] = nb;
        System.arraycopy(blocks, at, out, at + 1, blocks.length - at);
        return out;
    }

    /** The array without {@code nb}, or null if it is not there. */
    private static NotifierBlock[] removed(NotifierBlock[] blocks, NotifierBlock nb) {
        int i = indexOf(blocks, nb);
        if (i < 0) {
            return null;
        }
        NotifierBlock[] out = Arrays.copyOf(blocks, blocks.length - 1);
        System.arraycopy(blocks, i + 1, out, i, blocks.length - i - 1);
        return out;
    }

    /**
     * {@code notifier_chain_register}: hands {@code publish} the list with {@code nb} in priority
     * order and returns 0, or returns -EEXIST (publishing nothing) if {@code nb} is already on it.
     */
    static int register(NotifierBlock[] blocks, NotifierBlock nb, Consumer<NotifierBlock[]> publish) {
        NotifierBlock[] next = inserted(blocks, nb);
        if (next == null) {
            return Errno.EEXIST.neg();
        }
        publish.accept(next);
        return 0;
    }

    /**
     * {@code notifier_chain_unregister}: hands {@code publish} the list without {@code nb} and
     * returns 0, or returns -ENOENT (publishing nothing) if {@code nb} is not on it.
     */
    static int unregister(NotifierBlock[] blocks, NotifierBlock nb, Consumer<NotifierBlock[]> publish) {
        NotifierBlock[] next = removed(blocks, nb);
        if (next == null) {
            return Errno.ENOENT.neg();
        }
        publish.accept(next);
        return 0;
    }

    /** {@code notifier_call_chain}: the walk itself. */
    static CallResult walk(NotifierBlock[] blocks, long action, Object data, int nrToCall) {
        if (nrToCall < -1) {
            throw new IllegalArgumentException("nrToCall must be -1 (all) or >= 0: nrToCall=" + nrToCall);
        }
        int ret = Notify.DONE;
        int calls = 0;
        int left = nrToCall;
        for (NotifierBlock nb : blocks) {
            if (left == 0) {
                break;
            }
            ret = nb.call().call(nb, action, data);
            calls++;
            if (Notify.stops(ret)) {
                break;
            }
            if (left > 0) {
                left--;
            }
        }
        return new CallResult(ret, calls);
    }
}
