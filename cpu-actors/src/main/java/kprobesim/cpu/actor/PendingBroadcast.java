package kprobesim.cpu.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A broadcast with wait that a CPU started: which targets answered how, which have not yet, the
 * continuation to run at the end, and the deadline (a clock round in deterministic mode; parallel
 * mode uses an Akka timer). Owned by the waiting CPU's actor; not thread-safe except for the
 * {@link AckSink} through which parallel-mode targets answer.
 */
final class PendingBroadcast {
    final long request;
    final TreeMap<Integer, Ack.Outcome> answered = new TreeMap<>();
    final TreeMap<Integer, Boolean> pending = new TreeMap<>();
    final Consumer<BroadcastResult> then;
    final AckSink sink;
    long deadlineRound;

    PendingBroadcast(long request, int[] targets, Consumer<BroadcastResult> then, AckSink sink) {
        this.request = request;
        this.then = then;
        this.sink = sink;
        for (int t : targets) {
            pending.put(t, Boolean.TRUE);
        }
    }

    /** Moves the answers gathered in the sink (parallel mode) into {@link #answered}. */
    void collect() {
        if (sink != null) {
            sink.answers().forEach((cpu, o) -> {
                if (pending.remove(cpu) != null) {
                    answered.put(cpu, o);
                }
            });
        }
    }

    /** The outcome so far; targets that have not answered count as timed out. */
    BroadcastResult result() {
        collect();
        List<Integer> done = new ArrayList<>();
        List<Integer> offline = new ArrayList<>();
        answered.forEach((cpu, o) -> (o == Ack.Outcome.DONE ? done : offline).add(cpu));
        return new BroadcastResult(done, offline, new ArrayList<>(pending.keySet()));
    }
}
