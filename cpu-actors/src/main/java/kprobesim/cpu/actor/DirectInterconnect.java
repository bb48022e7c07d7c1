package kprobesim.cpu.actor;

import akka.actor.typed.ActorRef;
import java.util.List;

/** Parallel mode: commands go straight to the CPU's mailbox, counted for quiescence. */
public final class DirectInterconnect implements Interconnect {
    private final List<ActorRef<Cpu.Command>> cpus;
    private final Quiescence quiescence;
    private final ActorRef<ExclusiveCoordinator.Command> coordinator;

    public DirectInterconnect(List<ActorRef<Cpu.Command>> cpus, Quiescence quiescence,
            ActorRef<ExclusiveCoordinator.Command> coordinator) {
        this.cpus = List.copyOf(cpus);
        this.quiescence = quiescence;
        this.coordinator = coordinator;
    }

    @Override
    public void send(int cpu, Cpu.Command command) {
        quiescence.increment();
        cpus.get(cpu).tell(new Cpu.Routed(command));
    }

    @Override
    public int cpuCount() {
        return cpus.size();
    }

    @Override
    public void runExclusive(Runnable work, Reply done) {
        coordinator.tell(new ExclusiveCoordinator.Request(work, done));
    }
}
