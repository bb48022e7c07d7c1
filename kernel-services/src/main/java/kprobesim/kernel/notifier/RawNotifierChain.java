package kprobesim.kernel.notifier;

import java.util.List;
import java.util.Objects;

/**
 * {@code struct raw_notifier_head}: no locking; the caller provides all synchronisation
 * (for example, it only touches the chain while holding its own lock, or from one actor).
 * Not thread-safe. A callback may unregister itself during a walk: the walk goes on over the
 * list it started with, as Linux's walk reads {@code next} before calling.
 */
public final class RawNotifierChain implements NotifierChain {
    private final String name;
    /** Accessed only under the caller's synchronisation. */
    private NotifierBlock[] blocks = ChainList.EMPTY;

    public RawNotifierChain(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int register(NotifierBlock nb) {
        return ChainList.register(blocks, Objects.requireNonNull(nb, "nb"), next -> blocks = next);
    }

    @Override
    public int unregister(NotifierBlock nb) {
        return ChainList.unregister(blocks, nb, next -> blocks = next);
    }

    @Override
    public CallResult callChain(long action, Object data, int nrToCall) {
        return ChainList.walk(blocks, action, data, nrToCall);
    }

    @Override
    public List<NotifierBlock> blocks() {
        return List.of(blocks);
    }
}
