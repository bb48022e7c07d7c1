package kprobesim.cpu.actor;

import java.util.List;

/**
 * How a broadcast with wait ended: which CPUs ran the request, which were offline (skipped) and
 * which did not answer before the timeout. CPU lists are in ascending order.
 */
public record BroadcastResult(List<Integer> done, List<Integer> offline, List<Integer> timedOut) {
    public BroadcastResult {
        done = List.copyOf(done);
        offline = List.copyOf(offline);
        timedOut = List.copyOf(timedOut);
    }

    public static final BroadcastResult EMPTY = new BroadcastResult(List.of(), List.of(), List.of());

    /** True if every targeted CPU answered (ran it or was offline). */
    public boolean complete() {
        return timedOut.isEmpty();
    }
}
