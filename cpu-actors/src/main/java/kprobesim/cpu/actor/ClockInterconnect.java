package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;

/** Deterministic mode: every command is posted to the {@link Clock} and delivered at a round boundary. */
public final class ClockInterconnect implements Interconnect {
    private final ActorRef<Clock.Command> clock;
    private final int cpus;

    public ClockInterconnect(ActorRef<Clock.Command> clock, int cpus) {
        this.clock = clock;
        this.cpus = cpus;
    }

    @Override
    public void send(int cpu, Cpu.Command command) {
        clock.tell(new Clock.Post(cpu, command));
    }

    @Override
    public void sendBatch(int[] cpus, Cpu.Command[] commands) {
        java.util.List<Clock.Post> posts = new java.util.ArrayList<>(cpus.length);
        for (int i = 0; i < cpus.length; i++) {
            posts.add(new Clock.Post(cpus[i], commands[i]));
        }
        clock.tell(new Clock.PostBatch(posts));
    }

    @Override
    public int cpuCount() {
        return cpus;
    }

    @Override
    public void runExclusive(Runnable work, Reply done) {
        clock.tell(new Clock.Exclusive(work, done));
    }

    public ActorRef<Clock.Command> clock() {
        return clock;
    }
}
