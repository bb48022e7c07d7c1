package kprobesim.kernel.machine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.CpuContext;
import kprobesim.cpu.actor.Reply;
import kprobesim.cpu.machine.Machine;
import kprobesim.kernel.notifier.MachineControl;

/**
 * {@link MachineControl} over the CPU actors: {@code smp_send_stop}, {@code machine_halt},
 * {@code machine_power_off}, {@code machine_restart}.
 *
 * <p>Stopping a CPU is {@link Cpu.Halt}: a command, not an interrupt, so it is taken even with
 * IF=0 (Linux's NMI stop); the CPU clears IF, becomes STOPPED and executes no more guest code.
 * When the caller runs on a CPU (a hypercall: {@link #onCpu}), "other" means every CPU but that
 * one, and halting stops the calling CPU right after its {@code vmcall}: it waits for its own
 * Halt, so not one more guest instruction runs. From plain Java there is no current CPU: "other"
 * means all of them.
 *
 * <p>halt/powerOff/restart stop every CPU and complete {@link #outcome()} once (the first call
 * wins). Thread-safe.
 */
public final class ActorMachineControl implements MachineControl {
    private final Machine machine;
    private final CompletableFuture<MachineOutcome> outcome = new CompletableFuture<>();
    /** The CPU context of the hypercall running on this thread, if any (set by {@link #onCpu}). */
    private final ThreadLocal<CpuContext> current = new ThreadLocal<>();

    public ActorMachineControl(Machine machine) {
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    /**
     * Runs {@code body} (e.g. {@code panic(msg)}, {@code kernel_halt()}) as code executing on the
     * CPU of {@code ctx}: stops exclude that CPU, and a halt stops it after the current instruction.
     */
    public <T> T onCpu(CpuContext ctx, java.util.function.Supplier<T> body) {
        CpuContext before = current.get();
        current.set(ctx);
        try {
            return body.get();
        } finally {
            if (before == null) {
                current.remove();
            } else {
                current.set(before);
            }
        }
    }

    /** Completes when halt, powerOff or restart ended the run. */
    public CompletionStage<MachineOutcome> outcome() {
        return outcome;
    }

    /** The outcome if the run ended, else null. */
    public MachineOutcome outcomeNow() {
        return outcome.getNow(null);
    }

    @Override
    public void stopOtherCpus() {
        CpuContext ctx = current.get();
        int self = ctx == null ? -1 : ctx.cpuId();
        for (int cpu : machine.board().onlineCpus(self)) {
            machine.board().interconnect().send(cpu, new Cpu.Halt(Reply.none()));
        }
    }

    @Override
    public void halt() {
        end(new MachineOutcome(MachineOutcome.Kind.HALT, null));
    }

    @Override
    public void powerOff() {
        end(new MachineOutcome(MachineOutcome.Kind.POWER_OFF, null));
    }

    @Override
    public void restart(String cmd) {
        end(new MachineOutcome(MachineOutcome.Kind.RESTART, cmd));
    }

    private void end(MachineOutcome o) {
        stopOtherCpus();
        CpuContext ctx = current.get();
        if (ctx != null) {
            // stop this CPU after the vmcall: it waits for its own Halt, which makes it STOPPED
            ctx.broadcast(new int[] {ctx.cpuId()}, Cpu.Halt::new, r -> { });
        }
        outcome.complete(o);
    }
}
