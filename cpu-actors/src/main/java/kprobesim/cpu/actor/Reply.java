package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;

/**
 * Where a CPU sends an {@link Ack}. Acks to another CPU travel through the {@link Interconnect}
 * (so in deterministic mode they take effect at a round boundary, like every cross-CPU message);
 * acks to Java go straight to an actor, which cannot influence the simulation.
 */
public sealed interface Reply {
    /**
     * To a CPU waiting for a broadcast it started: request id is its own. In parallel mode the
     * answers gather in {@code sink} and only the last one is a message; null in deterministic mode.
     */
    record ToCpu(int cpu, long request, AckSink sink) implements Reply {}

    /** To an actor outside the machine (a test probe, a collector, an ask). */
    record ToActor(ActorRef<Ack> ref, long request) implements Reply {}

    /** Nobody waits. */
    enum None implements Reply { INSTANCE }

    static Reply to(ActorRef<Ack> ref) {
        return new ToActor(ref, 0);
    }

    static Reply none() {
        return None.INSTANCE;
    }
}
