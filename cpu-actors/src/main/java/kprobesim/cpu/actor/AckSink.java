package kprobesim.cpu.actor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parallel mode's acknowledgement counter for a CPU's broadcast with wait: each target records
 * its answer here and only the last one sends the waiting CPU a message. A CPU actor handles one
 * message per turn of the dispatcher, so 255 separate acks would cost the waiter 255 turns behind
 * every busy CPU; with the sink it costs one. Deterministic mode does not use it: there every ack
 * is a message routed through the clock, which is what makes it reproducible. Thread-safe.
 */
public final class AckSink {
    private final ConcurrentHashMap<Integer, Ack.Outcome> answers = new ConcurrentHashMap<>();
    private final AtomicInteger remaining;

    public AckSink(int targets) {
        this.remaining = new AtomicInteger(targets);
    }

    /** Records {@code cpu}'s answer; true for the last expected answer (the caller then wakes the waiter). */
    public boolean record(int cpu, Ack.Outcome outcome) {
        if (answers.putIfAbsent(cpu, outcome) != null) {
            return false;
        }
        return remaining.decrementAndGet() == 0;
    }

    /** The answers so far, by CPU. */
    public Map<Integer, Ack.Outcome> answers() {
        return new TreeMap<>(answers);
    }

    /** Delivers {@code from}'s acknowledgement to {@code to}, however it is routed. */
    static void acknowledge(Board board, Reply to, int from, Ack.Outcome outcome) {
        if (to instanceof Reply.ToCpu c) {
            if (c.sink() == null || c.sink().record(from, outcome)) {
                board.interconnect().send(c.cpu(), new Cpu.AckReceived(new Ack(from, c.request(), outcome)));
            }
        } else if (to instanceof Reply.ToActor a) {
            a.ref().tell(new Ack(from, a.request(), outcome));
        }
    }
}
